import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import * as z from 'zod/mini';
import type { GraphClient, GraphRequestOptions, RetryNotice } from '../../../lib/graph/graph-client';
import { onBeforeInteraction } from '../../../lib/auth/interaction';
import { useGraphClient } from '../../../lib/graph/graph-context';
import { editCoordinatorFor, rowKeyOf } from './edit-coordinator';
import { getUserState } from './get-user-state';
import { userStateKeys, userStateGraphPath } from './keys';
import { replaceListRow, type UserStateList } from './list-user-states';
import { stashSaves } from './save-stash';
import { editableFields, userStateSchema, type EditableField, type UserState, type UserStateChanges } from './schema';

export interface UpdateUserStateVariables {
  scriptId: string;
  /** The record as the user saw it when they started editing. */
  original: UserState;
  /** Only the properties the user changed: the PATCH body. */
  changes: UserStateChanges;
  /** The user saw the other admin's values and chose to write theirs anyway: skip the check. */
  overwrite?: boolean;
}

/**
 * Someone changed the record since the user started editing. Graph has no ETags for user states,
 * so this is found by reading the record just before the PATCH (docs/decisions/003-conflict-check.md).
 */
export class EditConflictError extends Error {
  override readonly name = 'EditConflictError';
  constructor(
    readonly current: UserState,
    readonly variables: UpdateUserStateVariables,
  ) {
    super('The user state was changed by someone else.');
  }

  get differingFields(): EditableField[] {
    return editableFields.filter((field) => this.current[field] !== this.variables.original[field]);
  }
}

/** At most two requests: a read of this one record, then the PATCH of the changed properties. */
export async function updateUserState(
  client: GraphClient,
  variables: UpdateUserStateVariables,
  options?: GraphRequestOptions,
): Promise<UserState> {
  const { scriptId, original, changes } = variables;
  if (variables.overwrite !== true) {
    const current = await getUserState(client, scriptId, original.id, options);
    if (editableFields.some((field) => current[field] !== original[field])) throw new EditConflictError(current, variables);
  }
  const updated = await client.patch(userStateGraphPath(scriptId, original.id), changes, z.optional(userStateSchema), options);
  // Graph answers 200 with the whole object; some endpoints answer 204 with no body.
  return updated ?? { ...original, ...changes };
}

export const updateUserStateKey = [...userStateKeys.all, 'update'] as const;

interface OptimisticContext {
  sequence: number;
  before: UserState;
  optimistic: UserState;
}

function writeRow(queryClient: QueryClient, scriptId: string, row: UserState): void {
  queryClient.setQueryData<UserStateList>(userStateKeys.list(scriptId), (list) => replaceListRow(list, row));
  queryClient.setQueryData<UserState>(userStateKeys.detail(scriptId, row.id), row);
}

function cachedRow(queryClient: QueryClient, scriptId: string, stateId: string): UserState | undefined {
  return (
    queryClient.getQueryData<UserState>(userStateKeys.detail(scriptId, stateId)) ??
    queryClient.getQueryData<UserStateList>(userStateKeys.list(scriptId))?.rows.find((row) => row.id === stateId)
  );
}


/** Undoes an edit that Graph refused; a conflict instead shows what Intune holds now. */
function rollBack(
  queryClient: QueryClient,
  error: Error,
  { scriptId, original, changes }: UpdateUserStateVariables,
  context: OptimisticContext,
): void {
  const coordinator = editCoordinatorFor(queryClient);
  coordinator.removePending(rowKeyOf(scriptId, original.id), context.sequence);
  if (error instanceof EditConflictError) {
    // What Intune holds now is the truth to show; the user's values live on in the dialog.
    coordinator.confirm(scriptId, error.current);
    writeRow(queryClient, scriptId, coordinator.overlay(scriptId, error.current));
    return;
  }
  // Undo this edit's fields, unless a newer edit of the same row has been laid on top.
  const shown = cachedRow(queryClient, scriptId, original.id);
  if (shown === undefined) return;
  const restored: UserState = { ...shown };
  for (const field of Object.keys(changes) as EditableField[]) {
    if (shown[field] === context.optimistic[field]) Object.assign(restored, { [field]: context.before[field] });
  }
  writeRow(queryClient, scriptId, restored);
}

/** A retry the user is waiting for, with the time it was announced (for a countdown). */
export type RetryStatus = RetryNotice & { at: number };

export interface UpdateCallbacks {
  /** UI work only (show the error, open the conflict dialog); the cache is handled here. */
  onError?: (error: Error, variables: UpdateUserStateVariables) => void;
  onSuccess?: (row: UserState, variables: UpdateUserStateVariables) => void;
}

/**
 * Saves one user state: optimistic in the cached list row and detail (no list refetch), rolled
 * back if Graph refuses, successive edits of one row sent in order.
 */
export function useUpdateUserState(callbacks: UpdateCallbacks = {}) {
  const client = useGraphClient();
  const callbacksRef = useRef(callbacks);
  useEffect(() => {
    callbacksRef.current = callbacks;
  });
  const queryClient = useQueryClient();
  const [retryNotice, setRetryNotice] = useState<RetryStatus | null>(null);
  const controllers = useRef(new Set<AbortController>());

  const mutation = useMutation<UserState, Error, UpdateUserStateVariables, OptimisticContext>({
    mutationKey: updateUserStateKey,
    mutationFn: (variables) =>
      editCoordinatorFor(queryClient).serialize(rowKeyOf(variables.scriptId, variables.original.id), async () => {
        const controller = new AbortController();
        controllers.current.add(controller);
        try {
          return await updateUserState(client, variables, {
            signal: controller.signal,
            onRetry: (notice) => setRetryNotice({ ...notice, at: Date.now() }),
          });
        } finally {
          controllers.current.delete(controller);
          setRetryNotice(null);
        }
      }),
    onMutate: ({ scriptId, original, changes }) => {
      const coordinator = editCoordinatorFor(queryClient);
      const sequence = coordinator.addPending(rowKeyOf(scriptId, original.id), changes);
      const before = cachedRow(queryClient, scriptId, original.id) ?? original;
      const optimistic = { ...before, ...changes };
      writeRow(queryClient, scriptId, optimistic);
      return { sequence, before, optimistic };
    },
    onSuccess: (row, variables, context) => {
      const { scriptId, original } = variables;
      const coordinator = editCoordinatorFor(queryClient);
      coordinator.removePending(rowKeyOf(scriptId, original.id), context.sequence);
      coordinator.confirm(scriptId, row);
      writeRow(queryClient, scriptId, coordinator.overlay(scriptId, row));
      callbacksRef.current.onSuccess?.(row, variables);
    },
    onError: (error, variables, context) => {
      if (context !== undefined) rollBack(queryClient, error, variables, context);
      callbacksRef.current.onError?.(error, variables);
    },
  });

  // Saves in flight when MSAL must navigate away for sign-in are kept, and offered again on return.
  useEffect(
    () =>
      onBeforeInteraction(() => {
        const pending = queryClient
          .getMutationCache()
          .findAll({ mutationKey: updateUserStateKey, status: 'pending' })
          .map((entry) => entry.state.variables as UpdateUserStateVariables | undefined)
          .filter((variables) => variables !== undefined);
        stashSaves(pending);
      }),
    [queryClient],
  );
  const cancel = useCallback(() => {
    for (const controller of controllers.current) controller.abort();
  }, []);

  return { mutation, retryNotice, cancel };
}
