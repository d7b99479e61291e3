import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
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
  const { action } = current;
  // A toast with a button (or an error to read) stays 10 s, and as long again after the pointer
  // or the keyboard focus leaves it, so reaching the button by Tab cannot cut the time short.
  const hideAfter = current.severity === 'error' || action ? 10_000 : 5000;
  return (
    <Snackbar
      key={current.id}
      open
      autoHideDuration={hideAfter}
      resumeHideDuration={hideAfter}
      onClose={(_event, reason) => {
        if (reason !== 'clickaway') notifications.dismiss(current.id);
      }}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
    >
      <Alert
        severity={current.severity}
        variant="filled"
        slots={alertSlots}
        onClose={() => notifications.dismiss(current.id)}
        action={
          action && (
            <Button
              color="inherit"
              size="small"
              onClick={() => {
                notifications.dismiss(current.id);
                action.run();
              }}
            >
              {action.label}
            </Button>
          )
        }
      >
        {current.message}
        {current.requestId ? ` (request ID ${current.requestId})` : ''}
      </Alert>
    </Snackbar>
  );
}
