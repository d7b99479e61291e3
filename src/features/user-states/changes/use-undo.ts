import { useCallback, useEffect, useRef, useState } from 'react';
import { notifications } from '../../../lib/notifications';
import type { UpdateUserStateVariables } from '../api/update-user-state';
import type { BulkJobRequest } from '../bulk/plan';
import { useLoggedEditCoordinator } from '../cache/use-logged-coordinator';
import type { ScriptKind } from '../../../lib/script-kinds';
import { changeIdOf, undoableOn, undoPlan, undoSaves } from './change-entries';

/**
 * Undo for a page that saves: `offer` shows a save's "Saved" (or "Undone") toast with an Undo
 * button; `undo` sends an entry's compensating saves through `senderRef.current`, the page's own
 * save path, so its conflict dialog and failure alerts answer an undo as they answer a save. The
 * page sets `senderRef` once its send function exists (that function itself offers the undo). The
 * toasts go when the page does: an Undo clicked after it would have no dialog to ask in. An entry
 * of many rows (a bulk job's) is undone as a bulk job of its own through `runJob` when the page
 * has one: its preview, its outcomes, its conflicts never overwritten. That job runs on the page's
 * script (`runJob.kind`, `runJob.scriptId`), so only an entry of that script is undone so.
 */
export function useUndo(runJob?: { kind: ScriptKind; scriptId: string; run: (request: BulkJobRequest) => void }) {
  const coordinator = useLoggedEditCoordinator();
  const senderRef = useRef<(variables: UpdateUserStateVariables) => void>(() => undefined);
  const [shown] = useState(() => new Set<number>());
  useEffect(
    () => () => {
      for (const id of shown) notifications.dismiss(id);
    },
    [shown],
  );
  const undo = useCallback(
    (changeId: string) => {
      const log = coordinator.confirmedEdits();
      const saves = undoSaves(log, changeId);
      if (runJob === undefined || saves.length <= 1) {
        for (const variables of saves) senderRef.current(variables);
        return;
      }
      // The Changes panel links another script's job to that script's page instead of offering Undo.
      if (!undoableOn({ edits: log.filter((edit) => changeIdOf(edit) === changeId) }, runJob.kind, runJob.scriptId)) {
        notifications.notify({ severity: 'error', message: 'These saves are of another script: undo them on its page.' });
        return;
      }
      runJob.run({ plan: undoPlan(log, changeId), undoes: changeId });
    },
    [coordinator, runJob],
  );
  const offer = useCallback(
    (message: string, changeId: string) => {
      shown.add(notifications.notify({ severity: 'success', message, action: { label: 'Undo', run: () => undo(changeId) } }));
    },
    [shown, undo],
  );
  return { undo, offer, senderRef };
}
