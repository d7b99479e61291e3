import * as z from 'zod/mini';
import { readSessionJson, removeSessionValue, writeSessionJson } from '../../../lib/session-json';
import { userStateSchema, type UserState, type UserStateEditInput } from '../api/schema';

/**
 * Unsaved form values, kept in this tab's sessionStorage so they survive a reload or a sign-in
 * round trip (MSAL interaction) and come back on the same record.
 */
export interface FormDraft {
  /** The record as the user saw it when they started editing (for the conflict check). */
  baseline: UserState;
  values: UserStateEditInput;
}

const draftSchema = z.object({
  baseline: userStateSchema,
  values: z.object({ userPrincipalName: z.string(), successDeviceCount: z.string(), errorDeviceCount: z.string() }),
});

function draftKey(scriptId: string, stateId: string): string {
  return `intune-states.draft:${scriptId}/${stateId}`;
}

export function readDraft(scriptId: string, stateId: string): FormDraft | null {
  return readSessionJson(draftKey(scriptId, stateId), draftSchema);
}

/** Storage full or disabled: the draft is a convenience, the form still works without it. */
export function writeDraft(scriptId: string, stateId: string, draft: FormDraft): void {
  writeSessionJson(draftKey(scriptId, stateId), draft);
}

export function clearDraft(scriptId: string, stateId: string): void {
  removeSessionValue(draftKey(scriptId, stateId));
}
