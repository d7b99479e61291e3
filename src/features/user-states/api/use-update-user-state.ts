import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useGraphClient } from '../../../lib/graph/graph-context';
import type { GraphClient } from '../../../lib/graph/graph-client';
import { GraphError } from '../../../lib/graph/graph-error';
import type { EditCoordinator } from '../cache/edit-coordinator';
import { useLoggedEditCoordinator } from '../cache/use-logged-coordinator';
import { cachedRow, writeRow } from '../cache/rows';
import { getUserState } from './get-user-state';
import { userStateKeys } from './keys';
import { useSaveRetries } from './save-retries';
import type { EditableField, UserState } from './schema';
import { EditConflictError, updateUserState, type SavedUserState, type UpdateUserStateVariables } from './update-user-state';

export const updateUserStateKey = [...userStateKeys.all, 'update'] as const;

interface OptimisticContext {
  ticket: number;
  before: UserState;
  optimistic: UserState;
}

/** Graph's answer, and the id of the change-log entry the save became. */
type LoggedSave = SavedUserState & { changeId: string };

/** What the caller does with one save's outcome (show it, offer its undo); the cache is handled here. */
export interface SaveCallbacks {
  onSuccess?: (row: UserState, variables: UpdateUserStateVariables, changeId: string) => void;
  onError?: (error: Error, variables: UpdateUserStateVariables) => void;
}

/** Undoes an edit that Graph refused; a conflict instead shows what Intune holds now. */
function rollBack(
  queryClient: QueryClient,
  coordinator: EditCoordinator,
  error: Error,
  { scriptKind, scriptId, original, changes }: UpdateUserStateVariables,
  context: OptimisticContext,
): void {
  coordinator.settle(context.ticket);
  if (error instanceof EditConflictError) {
    // What Intune holds now is the truth to show; the user's values live on in the dialog.
    coordinator.confirm(scriptKind, scriptId, error.current);
    writeRow(queryClient, scriptKind, scriptId, coordinator.overlay(scriptKind, scriptId, error.current));
    return;
  }
  // Undo this edit's fields, unless a newer edit of the same row has been laid on top.
  const shown = cachedRow(queryClient, scriptKind, scriptId, original.id);
  if (shown === undefined) return;
  const restored: UserState = { ...shown };
  for (const field of Object.keys(changes) as EditableField[]) {
    if (shown[field] === context.optimistic[field]) Object.assign(restored, { [field]: context.before[field] });
  }
  writeRow(queryClient, scriptKind, scriptId, restored);
}

/**
 * A write that failed may have landed all the same (`GraphError.unconfirmedWrite`): the values
 * from before, just restored, may be wrong. The record is read again to show what Intune holds;
 * while Graph stays out of reach the row keeps them, and the next save checks the row first.
 */
function showWhatIntuneHolds(client: GraphClient, queryClient: QueryClient, coordinator: EditCoordinator, variables: UpdateUserStateVariables): void {
  const { scriptKind, scriptId, original } = variables;
  const readVersion = coordinator.version();
  getUserState(client, scriptKind, scriptId, original.id).then(
    (row) => {
      // Not over a save of the row confirmed since this read was sent: that one is newer.
      if (coordinator.version() === readVersion) coordinator.confirm(scriptKind, scriptId, row);
      writeRow(queryClient, scriptKind, scriptId, coordinator.overlay(scriptKind, scriptId, row, readVersion));
    },
    () => undefined,
  );
}

/**
 * Saves one user state: optimistic in the cached list row and detail (no list refetch), rolled
 * back if Graph refuses, successive edits of one row sent in order. `save(variables, callbacks)`
 * tells each call its own outcome (React Query's per-mutate callbacks reach only the latest call).
 */
export function useUpdateUserState() {
  const client = useGraphClient();
  const queryClient = useQueryClient();
  const coordinator = useLoggedEditCoordinator();
  const { waiting, track } = useSaveRetries();

  const mutation = useMutation<LoggedSave, Error, UpdateUserStateVariables, OptimisticContext>({
    mutationKey: updateUserStateKey,
    mutationFn: async (variables) => ({
      ...(await coordinator.serialize(variables.scriptKind, variables.scriptId, variables.original.id, () =>
        track((options) => updateUserState(client, variables, options)),
      )),
      changeId: crypto.randomUUID(),
    }),
    onMutate: ({ scriptKind, scriptId, original, changes }) => {
      const ticket = coordinator.begin([{ scriptKind, scriptId, stateId: original.id, changes }]);
      const before = cachedRow(queryClient, scriptKind, scriptId, original.id) ?? original;
      const optimistic = { ...before, ...changes };
      writeRow(queryClient, scriptKind, scriptId, optimistic);
      return { ticket, before, optimistic };
    },
    onSuccess: ({ row, requestId, clientRequestId, changeId }, { scriptKind, scriptId, original, changes, undoOf }, context) => {
      coordinator.settle(context.ticket);
      const before = context.before;
      const undoes = undoOf === undefined ? {} : { undoes: undoOf };
      coordinator.recordEdit({ scriptKind, scriptId, stateId: original.id, before, written: changes, after: row, at: Date.now(), requestId, clientRequestId, changeId, ...undoes });
      writeRow(queryClient, scriptKind, scriptId, coordinator.overlay(scriptKind, scriptId, row));
    },
    onError: (error, variables, context) => {
      if (context !== undefined) rollBack(queryClient, coordinator, error, variables, context);
      if (error instanceof GraphError && error.unconfirmedWrite) showWhatIntuneHolds(client, queryClient, coordinator, variables);
    },
  });

  const { mutateAsync } = mutation;
  const save = useCallback(
    (variables: UpdateUserStateVariables, callbacks: SaveCallbacks = {}) => {
      void mutateAsync(variables).then(
        ({ row, changeId }) => callbacks.onSuccess?.(row, variables, changeId),
        (error: unknown) => callbacks.onError?.(error instanceof Error ? error : new Error(String(error)), variables),
      );
    },
    [mutateAsync],
  );

  return { mutation, save, waiting };
}
