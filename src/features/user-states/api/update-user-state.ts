import * as z from 'zod/mini';
import type { GraphClient } from '../../../lib/graph/graph-client';
import type { GraphRequestOptions } from '../../../lib/graph/graph-request';
import type { ScriptKind } from '../../../lib/script-kinds';
import { getUserState } from './get-user-state';
import { userStateGraphPath } from './keys';
import { differingFields, editableFields, holdsChanges, userStateSchema, type EditableField, type UserState, type UserStateChanges } from './schema';

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
  /**
   * This save undoes the change-log entry with this id: `original` is what that save left (Graph's
   * answer) and `changes` the values before it. Only the fields it wrote are checked, so a change
   * to another field does not block the undo (docs/decisions/012-undo-as-a-compensating-save.md).
   */
  undoOf?: string;
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
    return differingFields(this.variables.original, this.current);
  }
}

/** Graph's answer to a save, and which request it was (for the edit log and support). */
export interface SavedUserState {
  row: UserState;
  requestId: string | null;
  clientRequestId: string | null;
}

/** Graph's answer to a user state's PATCH: 200 with the whole object, or (some endpoints) 204 with none. */
export const userStatePatchAnswerSchema = z.optional(userStateSchema);

/** The Graph client's options for the save's requests, and one for the check before a resend. */
export interface SaveOptions extends GraphRequestOptions {
  /** The wait is over and the record is being read again before the PATCH is sent again (nothing more is sent yet). */
  onCheckBeforeResend?: () => void;
}

/** Found while checking again before a resend: Graph holds the new values (an earlier attempt landed unanswered). */
class WriteAlreadyLanded extends Error {
  constructor(readonly current: UserState) {
    super('The write had landed.');
  }
}

/**
 * At most two requests: a read of this one record, then the PATCH of the changed properties,
 * both once the write's slot under Intune's limit is held (`GraphRequestOptions.beforeSend`). A
 * PATCH that must be sent again (throttled, or unanswered) is checked again first, after the
 * wait: a change made meanwhile is a conflict, and a record already holding the new values (the
 * unanswered attempt landed) is the save, sent no more.
 */
export async function updateUserState(
  client: GraphClient,
  variables: UpdateUserStateVariables,
  options: SaveOptions = {},
): Promise<SavedUserState> {
  const { scriptKind, scriptId, original, changes } = variables;
  const checked = variables.undoOf === undefined ? editableFields : editableFields.filter((field) => field in changes);
  // Once the write's slot under Intune's limit is held: a wait for it must not follow the check.
  const beforeSend = async () => {
    if (variables.overwrite === true) return;
    const current = await getUserState(client, scriptKind, scriptId, original.id, checkOptions(options));
    if (differingFields(original, current, checked).length > 0) throw new EditConflictError(current, variables);
  };
  const beforeResend = async () => {
    options.onCheckBeforeResend?.();
    // A check that cannot be made leaves the resend as it would have been without it.
    const latest = await getUserState(client, scriptKind, scriptId, original.id, checkOptions(options)).catch(() => null);
    if (latest === null) return;
    if (holdsChanges(latest, changes)) throw new WriteAlreadyLanded(latest);
    if (variables.overwrite !== true && differingFields(original, latest, checked).length > 0) throw new EditConflictError(latest, variables);
  };
  let requestId: string | null = null;
  let clientRequestId: string | null = null;
  try {
    const { onCheckBeforeResend: _toldAbove, ...requestOptions } = options;
    const updated = await client.patch(userStateGraphPath(scriptKind, scriptId, original.id), changes, userStatePatchAnswerSchema, {
      ...requestOptions,
      beforeSend,
      beforeResend,
      onAnswer: (ids) => {
        requestId = ids.requestId;
        clientRequestId = ids.clientRequestId;
        options.onAnswer?.(ids);
      },
    });
    return { row: updated ?? { ...original, ...changes }, requestId, clientRequestId };
  } catch (error) {
    if (error instanceof WriteAlreadyLanded) return { row: error.current, requestId: null, clientRequestId: null };
    throw error;
  }
}

/** The options a check's read shares with its save: cancelled with it, its retries told beside it. */
function checkOptions({ signal, onRetry }: GraphRequestOptions): GraphRequestOptions {
  return { ...(signal ? { signal } : {}), ...(onRetry ? { onRetry } : {}) };
}
