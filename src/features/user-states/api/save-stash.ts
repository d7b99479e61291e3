import * as z from 'zod/mini';
import { readSessionJson, removeSessionValue, writeSessionJson } from '../../../lib/session-json';
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
  // Storage full or disabled: nothing more can be done before the page goes away.
  if (saves.length > 0) writeSessionJson(stashKey, saves);
}

/** Takes the stashed saves that `matches` selects; the others stay for the page they belong to. */
export function takeStashedSaves(matches: (save: UpdateUserStateVariables) => boolean): UpdateUserStateVariables[] {
  const saves = readSessionJson(stashKey, stashSchema) ?? [];
  const taken = saves.filter(matches);
  const rest = saves.filter((save) => !matches(save));
  if (rest.length > 0) writeSessionJson(stashKey, rest);
  else removeSessionValue(stashKey);
  return taken;
}

/** A save that was interrupted by sign-in and has not been sent. */
export class SaveInterruptedError extends Error {
  override readonly name = 'SaveInterruptedError';
  constructor() {
    super('You had to sign in again before this change was sent, so it was not saved. Retry it or discard it.');
  }
}
