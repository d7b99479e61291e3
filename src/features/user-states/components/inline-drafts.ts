import * as z from 'zod/mini';
import { readSessionJson, removeSessionValue, writeSessionJson } from '../../../lib/session-json';
import { userStateSchema, type EditableField, type UserState } from '../api/schema';

/**
 * Rows that were open in inline edit when MSAL had to send the user to sign in again: the typed
 * text of each field and the record as it was when editing began (so the conflict check still
 * compares against what the user started from). Kept per script in this tab's sessionStorage
 * and re-opened in edit mode, on the same rows, after the round trip.
 */
export interface InlineDraft {
  baseline: UserState;
  values: Partial<Record<EditableField, string>>;
}

export type InlineDrafts = ReadonlyMap<string, InlineDraft>;

const inlineDraftsSchema = z.array(
  z.object({
    baseline: userStateSchema,
    values: z.object({
      userPrincipalName: z.optional(z.string()),
      successDeviceCount: z.optional(z.string()),
      errorDeviceCount: z.optional(z.string()),
    }),
  }),
);

function inlineDraftsKey(scriptId: string): string {
  return `intune-states.inline-drafts:${scriptId}`;
}

export function stashInlineDrafts(scriptId: string, drafts: Iterable<InlineDraft>): void {
  const list = [...drafts];
  if (list.length > 0) writeSessionJson(inlineDraftsKey(scriptId), list);
}

/** Takes (reads and forgets) the rows stashed for this script. */
export function takeInlineDrafts(scriptId: string): InlineDrafts {
  const key = inlineDraftsKey(scriptId);
  const list = readSessionJson(key, inlineDraftsSchema) ?? [];
  removeSessionValue(key);
  return new Map(list.map((draft) => [draft.baseline.id, draft]));
}
