/**
 * One group of a bulk edit job (at most 20 rows, Graph's `$batch` limit): its slots under Intune's
 * write limit, then a batch of GETs checking that Graph still holds each row as it was selected,
 * then a batch of PATCHes of the rows that still match, each checked again before it is resent.
 * The job (job.ts) runs the groups one after another and keeps their outcomes.
 */
import type { BatchRequest, BatchWaitNotice } from '../../../lib/graph/batch-types';
import type { GraphClient } from '../../../lib/graph/graph-client';
import type { ScriptKind } from '../../../lib/script-kinds';
import { userStateReadPath } from '../api/get-user-state';
import { userStateGraphPath } from '../api/keys';
import { differingFields, userStateSchema, type UserState } from '../api/schema';
import { userStatePatchAnswerSchema } from '../api/update-user-state';
import { holdsTarget, type JobRow, type RowOutcome } from './job-state';

/** What a job is given (`BulkJobOptions`) that its groups use. */
export interface JobGroupSettings {
  client: Pick<GraphClient, 'batch' | 'takeWriteSlots'>;
  scriptKind: ScriptKind;
  scriptId: string;
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
}

/** The job's settings, and its state updates, for one group; `signal` is the group's own. */
export interface GroupContext extends JobGroupSettings {
  signal: AbortSignal;
  onWait: (notice: BatchWaitNotice) => void;
  /** The rows' outcomes as Graph gave them. */
  setOutcomes: (outcomes: ReadonlyMap<string, Partial<JobRow> & { outcome: RowOutcome }>) => void;
  /** These rows' PATCHes are about to go out (a row sent once is never counted as unwritten again). */
  markSent: (ids: ReadonlySet<string>) => void;
}

/** One GET per row, of the fields the check compares. */
function rowReads(rows: readonly JobRow[], { scriptKind, scriptId }: GroupContext): BatchRequest<UserState>[] {
  return rows.map((row) => ({ method: 'GET', path: userStateReadPath(scriptKind, scriptId, row.id), schema: userStateSchema }));
}

/** Runs one group to the end: every row ends with an outcome, or stays pending when its answer was lost. */
export async function runJobGroup(group: JobRow[], context: GroupContext): Promise<void> {
  const { client, signal, onWait } = context;
  // The group's slots under Intune's write limit come first, then the check, then the writes:
  // waiting for the limit between the check and the write (up to 20 s once a job is at the
  // limit) would write over a change made meanwhile without asking.
  const slots = await client.takeWriteSlots(group.length, {
    signal,
    onWait: (delayMs) => onWait({ reason: 'pacing', delayMs, requests: group.length, status: null }),
  });
  let written = 0;
  try {
    written = await checkAndWrite(group, slots.count, context);
  } finally {
    await slots.release(written);
  }
}

/** Reads the group's rows, writes those that still hold what was selected; returns how many were sent. */
async function checkAndWrite(group: JobRow[], slotsTaken: number, context: GroupContext): Promise<number> {
  const { client, scriptKind, scriptId, signal, onWait, setOutcomes, describe: describeError } = context;
  const readResults = await client.batch(rowReads(group, context), { signal, onWait });
  const outcomes = new Map<string, Partial<JobRow> & { outcome: RowOutcome }>();
  const toWrite: JobRow[] = [];
  group.forEach((row, index) => {
    const result = readResults[index];
    if (result === undefined || !result.ok) {
      const { message, requestId } = describeError(result?.error);
      outcomes.set(row.id, { outcome: { kind: 'failed', reason: `Could not check the row before saving: ${message}`, requestId } });
      return;
    }
    const outcome = checkedOutcome(row, result.body, context);
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
  context.markSent(new Set(toWrite.map((row) => row.id)));
  const answered = context.onWritesSent?.(toWrite) ?? (() => {});
  try {
    await client.batch(writes, {
      signal,
      onWait,
      slotsTaken: Math.min(slotsTaken, writes.length),
      beforeResend: (indices) => checkBeforeResend(toWrite, indices, context),
      // Each row's outcome as soon as Graph gave it, not when the whole group is done.
      onResult: (index, result) => {
        const row = toWrite[index];
        if (row === undefined) return;
        if (result.ok) {
          const saved = result.body ?? row.after;
          context.onSaved?.(row, saved, result.requestId);
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
function checkedOutcome(row: JobRow, actual: UserState, { onSaved, onConflict }: GroupContext): RowOutcome | null {
  if (differingFields(row.before, actual).length === 0) return null;
  if (holdsTarget(row, actual) && row.sent) {
    // Written by this job before its answer was lost (a reload, a dropped connection): not again.
    onSaved?.(row, actual, null);
    return { kind: 'saved', requestId: null };
  }
  if (holdsTarget(row, actual)) return { kind: 'skipped' };
  onConflict?.(row, actual);
  return { kind: 'conflict', theirs: actual };
}

/**
 * Rows whose PATCH is to be sent again after a wait (Graph throttled or failed it): read again,
 * as before the first sending, since others may have changed them meanwhile. `indices` are in
 * `written`; returns those settled here, and the others are sent again. A row that cannot be
 * read now is sent again, as it would have been without the check.
 */
async function checkBeforeResend(written: readonly JobRow[], indices: readonly number[], context: GroupContext): Promise<ReadonlySet<number>> {
  const { client, signal, onWait, setOutcomes } = context;
  const checked = indices.flatMap((index) => {
    const row = written[index];
    return row === undefined ? [] : [{ index, row }];
  });
  const results = await client.batch(rowReads(checked.map(({ row }) => row), context), { signal, onWait });
  const settled = new Set<number>();
  const outcomes = new Map<string, Partial<JobRow> & { outcome: RowOutcome }>();
  checked.forEach(({ index, row }, position) => {
    const result = results[position];
    if (result === undefined || !result.ok) return;
    // Its PATCH has been sent: Graph holding the new values means an unanswered attempt landed.
    const outcome = checkedOutcome({ ...row, sent: true }, result.body, context);
    if (outcome === null) return;
    outcomes.set(row.id, { outcome });
    settled.add(index);
  });
  setOutcomes(outcomes);
  return settled;
}
