import Box from '@mui/material/Box';
import IconButton, { type IconButtonProps } from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import type { GridSlotProps } from '@mui/x-data-grid';
import { Children, isValidElement, useState, type FocusEvent, type MouseEvent, type ReactNode } from 'react';
import { gridActionClass } from '../grid-action';

/** The `aria-label` of an element or of the first descendant element that has one. */
function accessibleName(node: ReactNode): string | null {
  if (!isValidElement<{ 'aria-label'?: unknown; children?: ReactNode }>(node)) return null;
  const label = node.props['aria-label'];
  if (typeof label === 'string') return label;
  for (const child of Children.toArray(node.props.children)) {
    const name = accessibleName(child);
    if (name !== null) return name;
  }
  return null;
}

/**
 * The grid's own tooltips (column menu, sort) say what the button's accessible name says: the
 * grid's defaults ("Menu", "Sort") name neither the column nor the direction.
 */
export function NamedTooltip({ title, children, material, ...other }: GridSlotProps['baseTooltip']) {
  return (
    <Tooltip {...other} {...material} title={accessibleName(children) ?? title}>
      {children}
    </Tooltip>
  );
}

/**
 * A paging button (first, previous, next, last page) with an MUI tooltip of its accessible name
 * instead of the browser's `title`. The wrapper keeps the tooltip working on a disabled button,
 * which gets no pointer events.
 */
export function PagingButton(props: IconButtonProps) {
  const label = props['aria-label'] ?? (typeof props.title === 'string' ? props.title : '');
  return (
    <Tooltip title={label} describeChild>
      <Box component="span" sx={{ display: 'inline-flex' }}>
        <IconButton {...props} title={undefined} />
      </Box>
    </Tooltip>
  );
}

interface ShownAction {
  element: HTMLElement;
  label: string;
}

function actionOf(target: EventTarget | null): ShownAction | null {
  // The pending mark has the browser's tooltip (its `title`) already.
  const element = target instanceof Element ? target.closest<HTMLElement>(`.${gridActionClass}:not([title])`) : null;
  const label = element?.getAttribute('aria-label');
  return element && label ? { element, label } : null;
}

/**
 * One MUI tooltip for every row action of the grid (Copy link, Open), shown at
 * the action the pointer is on or the keyboard focused, with the action's accessible name. A
 * tooltip per action would add two components to every cell the grid re-renders on each
 * keystroke, streamed batch and page change; this one listens once, around the grid.
 */
export function RowActionTooltips({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<ShownAction | null>(null);
  const show = (event: MouseEvent | FocusEvent) => {
    const action = actionOf(event.target);
    if (action !== null) setShown((current) => (current?.element === action.element ? current : action));
  };
  const hide = (event: MouseEvent | FocusEvent) => {
    const next = event.relatedTarget;
    setShown((current) =>
      current !== null && next instanceof Node && current.element.contains(next) ? current : null,
    );
  };
  return (
    <Box
      onMouseOver={show}
      onMouseOut={hide}
      onFocus={show}
      onBlur={hide}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setShown(null);
      }}
    >
      {children}
      <Tooltip
        open={shown !== null && shown.element.isConnected}
        title={shown?.label ?? ''}
        describeChild
        disableFocusListener
        disableHoverListener
        disableTouchListener
        slotProps={{ popper: { anchorEl: shown?.element } }}
      >
        <span aria-hidden="true" />
      </Tooltip>
    </Box>
  );
}
