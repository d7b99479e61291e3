import type { GridRowCheckboxProps } from '@mui/x-data-grid';
import { useLayoutEffect, useRef } from 'react';

/** Styled once on the grid (grid-appearance.ts) rather than per checkbox. */
export const rowCheckboxClass = 'UserStates-rowCheckbox';

// Material icons (Apache 2.0), the ones MUI's Checkbox draws, so rows and header look alike.
const blankPath = 'M19 5v14H5V5zm0-2H5c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h14c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2';
const checkedPath =
  'M19 3H5c-1.11 0-2 .9-2 2v14c0 1.1.89 2 2 2h14c1.11 0 2-.9 2-2V5c0-1.1-.89-2-2-2m-9 14-5-5 1.41-1.41L10 14.17l7.59-7.59L19 8z';
const indeterminatePath = 'M19 3H5c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h14c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2m-2 10H7v-2h10z';

/**
 * The grid's row checkbox (its `rowCheckbox` slot) as a native checkbox under the same icon MUI
 * draws. MUI's Checkbox (SwitchBase, ButtonBase, ripple, SvgIcon, each computing styles) was a
 * quarter of the time a search keystroke takes to repaint the page of rows (measured with
 * `npm run bench -- --only search`), because a new page of rows mounts one per row. The header's
 * "select all" keeps MUI's Checkbox. The grid's handlers (Space kept from the grid, a disabled
 * row's click refused) sit on the input itself.
 */
export function RowCheckbox(props: GridRowCheckboxProps) {
  // What the grid's checkbox cell passes; the slot's other props (refs, autoFocus, style) are for
  // slot props of our own, and the grid is given none.
  const { checked = false, indeterminate = false, disabled, tabIndex, slotProps, className } = props;
  const { onChange, onClick, onMouseDown, onKeyDown } = props;
  const input = useRef<HTMLInputElement>(null);
  // `indeterminate` is a DOM property only, not an attribute React can set.
  useLayoutEffect(() => {
    if (input.current !== null) input.current.indeterminate = indeterminate;
  }, [indeterminate]);
  const state = indeterminate ? 'mixed' : checked ? 'checked' : 'unchecked';
  return (
    <span className={className === undefined ? rowCheckboxClass : `${rowCheckboxClass} ${className}`} data-state={state}>
      <input
        {...slotProps?.htmlInput}
        ref={input}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        tabIndex={tabIndex}
        onChange={onChange}
        onClick={onClick}
        onMouseDown={onMouseDown}
        onKeyDown={onKeyDown}
        data-indeterminate={indeterminate}
      />
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d={indeterminate ? indeterminatePath : checked ? checkedPath : blankPath} />
      </svg>
    </span>
  );
}
