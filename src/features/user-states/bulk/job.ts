/**
 * The bulk edit job: no React. Rows go in groups of at most 20 (Graph's `$batch` limit): first a
 * batch of GETs checks that Graph still holds each row as it was selected (Graph has no ETags for
 * user states, docs/decisions/003), then a batch of PATCHes writes only the rows that still match.
 * The Graph client's `batch` retries inner 429s after their own Retry-After and 5xx with backoff,
 * and holds the writes under Intune's limit through the write pacer every tab shares.
 * See docs/decisions/013-bulk-edit-job.md.
 */
import type { BatchRequest, BatchWaitNotice } from '../../../lib/graph/batch';
import type { GraphClient } from '../../../lib/graph/graph-client';
import type { ScriptKind } from '../../../lib/script-kinds';
import { userStateReadPath } from '../api/get-user-state';
import { userStateGraphPath } from '../api/keys';
import { differingFields, userStateSchema, type UserState } from '../api/schema';
import { userStatePatchAnswerSchema } from '../api/update-user-state';
import { offlineText, waitText } from './outcome-text';
import { holdsTarget, initialJobState, overwrittenRow, type BulkJobState, type JobRow, type RowOutcome } from './job-state';
import type { BulkPlan } from './plan';

/** Rows handled together: one batch of reads, then one batch of writes. */
export const rowsPerBatch = 20;

export interface BulkJobOptions {
  client: Pick<GraphClient, 'batch' | 'takeWriteSlots'>;
  scriptKind: ScriptKind;
  scriptId: string;
  now?: () => number;
  /**
   * A failure in plain words with Graph's request id (`describeError`). Handed in by the route,
   * which has it already: imported here, it would split chunks the first screen shares.
   */
  describe: (error: unknown) => { message: string; requestId: string | null };
  /** The writes of one batch are about to be sent; the returned function is called once they are answered. */
  onWritesSent?: (rows: readonly JobRow[]) => () => void;
  /** Graph accepted a row's PATCH and answered with `saved`. */
  onSaved?: (row: JobRow, saved: UserState, requestId: string | null) => void;
  /** Graph's row no longer matches the row as selected; nothing was written. */
  onConflict?: (row: JobRow, theirs: UserState) => void;
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
  const { client, scriptKind, scriptId, describe: describeError } = options;
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

  async function runGroup(group: JobRow[], signal: AbortSignal): Promise<void> {
    // The group's slots under Intune's write limit come first, then the check, then the writes:
    // waiting for the limit between the check and the write (up to 20 s once a job is at the
    // limit) would write over a change made meanwhile without asking.
    const slots = await client.takeWriteSlots(group.length, {
      signal,
      onWait: (delayMs) => onWait({ reason: 'pacing', delayMs, requests: group.length, status: null }),
    });
    let written = 0;
    try {
      written = await checkAndWrite(group, slots.count, signal);
    } finally {
      await slots.release(written);
    }
  }

  /** Reads the group's rows, writes those that still hold what was selected; returns how many were sent. */
  async function checkAndWrite(group: JobRow[], slotsTaken: number, signal: AbortSignal): Promise<number> {
    const reads: BatchRequest<UserState>[] = group.map((row) => ({ method: 'GET', path: userStateReadPath(scriptKind, scriptId, row.id), schema: userStateSchema }));
    const readResults = await client.batch(reads, { signal, onWait });
    const outcomes = new Map<string, Partial<JobRow> & { outcome: RowOutcome }>();
    const toWrite: JobRow[] = [];
    group.forEach((row, index) => {
      const result = readResults[index];
      if (result === undefined || !result.ok) {
        const { message, requestId } = describeError(result?.error);
        outcomes.set(row.id, { outcome: { kind: 'failed', reason: `Could not check the row before saving: ${message}`, requestId } });
        return;
      }
      const outcome = checkedOutcome(row, result.body);
      if (outcome === null) toWrite.push(row);
      else outcomes.set(row.id, { outcome });
    });
    setOutcomes(outcomes);
    if (toWrite.length === 0) return 0;

    const writes: BatchRequest<UserState | undefined>[] = toWrite.map((row) => ({
      method: 'PATCH',
      path: userStateGraphPath(scriptKind, scriptId, row.id),
      body: row.changes,
      schema: userStatePatchAnswerSchema,
    }));
    const sending = new Set(toWrite.map((row) => row.id));
    update((current) => ({ ...current, rows: current.rows.map((row) => (sending.has(row.id) && !row.sent ? { ...row, sent: true } : row)) }));
    const answered = options.onWritesSent?.(toWrite) ?? (() => {});
    try {
      await client.batch(writes, {
        signal,
        onWait,
        slotsTaken: Math.min(slotsTaken, writes.length),
        beforeResend: (indices) => checkBeforeResend(toWrite, indices, signal),
        // Each row's outcome as soon as Graph gave it, not when the whole group is done.
        onResult: (index, result) => {
          const row = toWrite[index];
          if (row === undefined) return;
          if (result.ok) {
            const saved = result.body ?? row.after;
            options.onSaved?.(row, saved, result.requestId);
            setOutcomes(new Map([[row.id, { outcome: { kind: 'saved', requestId: result.requestId } }]]));
          } else {
            const { message, requestId } = describeError(result.error);
            setOutcomes(new Map([[row.id, { outcome: { kind: 'failed', reason: message, requestId } }]]));
          }
        },
      });
    } finally {
      answered();
    }
    return writes.length;
  }

  /**
   * What Graph's row says of a job row about to be written: null to write it, or its outcome
   * without a write (told to the job's listeners).
   */
  function checkedOutcome(row: JobRow, actual: UserState): RowOutcome | null {
    if (differingFields(row.before, actual).length === 0) return null;
    if (holdsTarget(row, actual) && row.sent) {
      // Written by this job before its answer was lost (a reload, a dropped connection): not again.
      options.onSaved?.(row, actual, null);
      return { kind: 'saved', requestId: null };
    }
    if (holdsTarget(row, actual)) return { kind: 'skipped' };
    options.onConflict?.(row, actual);
    return { kind: 'conflict', theirs: actual };
  }

  /**
   * Rows whose PATCH is to be sent again after a wait (Graph throttled or failed it): read again,
   * as before the first sending, since others may have changed them meanwhile. `indices` are in
   * `written`; returns those settled here, and the others are sent again. A row that cannot be
   * read now is sent again, as it would have been without the check.
   */
  async function checkBeforeResend(written: readonly JobRow[], indices: readonly number[], signal: AbortSignal): Promise<ReadonlySet<number>> {
    const checked = indices.flatMap((index) => {
      const row = written[index];
      return row === undefined ? [] : [{ index, row }];
    });
    const reads: BatchRequest<UserState>[] = checked.map(({ row }) => ({ method: 'GET', path: userStateReadPath(scriptKind, scriptId, row.id), schema: userStateSchema }));
    const results = await client.batch(reads, { signal, onWait });
    const settled = new Set<number>();
    const outcomes = new Map<string, Partial<JobRow> & { outcome: RowOutcome }>();
    checked.forEach(({ index, row }, position) => {
      const result = results[position];
      if (result === undefined || !result.ok) return;
      // Its PATCH has been sent: Graph holding the new values means an unanswered attempt landed.
      const outcome = checkedOutcome({ ...row, sent: true }, result.body);
      if (outcome === null) return;
      outcomes.set(row.id, { outcome });
      settled.add(index);
    });
    setOutcomes(outcomes);
    return settled;
  }

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
        await runGroup(group, signal);
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
