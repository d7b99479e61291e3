import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useGraphClient } from '../../../lib/graph/graph-context';
import type { EditCoordinator } from '../cache/edit-coordinator';
import { useEditCoordinator } from '../cache/edit-coordinator-context';
import { cachedRow, writeRow } from '../cache/rows';
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

/** What the caller does with one save's outcome (show it); the cache is handled here. */
export interface SaveCallbacks {
  onSuccess?: (row: UserState, variables: UpdateUserStateVariables) => void;
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
 * Saves one user state: optimistic in the cached list row and detail (no list refetch), rolled
 * back if Graph refuses, successive edits of one row sent in order. `save(variables, callbacks)`
 * tells each call its own outcome (React Query's per-mutate callbacks reach only the latest call).
 */
export function useUpdateUserState() {
  const client = useGraphClient();
  const queryClient = useQueryClient();
  const coordinator = useEditCoordinator();
  const { waiting, track } = useSaveRetries();

  const mutation = useMutation<SavedUserState, Error, UpdateUserStateVariables, OptimisticContext>({
    mutationKey: updateUserStateKey,
    mutationFn: (variables) =>
      coordinator.serialize(variables.scriptKind, variables.scriptId, variables.original.id, () =>
        track((options) => updateUserState(client, variables, options)),
      ),
    onMutate: ({ scriptKind, scriptId, original, changes }) => {
      const ticket = coordinator.begin([{ scriptKind, scriptId, stateId: original.id, changes }]);
      const before = cachedRow(queryClient, scriptKind, scriptId, original.id) ?? original;
      const optimistic = { ...before, ...changes };
      writeRow(queryClient, scriptKind, scriptId, optimistic);
      return { ticket, before, optimistic };
    },
    onSuccess: ({ row, requestId }, { scriptKind, scriptId, original, changes }, context) => {
      coordinator.settle(context.ticket);
      const before = context.before;
      coordinator.recordEdit({ scriptKind, scriptId, stateId: original.id, before, written: changes, after: row, at: Date.now(), requestId });
      writeRow(queryClient, scriptKind, scriptId, coordinator.overlay(scriptKind, scriptId, row));
    },
    onError: (error, variables, context) => {
      if (context !== undefined) rollBack(queryClient, coordinator, error, variables, context);
    },
  });

  const { mutateAsync } = mutation;
  const save = useCallback(
    (variables: UpdateUserStateVariables, callbacks: SaveCallbacks = {}) => {
      void mutateAsync(variables).then(
        ({ row }) => callbacks.onSuccess?.(row, variables),
        (error: unknown) => callbacks.onError?.(error instanceof Error ? error : new Error(String(error)), variables),
      );
    },
    [mutateAsync],
  );

  return { mutation, save, waiting };
}
