import Alert from '@mui/material/Alert';
import type { IconButtonProps } from '@mui/material/IconButton';
import Snackbar from '@mui/material/Snackbar';
import { useSyncExternalStore } from 'react';
import { notifications } from '../lib/notifications';
import { ShellIconButton } from './shell-icon-button';

/** The toast's close button, with an MUI tooltip of its name instead of the browser's `title`. */
function CloseButton({ title, 'aria-label': label, ...props }: IconButtonProps) {
  return <ShellIconButton label={label ?? (typeof title === 'string' ? title : 'Close')} {...props} />;
}
const alertSlots = { closeButton: CloseButton } as const;

/** Shows queued toasts one at a time (MUI Snackbar). */
export function Notifications() {
  const queue = useSyncExternalStore(notifications.subscribe, notifications.getSnapshot);
  const current = queue[0];
  if (current === undefined) return null;
  return (
    <Snackbar
      key={current.id}
      open
      autoHideDuration={current.severity === 'error' ? 10_000 : 5000}
      onClose={(_event, reason) => {
        if (reason !== 'clickaway') notifications.dismiss(current.id);
      }}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
    >
      <Alert severity={current.severity} variant="filled" slots={alertSlots} onClose={() => notifications.dismiss(current.id)}>
        {current.message}
        {current.requestId ? ` (request ID ${current.requestId})` : ''}
      </Alert>
    </Snackbar>
  );
}
