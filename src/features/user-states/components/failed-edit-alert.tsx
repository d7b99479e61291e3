import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { ErrorIds } from '../../../components/error-panel';
import { UserPrincipalName } from '../../../components/user-principal-name';
import { describeError } from '../../../lib/graph/describe-error';
import { plainUserPrincipalName } from '../../../lib/hidden-characters';
import { SaveInterruptedError } from '../drafts/draft-store';
import { fieldLabels, type EditableField } from '../api/schema';
import { EditConflictError, type UpdateUserStateVariables } from '../api/update-user-state';

/** An inline save that did not go through, with what the user typed and the ways forward. */
export function FailedEditAlert({
  variables,
  error,
  onRetry,
  onEditAgain,
  onDismiss,
}: {
  variables: UpdateUserStateVariables;
  error: Error;
  onRetry: () => void;
  onEditAgain: () => void;
  onDismiss: () => void;
}) {
  const description = error instanceof EditConflictError || error instanceof SaveInterruptedError ? null : describeError(error);
  const typed = Object.entries(variables.changes)
    .map(([field, value]) => `${fieldLabels[field as EditableField]}: ${field === 'userPrincipalName' ? plainUserPrincipalName(String(value)) : String(value)}`)
    .join(', ');
  return (
    <Alert severity="error" role="alert" sx={{ mb: 2 }}>
      <AlertTitle>
        Not saved:{' '}
        {variables.original.userPrincipalName ? <UserPrincipalName value={variables.original.userPrincipalName} /> : variables.original.id}
      </AlertTitle>
      <Typography variant="body2">
        {description?.message ??
          (error instanceof SaveInterruptedError ? error.message : 'Someone else changed this user state; your change was not sent.')}
      </Typography>
      <Typography variant="body2">{`Your values: ${typed}`}</Typography>
      {description !== null && <ErrorIds code={description.code} requestId={description.requestId} />}
      <Box sx={{ mt: 1, display: 'flex', gap: 1 }}>
        <Button size="small" variant="outlined" color="inherit" onClick={onRetry}>
          Retry
        </Button>
        <Button size="small" variant="outlined" color="inherit" onClick={onEditAgain}>
          Edit again
        </Button>
        <Button size="small" color="inherit" onClick={onDismiss}>
          Discard
        </Button>
      </Box>
    </Alert>
  );
}
