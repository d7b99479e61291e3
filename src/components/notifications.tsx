import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import { useSyncExternalStore } from 'react';
import { notifications } from '../lib/notifications';

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
      <Alert severity={current.severity} variant="filled" onClose={() => notifications.dismiss(current.id)}>
        {current.message}
        {current.requestId ? ` (request ID ${current.requestId})` : ''}
      </Alert>
    </Snackbar>
  );
}
