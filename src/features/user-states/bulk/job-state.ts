/**
 * A bulk job's plan and progress as plain data (JSON-safe: no Date, Map, class or function), so it
 * can be kept in storage and a job taken up where it stopped. The runner (job.ts) replaces the
 * state object on every change and never mutates one it has handed out.
 */
import { holdsChanges, type UserState, type UserStateChanges } from '../api/schema';
import type { ScriptKind } from '../../../lib/script-kinds';
import type { BulkPlan } from './plan';

export type RowOutcome =
  | { kind: 'pending' }
  | { kind: 'saved'; requestId: string | null }
  | { kind: 'skipped' }
  /** Graph's row no longer matched the row as selected: `theirs` is what Graph holds now. */
  | { kind: 'conflict'; theirs: UserState }
  | { kind: 'failed'; reason: string; requestId: string | null };

export interface JobRow {
  id: string;
  /** The row as selected (after an overwrite: as the other admin left it); Graph must still hold this. */
  before: UserState;
  /** What the row holds once saved. */
  after: UserState;
  /** The PATCH body. */
  changes: UserStateChanges;
  outcome: RowOutcome;
  /**
   * Its PATCH went out at least once. Graph holding the target afterwards means this job wrote it,
   * even if the answer was lost to a reload or a dropped connection: "Saved", not "Skipped".
   */
  sent?: true;
}

export type JobStatus = 'running' | 'paused' | 'cancelled' | 'finished';

export interface BulkJobState {
  scriptKind: ScriptKind;
  scriptId: string;
  status: JobStatus;
  rows: JobRow[];
  /** Time spent running (not paused), for the rate; epoch ms of the current run's start or null. */
  activeMs: number;
  runningSince: number | null;
  /** Rows settled (saved, conflict, failed) while running, for the rate. */
  settledWhileRunning: number;
  /** Why the job waits right now ("Graph asked to wait 2 s"), or null. */
  waiting: string | null;
  /** Paused because the browser went offline: it goes on by itself when the connection is back. */
  pausedOffline: boolean;
}

export function initialJobState(scriptKind: ScriptKind, scriptId: string, plan: BulkPlan, now: number): BulkJobState {
  const rows: JobRow[] = [
    ...plan.changes.map(({ before, after, changes }): JobRow => ({ id: before.id, before, after, changes, outcome: { kind: 'pending' } })),
    ...plan.skipped.map((row): JobRow => ({ id: row.id, before: row, after: row, changes: {}, outcome: { kind: 'skipped' } })),
  ];
  return { scriptKind, scriptId, status: 'running', rows, activeMs: 0, runningSince: now, settledWhileRunning: 0, waiting: null, pausedOffline: false };
}

export interface JobProgress {
  total: number;
  done: number;
  saved: number;
  skipped: number;
  conflicts: number;
  failed: number;
  pending: number;
}

export function jobProgress(state: BulkJobState): JobProgress {
  const progress: JobProgress = { total: state.rows.length, done: 0, saved: 0, skipped: 0, conflicts: 0, failed: 0, pending: 0 };
  for (const { outcome } of state.rows) {
    if (outcome.kind === 'pending') progress.pending += 1;
    else if (outcome.kind === 'saved') progress.saved += 1;
    else if (outcome.kind === 'skipped') progress.skipped += 1;
    else if (outcome.kind === 'conflict') progress.conflicts += 1;
    else progress.failed += 1;
  }
  progress.done = progress.total - progress.pending;
  return progress;
}

/** Rows settled per second of running time, null before the first second's worth. */
export function rowsPerSecond(state: BulkJobState, now: number): number | null {
  const ms = state.activeMs + (state.runningSince === null ? 0 : now - state.runningSince);
  if (ms < 1000 || state.settledWhileRunning === 0) return null;
  return state.settledWhileRunning / (ms / 1000);
}

/**
 * Seconds left: the pending rows at the rate seen so far, but never faster than the write limit
 * allows (each pending row is one write).
 */
export function secondsLeft(state: BulkJobState, now: number, limit: { writes: number; windowMs: number }): number {
  const { pending } = jobProgress(state);
  if (pending === 0) return 0;
  const atLimit = pending / (limit.writes / (limit.windowMs / 1000));
  const rate = rowsPerSecond(state, now);
  return Math.ceil(Math.max(atLimit, rate === null ? 0 : pending / rate));
}

/** Graph's row already holds every value this row would write. */
export function holdsTarget(row: JobRow, actual: UserState): boolean {
  return holdsChanges(actual, row.changes);
}

/**
 * A conflict row the user chose to overwrite, pending again; null for a row that is not a conflict.
 * It is checked again against what the user saw of the other admin's values: a third change is a new conflict.
 */
export function overwrittenRow(row: JobRow): JobRow | null {
  if (row.outcome.kind !== 'conflict') return null;
  const theirs = row.outcome.theirs;
  return { ...row, before: theirs, after: { ...theirs, ...row.changes }, outcome: { kind: 'pending' } };
}
