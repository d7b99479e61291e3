import { useCallback, useEffect, useRef, useState } from 'react';
import { notifications } from '../../../lib/notifications';
import type { UpdateUserStateVariables } from '../api/update-user-state';
import { useLoggedEditCoordinator } from '../cache/use-logged-coordinator';
import { undoSaves } from './change-entries';

/**
 * Undo for a page that saves: `offer` shows a save's "Saved" (or "Undone") toast with an Undo
 * button; `undo` sends an entry's compensating saves through `senderRef.current`, the page's own
 * save path, so its conflict dialog and failure alerts answer an undo as they answer a save. The
 * page sets `senderRef` once its send function exists (that function itself offers the undo). The
 * toasts go when the page does: an Undo clicked after it would have no dialog to ask in.
 */
export function useUndo() {
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
      for (const variables of undoSaves(coordinator.confirmedEdits(), changeId)) senderRef.current(variables);
    },
    [coordinator],
  );
  const offer = useCallback(
    (message: string, changeId: string) => {
      shown.add(notifications.notify({ severity: 'success', message, action: { label: 'Undo', run: () => undo(changeId) } }));
    },
    [shown, undo],
  );
  return { undo, offer, senderRef };
}
