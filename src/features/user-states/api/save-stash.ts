import * as z from 'zod/mini';
import { userStateSchema } from './schema';
import type { UpdateUserStateVariables } from './update-user-state';

/**
 * Saves that were on their way when MSAL had to send the user to sign in again. They are kept in
 * this tab's sessionStorage across the round trip and sent again, in order, when the user is back.
 */
const stashKey = 'intune-states.queued-saves';

const stashSchema = z.array(
  z.object({
    scriptId: z.string(),
    original: userStateSchema,
    changes: z.object({
      userPrincipalName: z.optional(z.string()),
      successDeviceCount: z.optional(z.int()),
      errorDeviceCount: z.optional(z.int()),
    }),
    overwrite: z.optional(z.boolean()),
  }),
);

export function stashSaves(saves: UpdateUserStateVariables[]): void {
  if (saves.length === 0) return;
  try {
    sessionStorage.setItem(stashKey, JSON.stringify(saves));
  } catch {
    // Storage full or disabled: nothing more can be done before the page goes away.
  }
}

export function takeStashedSaves(): UpdateUserStateVariables[] {
  try {
    const text = sessionStorage.getItem(stashKey);
    sessionStorage.removeItem(stashKey);
    if (text === null) return [];
    const parsed = stashSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
