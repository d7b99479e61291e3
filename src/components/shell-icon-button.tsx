import IconButton, { type IconButtonProps } from '@mui/material/IconButton';
import { lazy, Suspense } from 'react';

// The tooltip (with its popper) is not needed to paint the first screen; it arrives right after,
// from the chunk the user-states grid shares.
const Tooltip = lazy(() => import('@mui/material/Tooltip'));

export interface ShellIconButtonProps extends Omit<IconButtonProps, 'aria-label' | 'title'> {
  /** Accessible name and tooltip text. */
  label: string;
}

/** An icon button of the app shell: named for screen readers, with the same words as a tooltip. */
export function ShellIconButton({ label, ...props }: ShellIconButtonProps) {
  const button = <IconButton aria-label={label} {...props} />;
  return (
    <Suspense fallback={button}>
      <Tooltip title={label}>{button}</Tooltip>
    </Suspense>
  );
}
