import * as z from 'zod/mini';
import type { GraphClient, GraphRequestOptions } from '../../../lib/graph/graph-client';
import type { ScriptKind } from '../../../lib/script-kinds';
import { getUserState } from './get-user-state';
import { userStateGraphPath } from './keys';
import { editableFields, userStateSchema, type EditableField, type UserState, type UserStateChanges } from './schema';

/**
 * One save of one user state, as the dashboard and `npm run load` make it. No React here: the
 * cache writes are in use-update-user-state.ts, the retry notices in save-retries.ts.
 */
export interface UpdateUserStateVariables {
  /** The script's collection: the PATCH goes to the user state under it. */
  scriptKind: ScriptKind;
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
 * so this is found by reading the record just before the PATCH
 * (docs/decisions/003-safe-writes-without-etags.md).
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

/** Graph's answer to a save, and which request it was (for the edit log and support). */
export interface SavedUserState {
  row: UserState;
  requestId: string | null;
}

/** At most two requests: a read of this one record, then the PATCH of the changed properties. */
export async function updateUserState(
  client: GraphClient,
  variables: UpdateUserStateVariables,
  options: GraphRequestOptions = {},
): Promise<SavedUserState> {
  const { scriptKind, scriptId, original, changes } = variables;
  if (variables.overwrite !== true) {
    const current = await getUserState(client, scriptKind, scriptId, original.id, options);
    if (editableFields.some((field) => current[field] !== original[field])) throw new EditConflictError(current, variables);
  }
  let requestId: string | null = null;
  const updated = await client.patch(userStateGraphPath(scriptKind, scriptId, original.id), changes, z.optional(userStateSchema), {
    ...options,
    onAnswer: (ids) => {
      requestId = ids.requestId;
      options.onAnswer?.(ids);
    },
  });
  // Graph answers 200 with the whole object; some endpoints answer 204 with no body.
  return { row: updated ?? { ...original, ...changes }, requestId };
}
