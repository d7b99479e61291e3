/**
 * A bulk job kept in this tab's sessionStorage while it runs, so that a reload or a sign-in round
 * trip can take it up where it stopped (docs/decisions/017-bulk-job-resumption.md). sessionStorage,
 * not IndexedDB: it is written synchronously, so what is kept just before MSAL navigates away is
 * really there after the round trip, and it belongs to this tab as the job does.
 */
import * as z from 'zod/mini';
import { readSessionJson, removeSessionValue, writeSessionJson } from '../../../lib/session-json';
import type { ScriptKind } from '../../../lib/script-kinds';
import { userStateSchema, type UserStateChanges } from '../api/schema';
import type { BulkJobState, JobRow, RowOutcome } from './job-state';
import { keptJobKey } from './kept-job-key';

// One flat shape for every outcome (zod's unions would be new code on the first screen, which shares zod).
const outcomeSchema = z.object({
  kind: z.enum(['pending', 'saved', 'skipped', 'conflict', 'failed']),
  requestId: z.optional(z.nullable(z.string())),
  theirs: z.optional(userStateSchema),
  reason: z.optional(z.string()),
});

/** The outcome a kept row had; a conflict kept without the other admin's values is checked again. */
function keptOutcome(kept: z.infer<typeof outcomeSchema>): RowOutcome {
  const requestId = kept.requestId ?? null;
  switch (kept.kind) {
    case 'saved':
      return { kind: 'saved', requestId };
    case 'skipped':
      return { kind: 'skipped' };
    case 'conflict':
      return kept.theirs === undefined ? { kind: 'pending' } : { kind: 'conflict', theirs: kept.theirs };
    case 'failed':
      return { kind: 'failed', reason: kept.reason ?? 'Failed', requestId };
    default:
      return { kind: 'pending' };
  }
}

// A row without `after` (it is `before` with `changes`): a quarter less to keep.
const keptRowSchema = z.object({
  id: z.string(),
  before: userStateSchema,
  changes: z.object({
    userPrincipalName: z.optional(z.string()),
    successDeviceCount: z.optional(z.int()),
    errorDeviceCount: z.optional(z.int()),
  }),
  outcome: outcomeSchema,
  sent: z.optional(z.boolean()),
});

const keptJobSchema = z.object({
  version: z.literal(1),
  /** The change-log entry the job's saves belong to: one Undo still reverses the whole job. */
  changeId: z.string(),
  undoes: z.optional(z.string()),
  activeMs: z.number(),
  settledWhileRunning: z.number(),
  rows: z.array(keptRowSchema),
});

/** What a kept job needs besides its rows to go on as the same job. */
export interface KeptJobMeta {
  changeId: string;
  undoes?: string;
}

export interface KeptJob extends KeptJobMeta {
  /** Paused, its clock stopped: it goes on when the user says so. */
  state: BulkJobState;
}

/**
 * A row as kept. A failure that Graph never answered (no request id: the connection went, or the
 * page did, as a reload aborts the batch in flight just before the page hides) says nothing about
 * the row, as a failure seen offline does: it is kept pending, to be read again on resume. It
 * counts as sent only if its PATCH went out: a row that failed while being checked was never
 * written, and finding the target values in Graph on resume would be someone else's change,
 * which the job must not report as its own save (nor its undo then revert).
 */
function keptRow({ id, before, changes, outcome, sent }: JobRow) {
  const kept = outcome.kind === 'failed' && outcome.requestId === null ? { kind: 'pending' as const } : outcome;
  return { id, before, changes, outcome: kept, ...(sent ? { sent } : {}) };
}

function withoutUndefined(changes: UserStateChanges): UserStateChanges {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}

/**
 * Keeps the job; false when the tab's storage cannot hold it (a job of tens of thousands of rows),
 * so the panel can say that only this tab's life keeps it.
 */
export function keepJob(state: BulkJobState, meta: KeptJobMeta, now: number): boolean {
  const running = state.runningSince === null ? 0 : now - state.runningSince;
  return writeSessionJson(keptJobKey(state.scriptKind, state.scriptId), {
    version: 1,
    changeId: meta.changeId,
    ...(meta.undoes === undefined ? {} : { undoes: meta.undoes }),
    activeMs: state.activeMs + running,
    settledWhileRunning: state.settledWhileRunning,
    rows: state.rows.map(keptRow),
  });
}

/** The job kept for this script, paused, or null when there is none (or it cannot be read). */
export function readKeptJob(scriptKind: ScriptKind, scriptId: string): KeptJob | null {
  const kept = readSessionJson(keptJobKey(scriptKind, scriptId), keptJobSchema);
  if (kept === null) return null;
  const rows = kept.rows.map((row): JobRow => {
    const changes = withoutUndefined(row.changes);
    return {
      id: row.id,
      before: row.before,
      after: { ...row.before, ...changes },
      changes,
      outcome: keptOutcome(row.outcome),
      ...(row.sent ? { sent: true } : {}),
    };
  });
  if (!rows.some((row) => row.outcome.kind === 'pending')) return null;
  return {
    changeId: kept.changeId,
    ...(kept.undoes === undefined ? {} : { undoes: kept.undoes }),
    state: {
      scriptKind,
      scriptId,
      status: 'paused',
      rows,
      activeMs: kept.activeMs,
      runningSince: null,
      settledWhileRunning: kept.settledWhileRunning,
      waiting: null,
      pausedOffline: false,
    },
  };
}

export function forgetKeptJob(scriptKind: ScriptKind, scriptId: string): void {
  removeSessionValue(keptJobKey(scriptKind, scriptId));
}
