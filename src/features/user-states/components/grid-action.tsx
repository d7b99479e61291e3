import type { MouseEvent } from 'react';

/** Styled once on the grid (grid/grid-appearance.ts) rather than per button. */
export const gridActionClass = 'UserStates-rowAction';

export interface GridActionProps {
  label: string;
  /** An SVG path in a 24×24 view box (Material icon paths, Apache 2.0). */
  iconPath: string;
  /** A real link (middle-click and "open in new tab" work); otherwise a button. */
  href?: string;
  onClick?: (event: MouseEvent<HTMLElement>) => void;
  /** Set by GridActionsCell: only the focused action of the focused cell is in the tab order. */
  tabIndex?: number;
}

/**
 * A row action for GridActionsCell, as a plain button or link. Every visible row has two; as MUI
 * IconButtons (ButtonBase, ripple, SvgIcon, each computing its own styles) they were a large part
 * of re-rendering the grid on each search keystroke, page change and streamed batch.
 * GridActionsCell still provides the keyboard behaviour (arrow keys between actions, focus).
 */
export function GridAction({ label, iconPath, href, onClick, tabIndex }: GridActionProps) {
  const icon = (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={iconPath} />
    </svg>
  );
  if (href !== undefined) {
    return (
      <a className={gridActionClass} href={href} aria-label={label} tabIndex={tabIndex} onClick={onClick}>
        {icon}
      </a>
    );
  }
  return (
    <button type="button" className={gridActionClass} aria-label={label} tabIndex={tabIndex} onClick={onClick}>
      {icon}
    </button>
  );
}

export const linkIconPath =
  'M3.9 12c0-1.71 1.39-3.1 3.1-3.1h4V7H7c-2.76 0-5 2.24-5 5s2.24 5 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1M8 13h8v-2H8zm9-6h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1s-1.39 3.1-3.1 3.1h-4V17h4c2.76 0 5-2.24 5-5s-2.24-5-5-5';
export const openIconPath =
  'M3 17.25V21h3.75L17.81 9.94l-3.75-3.75zM20.71 7.04c.39-.39.39-1.02 0-1.41l-2.34-2.34a.996.996 0 0 0-1.41 0l-1.83 1.83 3.75 3.75z';
