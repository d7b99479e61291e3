import * as z from 'zod/mini';
import { userStateSchema } from './schema';
import type { UpdateUserStateVariables } from './update-user-state';

/**
 * Saves that were on their way when MSAL had to send the user to sign in again. They are kept in
 * this tab's sessionStorage across the round trip and offered again (never sent behind the user's
 * back) when the user is back: the grid lists them with Retry, the form restores its draft.
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

/** Takes the stashed saves that `matches` selects; the others stay for the page they belong to. */
export function takeStashedSaves(matches: (save: UpdateUserStateVariables) => boolean): UpdateUserStateVariables[] {
  let saves: UpdateUserStateVariables[] = [];
  try {
    const text = sessionStorage.getItem(stashKey);
    if (text === null) return [];
    const parsed = stashSchema.safeParse(JSON.parse(text));
    if (parsed.success) saves = parsed.data;
  } catch {
    // Unreadable: dropped below.
  }
  const taken = saves.filter(matches);
  const rest = saves.filter((save) => !matches(save));
  if (rest.length > 0) sessionStorage.setItem(stashKey, JSON.stringify(rest));
  else sessionStorage.removeItem(stashKey);
  return taken;
}

/** A save that was interrupted by sign-in and has not been sent. */
export class SaveInterruptedError extends Error {
  override readonly name = 'SaveInterruptedError';
  constructor() {
    super('You had to sign in again before this change was sent, so it was not saved. Retry it or discard it.');
  }
}
