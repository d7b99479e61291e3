import * as z from 'zod/mini';
import { scriptKinds, type ScriptKind } from '../../../lib/script-kinds';
import { readSessionJson, removeSessionValue, writeSessionJson } from '../../../lib/session-json';
import { userStateSchema } from '../api/schema';
import { confirmedLogLimit, type ConfirmedEdit, type EditLogStore } from '../cache/edit-coordinator';

/**
 * The session's change log: the edit coordinator's confirmed edits, kept in this tab's
 * sessionStorage beside the drafts (lib/session-json.ts) so a reload or an interactive sign-in
 * (MSAL navigates away and back) keeps every save undoable. Versioned: a stored log of another
 * shape, or one that fails the schema, reads as empty instead of breaking the page.
 */
const changeLogKey = 'intune-states.change-log';
const changeLogVersion = 1;

const writtenSchema = z.object({
  userPrincipalName: z.optional(z.string()),
  successDeviceCount: z.optional(z.int()),
  errorDeviceCount: z.optional(z.int()),
});

const confirmedEditSchema = z.object({
  scriptKind: z.enum(scriptKinds.map((kind) => kind.id) as [ScriptKind, ...ScriptKind[]]),
  scriptId: z.string(),
  stateId: z.string(),
  before: userStateSchema,
  written: writtenSchema,
  after: userStateSchema,
  at: z.int(),
  requestId: z.pipe(
    z.nullish(z.string()),
    z.transform((value) => value ?? null),
  ),
  // The history matches a save to Intune's audit event by it, also after a reload.
  clientRequestId: z.optional(z.nullable(z.string())),
  changeId: z.optional(z.string()),
  undoes: z.optional(z.string()),
});

// The version is compared after parsing (any other version reads as an empty log).
const storedLogSchema = z.object({
  version: z.int(),
  edits: z.array(confirmedEditSchema),
});

type Listener = () => void;
const listeners = new Set<Listener>();
let writes = 0;

/** Writes the newest edits that fit: a full storage drops the older half until the rest fits. */
function writeLog(log: readonly ConfirmedEdit[]): void {
  let kept = log.slice(-confirmedLogLimit);
  while (!writeSessionJson(changeLogKey, { version: changeLogVersion, edits: kept })) {
    if (kept.length === 0) {
      removeSessionValue(changeLogKey);
      break;
    }
    kept = kept.slice(Math.ceil(kept.length / 2));
  }
  writes += 1;
  for (const listener of listeners) listener();
}

export const sessionChangeLog: EditLogStore = {
  read: () => {
    const stored = readSessionJson(changeLogKey, storedLogSchema);
    return stored?.version === changeLogVersion ? stored.edits.slice(-confirmedLogLimit) : [];
  },
  write: writeLog,
};

/** For useSyncExternalStore: a number that changes with every write of the log. */
export const changeLogUpdates = {
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getSnapshot: (): number => writes,
};
