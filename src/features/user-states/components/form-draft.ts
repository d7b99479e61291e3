import * as z from 'zod/mini';
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
  try {
    const text = sessionStorage.getItem(draftKey(scriptId, stateId));
    if (text === null) return null;
    const parsed = draftSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeDraft(scriptId: string, stateId: string, draft: FormDraft): void {
  try {
    sessionStorage.setItem(draftKey(scriptId, stateId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the draft is a convenience, the form still works.
  }
}

export function clearDraft(scriptId: string, stateId: string): void {
  sessionStorage.removeItem(draftKey(scriptId, stateId));
}
