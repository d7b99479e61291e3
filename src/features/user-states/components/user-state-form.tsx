import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useEffect, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { CopyButton } from '../../../components/copy-button';
import { ErrorPanel } from '../../../components/error-panel';
import { RhfTextField } from '../../../components/form-fields';
import { UserPrincipalName } from '../../../components/user-principal-name';
import { absoluteUrl, userStatePath } from '../../../config/routes';
import { hasHiddenCharacters } from '../../../lib/hidden-characters';
import type { ScriptKind } from '../../../lib/script-kinds';
import {
  changedFields,
  editableFields,
  fieldLabels,
  toEditInput,
  userStateEditSchemaFor,
  type UserState,
  type UserStateEditInput,
  type UserStateEditOutput,
} from '../api/schema';
import { EditConflictError, type UpdateUserStateVariables } from '../api/update-user-state';
import { useUpdateUserState } from '../api/use-update-user-state';
import { useUndo } from '../changes/use-undo';
import { forgetDraft, keepDrafts } from '../drafts/draft-store';
import { useStashBeforeSignIn } from '../drafts/use-stash-before-sign-in';
import { ConflictDialog } from './conflict-dialog';
import { useLeaveDialog } from './use-leave-dialog';
import { RetryNotices } from './retry-notice';

/** Where an edit starts: read once, when the form mounts. */
export interface FormStart {
  /** The record the user started editing from: what the conflict check compares with Intune. */
  baseline: UserState;
  /** The form's default values. */
  values: UserStateEditInput;
  /** The values are a draft brought back from before a reload or sign-in round trip. */
  restored: boolean;
}

export interface UserStateFormProps {
  kind: ScriptKind;
  scriptId: string;
  /** The record as the cache holds it now (server data plus edits in flight). */
  state: UserState;
  canEdit: boolean;
  start: FormStart;
}

function differs(values: Partial<UserStateEditInput>, baseline: UserState): boolean {
  const text = toEditInput(baseline);
  return editableFields.some((field) => (values[field] ?? text[field]) !== text[field]);
}

