import { zodResolver } from '@hookform/resolvers/zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useBlocker } from 'react-router';
import { CopyButton } from '../../../components/copy-button';
import { ErrorPanel } from '../../../components/error-panel';
import { RhfTextField } from '../../../components/form-fields';
import { absoluteUrl, userStatePath } from '../../../config/routes';
import { notifications } from '../../../lib/notifications';
import {
  changedFields,
  editableFields,
  fieldLabels,
  toEditInput,
  userStateEditSchema,
  type UserState,
  type UserStateChanges,
  type UserStateEditInput,
  type UserStateEditOutput,
} from '../api/schema';
import { EditConflictError, useUpdateUserState } from '../api/update-user-state';
import { ConflictDialog } from './conflict-dialog';
import { takeStashedSaves } from '../api/save-stash';
import { clearDraft, readDraft, writeDraft } from './form-draft';
import { RetryNoticeBanner } from './retry-notice';

export interface UserStateFormProps {
  scriptId: string;
  /** The record as the cache holds it now (server data plus edits in flight). */
  state: UserState;
  canEdit: boolean;
}

/**
 * Edits one user state. Server data is the form's default; only dirty fields are sent; leaving
 * with unsaved changes asks first.
 */
export function UserStateForm({ scriptId, state, canEdit }: UserStateFormProps) {
  // Values typed before a reload or a sign-in round trip come back (sessionStorage, this tab only).
  // A save of this record that sign-in interrupted is dropped: its values are in the draft.
  const [restored] = useState(() => {
    takeStashedSaves((save) => save.scriptId === scriptId && save.original.id === state.id);
    return readDraft(scriptId, state.id);
  });
  const form = useForm<UserStateEditInput, unknown, UserStateEditOutput>({
    resolver: zodResolver(userStateEditSchema),
    mode: 'onChange',
    defaultValues: toEditInput(restored?.baseline ?? state),
  });
  const { isDirty, isValid, dirtyFields } = form.formState;
  // The values the user started editing from: what the conflict check compares with Intune.
  const baseline = useRef(restored?.baseline ?? state);
  const restoring = useRef(restored !== null);

  const values = useWatch({ control: form.control });
  useEffect(() => {
    if (restoring.current) return;
    if (isDirty) writeDraft(scriptId, state.id, { baseline: baseline.current, values: { ...toEditInput(baseline.current), ...values } });
    else clearDraft(scriptId, state.id);
  }, [values, isDirty, scriptId, state.id]);

  const [saveError, setSaveError] = useState<Error | null>(null);
  const [conflict, setConflict] = useState<EditConflictError | null>(null);

  const { mutation, retryNotice, cancel } = useUpdateUserState({
    onSuccess: (row) => {
      baseline.current = row;
      form.reset(toEditInput(row));
      notifications.notify({ severity: 'success', message: 'Saved' });
    },
    onError: (error) => {
      if (error instanceof EditConflictError) setConflict(error);
      else setSaveError(error);
    },
  });

  // Newer server data replaces the form only while the user has not started changing it.
  useEffect(() => {
    if (state === baseline.current || form.formState.isDirty || restoring.current) return;
    baseline.current = state;
    form.reset(toEditInput(state));
  }, [state, form]);

  // Last, so the effects above skip the first commit of a restored draft.
  useEffect(() => {
    if (restored === null) return;
    // The record's values stay the defaults, so exactly the typed fields count as changed.
    form.reset(restored.values, { keepDefaultValues: true });
    void form.trigger();
    restoring.current = false;
  }, [restored, form]);

  const saving = mutation.isPending;
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      isDirty && !saving && `${currentLocation.pathname}${currentLocation.search}` !== `${nextLocation.pathname}${nextLocation.search}`,
  );
  useEffect(() => {
    if (!isDirty || saving) return undefined;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty, saving]);

  const send = (changes: UserStateChanges, original: UserState, overwrite = false) => {
    setSaveError(null);
    mutation.mutate({ scriptId, original, changes, overwrite });
  };

  const submitValues = (values: UserStateEditOutput) => {
    const original = baseline.current;
    const changed = changedFields(original, values);
    // Only what the user touched, and only if it differs from the record ("05" for 5 is no change).
    const changes: UserStateChanges = {};
    for (const field of editableFields) {
      if (dirtyFields[field] === true && field in changed) Object.assign(changes, { [field]: changed[field] });
    }
    if (Object.keys(changes).length === 0) {
      form.reset(toEditInput(original));
      return;
    }
    send(changes, original);
  };

  const disabled = !canEdit;
  return (
    <Box component="form" noValidate onSubmit={(event) => void form.handleSubmit(submitValues)(event)} aria-label="Edit user state" sx={{ maxWidth: 560 }}>
      {restored !== null && isDirty && (
        <Alert severity="info" sx={{ mb: 2 }}>
          Your unsaved changes to this user state were restored.
        </Alert>
      )}
      <RetryNoticeBanner notice={retryNotice} onCancel={cancel} />
      {saveError !== null && <ErrorPanel error={saveError} title="Not saved" />}
      <Stack spacing={2}>
        <TextField label="Id" value={state.id} slotProps={{ input: { readOnly: true } }} helperText="Read only" />
        <RhfTextField control={form.control} name="userPrincipalName" label={fieldLabels.userPrincipalName} disabled={disabled} autoComplete="off" />
        {(['successDeviceCount', 'errorDeviceCount'] as const).map((name) => (
          <RhfTextField
            key={name}
            control={form.control}
            name={name}
            label={fieldLabels[name]}
            disabled={disabled}
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          />
        ))}
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <Button type="submit" variant="contained" disabled={disabled || !isDirty || !isValid || saving}>
            Save
          </Button>
          <Button type="button" disabled={!isDirty || saving} onClick={() => form.reset(toEditInput(baseline.current))}>
            Discard changes
          </Button>
          <CopyButton text={absoluteUrl(userStatePath(scriptId, state.id))} label="Copy link" />
        </Box>
      </Stack>

      {conflict !== null && (
        <ConflictDialog
          conflict={conflict}
          onOverwrite={() => {
            setConflict(null);
            baseline.current = conflict.current;
            send(conflict.variables.changes, conflict.current, true);
          }}
          onKeepTheirs={() => {
            setConflict(null);
            baseline.current = conflict.current;
            form.reset(toEditInput(conflict.current));
          }}
          onCancel={() => {
            // Keep what was typed; from now on compare with what Intune holds, which the user has seen.
            setConflict(null);
            baseline.current = conflict.current;
            form.reset(toEditInput(conflict.current), { keepValues: true });
            void form.trigger();
          }}
        />
      )}

      {blocker.state === 'blocked' && (
        <Dialog open onClose={() => blocker.reset()} aria-labelledby="leave-title" aria-describedby="leave-description">
          <DialogTitle id="leave-title">Leave without saving?</DialogTitle>
          <DialogContent>
            <DialogContentText id="leave-description">
              You have changes that are not saved. If you leave this page, they will be lost.
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => blocker.reset()}>
              Stay
            </Button>
            <Button
              color="error"
              onClick={() => {
                clearDraft(scriptId, state.id);
                blocker.proceed();
              }}
            >
              Leave
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </Box>
  );
}
