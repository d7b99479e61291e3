import IconButton, { type IconButtonProps } from '@mui/material/IconButton';
import { lazy, Suspense } from 'react';
import { ErrorBoundary } from './error-boundary';

// The tooltip (with its popper) is not needed to paint the first screen; it arrives right after,
// from the chunk the user-states grid shares.
const Tooltip = lazy(() => import('@mui/material/Tooltip'));

export interface ShellIconButtonProps extends Omit<IconButtonProps, 'aria-label' | 'title'> {
  /** Accessible name and tooltip text. */
  label: string;
}

/**
 * An icon button of the app shell: named for screen readers, with the same words as a tooltip.
 * Until the tooltip's code arrives, and for good if it cannot download (the connection dropped
 * just after the first screen), it is the plain button with the same name: a missing tooltip
 * must not take the page around it.
 */
export function ShellIconButton({ label, ...props }: ShellIconButtonProps) {
  const button = <IconButton aria-label={label} {...props} />;
  return (
    <ErrorBoundary fallback={() => button}>
      <Suspense fallback={button}>
        <Tooltip title={label}>{button}</Tooltip>
      </Suspense>
    </ErrorBoundary>
  );
}