/** Edits one user state. Only changed fields are sent; leaving with unsaved changes asks first. */
export function UserStateForm({ kind, scriptId, state, canEdit, start }: UserStateFormProps) {
  const [baseline, setBaseline] = useState(start.baseline);
  // Server data that arrived while the form was unchanged: the form shows it (react-hook-form's
  // `values`), and it becomes the baseline.
  const [adopted, setAdopted] = useState<UserStateEditInput | undefined>(undefined);
  // Checked against the record as the form started from it: a field left as Intune holds it passes.
  const resolver = useMemo(() => zodResolver(userStateEditSchemaFor(baseline)), [baseline]);
  const form = useForm<UserStateEditInput, unknown, UserStateEditOutput>({
    resolver,
    mode: 'onChange',
    defaultValues: start.values,
    values: adopted,
  });
  const { isValid } = form.formState;
  const typed = useWatch({ control: form.control });
  const isDirty = differs(typed, baseline);
  // Newer server data replaces the form only while the user has not changed it.
  const [seenState, setSeenState] = useState(state);
  if (state !== seenState) {
    setSeenState(state);
    if (!isDirty && state !== baseline) {
      setBaseline(state);
      setAdopted(toEditInput(state));
    }
  }
  const [saveError, setSaveError] = useState<Error | null>(null);
  const [conflict, setConflict] = useState<EditConflictError | null>(null);
  const { mutation, save, waiting } = useUpdateUserState();
  const { offer: offerUndo, senderRef } = useUndo();
  useStashBeforeSignIn();

  // Restored text may be invalid: show its problems at once, as if it had just been typed.
  const { restored } = start;
  useEffect(() => {
    if (restored) void form.trigger();
  }, [restored, form]);

  // What the user typed and has not saved is kept (this tab only) as they type, and follows the
  // baseline when it changes (a save, a conflict), so a reload or sign-in round trip brings it back.
  useEffect(() => {
    const remember = (values: Partial<UserStateEditInput>) => {
      if (differs(values, baseline)) keepDrafts([{ kind: 'form', scriptKind: kind, scriptId, baseline, values: { ...toEditInput(baseline), ...values } }]);
      else forgetDraft('form', kind, scriptId, baseline.id);
    };
    remember(form.getValues());
    return form.subscribe({ formState: { values: true }, callback: ({ values }) => remember(values) });
  }, [form, baseline, kind, scriptId]);


  const saving = mutation.isPending;
  const leaveDialog = useLeaveDialog({
    unsaved: isDirty && !saving,
    leaves: (from, to) => `${from.pathname}${from.search}` !== `${to.pathname}${to.search}`,
    onLeave: () => forgetDraft('form', kind, scriptId, state.id),
  });

  // A save, an undo (the Undo button of a save's toast sends it here) or an overwrite after a conflict.
  const send = (variables: UpdateUserStateVariables) => {
    setSaveError(null);
    // The fields stay open while Graph answers (a throttled save waits seconds, an undo comes from a
    // toast): what is typed meanwhile is kept, as a change of the saved record.
    const typedAtSend = form.getValues();
    save(variables, {
      onSuccess: (row, _variables, changeId) => {
        setBaseline(row);
        const typedSince = editableFields.some((field) => form.getValues(field) !== typedAtSend[field]);
        form.reset(toEditInput(row), { keepValues: typedSince });
        if (typedSince) void form.trigger();
        offerUndo(variables.undoOf === undefined ? 'Saved' : 'Undone', changeId);
      },
      onError: (error) => {
        if (error instanceof EditConflictError) setConflict(error);
        else setSaveError(error);
      },
    });
  };
  useEffect(() => {
    senderRef.current = send;
  });

  const submitValues = (values: UserStateEditOutput) => {
    // Only what differs from the record ("05" for 5 is no change).
    const changes = changedFields(baseline, values);
    if (Object.keys(changes).length === 0) {
      form.reset(toEditInput(baseline));
      return;
    }
    send({ scriptKind: kind, scriptId, original: baseline, changes });
  };

  const disabled = !canEdit;
  return (
    <Box component="form" noValidate onSubmit={(event) => void form.handleSubmit(submitValues)(event)} aria-label="Edit user state" sx={{ maxWidth: 560 }}>
      {restored && isDirty && (
        <Alert severity="info" sx={{ mb: 2 }}>
          Your unsaved changes to this user state were restored.
        </Alert>
      )}
      <RetryNotices waiting={waiting} />
      {saveError !== null && <ErrorPanel error={saveError} title="Not saved" />}
      <Stack spacing={2}>
        <TextField label="Id" value={state.id} variant="filled" slotProps={{ input: { readOnly: true } }} helperText="Read only" />
        <RhfTextField
          control={form.control}
          name="userPrincipalName"
          label={fieldLabels.userPrincipalName}
          disabled={disabled}
          autoComplete="off"
          // A text box shows a right-to-left override reversed; under it, the name as it really is.
          helperText={hasHiddenCharacters(typed.userPrincipalName ?? '') ? <>Reads as: <UserPrincipalName value={typed.userPrincipalName ?? ''} /></> : undefined}
        />
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
          <Button type="button" disabled={!isDirty || saving} onClick={() => form.reset(toEditInput(baseline))}>
            Discard changes
          </Button>
          <CopyButton text={absoluteUrl(userStatePath(kind, scriptId, state.id))} label="Copy link" />
        </Box>
      </Stack>

      {conflict !== null && (
        <ConflictDialog
          conflict={conflict}
          onOverwrite={() => {
            setConflict(null);
            setBaseline(conflict.current);
            send({ ...conflict.variables, original: conflict.current, overwrite: true });
          }}
          onKeepTheirs={() => {
            setConflict(null);
            setBaseline(conflict.current);
            form.reset(toEditInput(conflict.current));
          }}
          onCancel={() => {
            // Keep what was typed; from now on compare with what Intune holds, which the user has seen.
            setConflict(null);
            setBaseline(conflict.current);
            form.reset(toEditInput(conflict.current), { keepValues: true });
            void form.trigger();
          }}
        />
      )}

      {leaveDialog}
    </Box>
  );
}
