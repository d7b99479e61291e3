import { useCallback, useEffect, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import { plainUserPrincipalName } from '../../../lib/hidden-characters';
import type { ScriptKind } from '../../../lib/script-kinds';
import type { UserState, UserStateChanges } from '../api/schema';
import { EditConflictError, type UpdateUserStateVariables } from '../api/update-user-state';
import { useUpdateUserState } from '../api/use-update-user-state';
import type { BulkJobRequest } from '../bulk/plan';
import { useUndo } from '../changes/use-undo';
import { SaveInterruptedError, textOf, type PageDrafts, type RowDraft } from '../drafts/draft-store';
import { ConflictDialog } from './conflict-dialog';
import { FailedEditAlert } from './failed-edit-alert';
import { RetryNotices } from './retry-notice';
import { useFailedEdits } from './use-failed-edits';
import { usePendingRows } from './use-pending-rows';

/**
 * The page's single saves: sent, marked pending, offered for undo once Graph accepted them, and
 * their refusals and conflicts kept for the notices above the grid. An undo is sent through the
 * same path, so the conflict dialog and the failure alerts answer it as they answer a save.
 */
export function usePageSaves(kind: ScriptKind, scriptId: string, restored: PageDrafts, runJob: (request: BulkJobRequest) => void) {
  // Saves interrupted by an interactive sign-in come back here, unsent, for the user to retry.
  const failedEdits = useFailedEdits(() =>
    restored.unsentSaves.map((variables) => ({ variables, error: new SaveInterruptedError() })),
  );
  const { add: addFailed, settle: settleFailed } = failedEdits;
  // Every conflict waits for the user's choice, oldest first: saves on their way together (offline,
  // or Enter on one row after another) can each meet a change, and none may be dropped unasked.
  const [conflicts, setConflicts] = useState<readonly EditConflictError[]>([]);

  const { save: sendSave, waiting } = useUpdateUserState();
  const { pending, track: trackPending } = usePendingRows();
  const undoJobs = useMemo(() => ({ kind, scriptId, run: runJob }), [kind, scriptId, runJob]);
  const { undo, offer: offerUndo, senderRef } = useUndo(undoJobs);
  const send = useCallback(
    (variables: UpdateUserStateVariables) => {
      const answered = trackPending(variables.original.id);
      sendSave(variables, {
        onError: (error) => {
          answered();
          if (error instanceof EditConflictError) setConflicts((waiting) => [...waiting, error]);
          else addFailed({ variables, error });
        },
        onSuccess: (row, _variables, changeId) => {
          answered();
          settleFailed(row);
          offerUndo(`${variables.undoOf === undefined ? 'Saved' : 'Undone'} ${plainUserPrincipalName(row.userPrincipalName)}`, changeId);
        },
      });
    },
    [sendSave, addFailed, settleFailed, trackPending, offerUndo],
  );
  useEffect(() => {
    senderRef.current = send;
  }, [senderRef, send]);
  const save = useCallback(
    (original: UserState, changes: UserStateChanges) => send({ scriptKind: kind, scriptId, original, changes }),
    [send, kind, scriptId],
  );
  const settleConflict = useCallback(
    (settled: EditConflictError) => setConflicts((waiting) => waiting.filter((conflict) => conflict !== settled)),
    [],
  );
  return { save, send, undo, pending, waiting, failedEdits, conflict: conflicts[0] ?? null, settleConflict };
}

export interface SaveNoticesProps {
  saves: ReturnType<typeof usePageSaves>;
  /** The row as the grid shows it now. */
  shownRow: (original: UserState) => UserState;
  setDrafts: Dispatch<SetStateAction<readonly RowDraft[]>>;
}

/** Retry notices, refused saves and the conflict dialog of the page's single saves. */
export function SaveNotices({ saves, shownRow, setDrafts }: SaveNoticesProps) {
  const { send, waiting, failedEdits, conflict, settleConflict } = saves;
  const { add: addFailed, forget: forgetFailed } = failedEdits;
  return (
    <>
      <RetryNotices waiting={waiting} />
      {failedEdits.failed.map((entry) => (
        <FailedEditAlert
          key={entry.key}
          variables={entry.variables}
          error={entry.error}
          onRetry={() => {
            forgetFailed(entry);
            send({ ...entry.variables, original: shownRow(entry.variables.original) });
          }}
          onEditAgain={() => {
            forgetFailed(entry);
            const draft = { baseline: shownRow(entry.variables.original), values: textOf(entry.variables.changes) };
            setDrafts((current) => [...current.filter((old) => old.baseline.id !== draft.baseline.id), draft]);
          }}
          onDismiss={() => forgetFailed(entry)}
        />
      ))}
      {conflict !== null && (
        <ConflictDialog
          // Another row's conflict is a new dialog, its focus and scroll at their start.
          key={conflict.variables.original.id}
          conflict={conflict}
          onOverwrite={() => {
            settleConflict(conflict);
            send({ ...conflict.variables, original: conflict.current, overwrite: true });
          }}
          onKeepTheirs={() => settleConflict(conflict)}
          onCancel={() => {
            settleConflict(conflict);
            addFailed({ variables: conflict.variables, error: conflict });
          }}
        />
      )}
    </>
  );
}
