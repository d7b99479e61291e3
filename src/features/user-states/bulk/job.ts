/**
 * The bulk edit job: no React. Rows go in groups of at most 20 (Graph's `$batch` limit), one
 * after another (job-group.ts): a batch of GETs checks that Graph still holds each row as it was
 * selected (Graph has no ETags for user states, docs/decisions/003), then a batch of PATCHes
 * writes only the rows that still match. Here: the job's state, its pause, resume, cancel,
 * overwrite and retry, and its pause while offline. See docs/decisions/013-bulk-edit-job.md.
 */
import type { BatchWaitNotice } from '../../../lib/graph/batch-types';
import { offlineText, waitText } from './outcome-text';
import { initialJobState, overwrittenRow, type BulkJobState, type JobRow, type RowOutcome } from './job-state';
import { runJobGroup, type JobGroupSettings } from './job-group';
import type { BulkPlan } from './plan';

/** Rows handled together: one batch of reads, then one batch of writes. */
export const rowsPerBatch = 20;

export interface BulkJobOptions extends JobGroupSettings {
  now?: () => number;
  /** The browser has no connection: failures then leave rows pending and the job pauses instead. */
  isOffline?: () => boolean;
}

export interface BulkJob {
  getState(): BulkJobState;
  subscribe(listener: () => void): () => void;
  /** Stops after the batch in flight; `resume` goes on from there. */
  pause(): void;
  /** Pauses at once (the batch in flight is dropped, its rows stay pending) until `resume`. */
  pauseWhileOffline(): void;
  resume(): void;
  /** Stops now: rows not yet answered end as failed ("Cancelled"), to be retried if wanted. */
  cancel(): void;
  /** The user saw these conflicts and wants their values written over the other admin's. */
  overwrite(ids: readonly string[]): void;
  overwriteAllConflicts(): void;
  /** Sends the failed rows again (with a fresh conflict check), and only those. */
  retryFailed(): void;
  /** Resolves when the job stops running (finished, paused or cancelled). */
  idle(): Promise<void>;
}

/** Starts a job over `plan`: the rows that change are sent, the skipped ones are reported as such. */
export function startBulkJob(plan: BulkPlan, options: BulkJobOptions): BulkJob {
  return runBulkJob(initialJobState(options.scriptKind, options.scriptId, plan, (options.now ?? Date.now)()), options);
}

/** Runs a job from its state (a new one, or one kept in storage): pending rows are sent, the rest kept. */
export function runBulkJob(initial: BulkJobState, options: BulkJobOptions): BulkJob {
  const { describe: describeError } = options;
  const now = options.now ?? Date.now;
  const offline = options.isOffline ?? (() => false);
  let state = initial;
  const listeners = new Set<() => void>();
  let loop: Promise<void> | null = null;
  let controller = new AbortController();

  const update = (change: (current: BulkJobState) => BulkJobState) => {
    state = change(state);
    for (const listener of listeners) listener();
  };
  const setOutcomes = (outcomes: ReadonlyMap<string, Partial<JobRow> & { outcome: RowOutcome }>) => {
    // Offline, a failure says nothing about the row: it stays pending for when the job goes on.
    const settled = offline() ? new Map([...outcomes].filter(([, next]) => next.outcome.kind !== 'failed')) : outcomes;
    if (settled.size === 0) return;
    update((current) => ({
      ...current,
      waiting: null,
      settledWhileRunning: current.settledWhileRunning + settled.size,
      rows: current.rows.map((row) => {
        const next = settled.get(row.id);
        return next === undefined ? row : { ...row, ...next };
      }),
    }));
  };
  const stopClock = (current: BulkJobState): BulkJobState =>
    current.runningSince === null ? current : { ...current, activeMs: current.activeMs + now() - current.runningSince, runningSince: null };
  const onWait = (notice: BatchWaitNotice) => update((current) => ({ ...current, waiting: waitText(notice) }));
  const markSent = (ids: ReadonlySet<string>) =>
    update((current) => ({ ...current, rows: current.rows.map((row) => (ids.has(row.id) && !row.sent ? { ...row, sent: true } : row)) }));

  async function runLoop(): Promise<void> {
    while (state.status === 'running') {
      if (offline()) {
        pauseWhileOffline();
        return;
      }
      const group = state.rows.filter((row) => row.outcome.kind === 'pending').slice(0, rowsPerBatch);
      if (group.length === 0) {
        update((current) => ({ ...stopClock(current), status: 'finished', waiting: null }));
        return;
      }
      // This group's signal: pausing while offline aborts it and hands later groups a new one.
      const { signal } = controller;
      try {
await runJobGroup(group, { ...options, signal, onWait, setOutcomes, markSent });
      } catch (error) {
        if (signal.aborted) return;
        // Not an answer from Graph for any one row (the token could not be had, say): the group fails.
        const { message, requestId } = describeError(error);
        const ids = new Set(group.map((row) => row.id));
        setOutcomes(
          new Map(
            state.rows
              .filter((row) => ids.has(row.id) && row.outcome.kind === 'pending')
              .map((row) => [row.id, { outcome: { kind: 'failed', reason: message, requestId } }] as const),
          ),
        );
      }
    }
  }

  function pauseWhileOffline(): void {
    if (state.status !== 'running') return;
    controller.abort();
    controller = new AbortController();
    update((current) => ({ ...stopClock(current), status: 'paused', pausedOffline: true, waiting: offlineText }));
  }

  const start = () => {
    update((current) => ({ ...current, status: 'running', pausedOffline: false, waiting: null, runningSince: current.runningSince ?? now() }));
    if (loop !== null) return;
    loop = runLoop().finally(() => {
      loop = null;
      // Resumed while the last group was still on its way out: go on.
      if (state.status === 'running' && state.rows.some((row) => row.outcome.kind === 'pending')) start();
    });
  };
  const reopen = (pick: (row: JobRow) => JobRow | null) => {
    update((current) => ({ ...current, rows: current.rows.map((row) => pick(row) ?? row) }));
    // A paused job keeps them for when it is resumed.
    if (state.status !== 'paused' && state.rows.some((row) => row.outcome.kind === 'pending')) {
      controller = controller.signal.aborted ? new AbortController() : controller;
      start();
    }
  };

  if (state.status === 'running') {
    state = { ...state, runningSince: state.runningSince ?? now() };
    start();
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pause() {
      if (state.status === 'running') update((current) => ({ ...stopClock(current), status: 'paused' }));
    },
    pauseWhileOffline,
    resume() {
      if (state.status === 'paused') start();
    },
    cancel() {
      if (state.status !== 'running' && state.status !== 'paused') return;
      controller.abort();
      const cancelled: RowOutcome = { kind: 'failed', reason: 'Cancelled before Graph answered', requestId: null };
      update((current) => ({
        ...stopClock(current),
        status: 'cancelled',
        waiting: null,
        rows: current.rows.map((row) => (row.outcome.kind === 'pending' ? { ...row, outcome: cancelled } : row)),
      }));
    },
    overwrite: (ids) => reopen((row) => (ids.includes(row.id) ? overwrittenRow(row) : null)),
    overwriteAllConflicts: () => reopen(overwrittenRow),
    retryFailed: () => reopen((row) => (row.outcome.kind === 'failed' ? { ...row, outcome: { kind: 'pending' } } : null)),
    idle: async () => {
      while (loop !== null) await loop;
    },
  };
}
