/**
 * `npm run load -- --bulk`: the same planned edits through the dashboard's own bulk job
 * (src/features/user-states/bulk/job.ts): groups of 20 rows, each a `$batch` of GETs for the
 * conflict check, then a `$batch` of PATCHes for the rows that still match, paced under the write
 * limit by the app's write pacer (in memory here: Node has no localStorage or Web Locks). Then the
 * report and the checks, from the same store, request log and journal readings as the single mode.
 */
import { changedFields, userStateEditSchema } from '../../src/features/user-states/api/schema.ts';
import { startBulkJob } from '../../src/features/user-states/bulk/job.ts';
import { jobProgress, type BulkJobState, type JobProgress } from '../../src/features/user-states/bulk/job-state.ts';
import type { BulkPlan } from '../../src/features/user-states/bulk/plan.ts';
import type { BatchWaitNotice } from '../../src/lib/graph/batch-types.ts';
import { describeError } from '../../src/lib/graph/describe-error.ts';
import { createGraphClient, type GraphClient } from '../../src/lib/graph/graph-client.ts';
import type { TokenProvider } from '../../src/lib/graph/graph-request.ts';
import { createWritePacer } from '../../src/lib/graph/write-pacer.ts';
import { batchShape } from './batch-shape.ts';
import { bucketsFor, theoreticalMinimum, type ThrottleConfig } from './limits.ts';
import {
  acceptedByWindow,
  busiestWindow,
  checkLog,
  seconds,
  type JournalCheck,
  type LogEntry,
  type PlannedEdit,
  type StoreCheck,
} from './verify.ts';

/** The issue's target for a bulk job: at most this much slower than the limit allows. */
export const TARGET_RATIO = 1.1;
/** Graph's limit of requests in one `$batch`. */
const MAX_PER_BATCH = 20;

/** The planned edits as the bulk job's plan: each row's PATCH body built by the app's edit schema. */
export function bulkPlan(edits: readonly PlannedEdit[]): BulkPlan {
  return {
    changes: edits.map((edit) => ({
      before: edit.original,
      after: edit.expected,
      changes: changedFields(edit.original, userStateEditSchema.parse(edit.typed)),
    })),
    skipped: [],
  };
}

/** The app's Graph client with a real write pacer at the emulator's limit (ledger in memory). */
export function pacedClient(origin: string, getToken: TokenProvider, throttle: ThrottleConfig): GraphClient {
  const writePacer = createWritePacer({
    limit: throttle.writesPerApp,
    windowMs: throttle.windowSeconds * 1000,
    key: origin,
    storage: null,
    locks: null,
  });
  return createGraphClient({ baseUrl: `${origin}/beta`, getToken, writePacer });
}

/** What the client told the job it was waiting for, by reason: requests held back and waits. */
export type WaitTally = Record<BatchWaitNotice['reason'], { waits: number; requests: number; throttled: number }>;

export interface BulkOutcome {
  state: BulkJobState;
  progress: JobProgress;
  ms: number;
  timedOut: boolean;
  waits: WaitTally;
}

export async function runBulkEdits(
  graph: GraphClient,
  edits: readonly PlannedEdit[],
  scriptId: string,
  signal: AbortSignal,
): Promise<BulkOutcome> {
  const waits: WaitTally = {
    'retry-after': { waits: 0, requests: 0, throttled: 0 },
    backoff: { waits: 0, requests: 0, throttled: 0 },
    pacing: { waits: 0, requests: 0, throttled: 0 },
  };
  // The job's own client, with every wait it is told of counted on the way.
  const client: Pick<GraphClient, 'batch' | 'takeWriteSlots'> = {
    // The job waits for Intune's limit here, before it checks a group, rather than inside the batch.
    takeWriteSlots: (count, options) =>
      graph.takeWriteSlots(count, {
        ...options,
        onWait: (delayMs) => {
          waits.pacing.waits += 1;
          waits.pacing.requests += count;
          options?.onWait?.(delayMs);
        },
      }),
    batch: (requests, options) =>
      graph.batch(requests, {
        ...options,
        onWait: (notice) => {
          const tally = waits[notice.reason];
          tally.waits += 1;
          tally.requests += notice.requests;
          if (notice.status === 429) tally.throttled += notice.requests;
          options?.onWait?.(notice);
        },
      }),
  };
  const started = performance.now();
  const job = startBulkJob(bulkPlan(edits), {
    client,
    scriptKind: 'deviceManagementScripts',
    scriptId,
    describe: describeError,
  });
  const cancel = (): void => job.cancel();
  signal.addEventListener('abort', cancel, { once: true });
  const progress = setInterval(() => {
    const p = jobProgress(job.getState());
    console.log(
      `  ${seconds(performance.now() - started).padStart(7)}  ${p.saved}/${p.total} rows saved, ${p.conflicts} conflicts, ${p.failed} failed${job.getState().waiting ? ` (${job.getState().waiting})` : ''}`,
    );
  }, 10_000);
  try {
    await job.idle();
  } finally {
    clearInterval(progress);
    signal.removeEventListener('abort', cancel);
  }
  const state = job.getState();
  return { state, progress: jobProgress(state), ms: performance.now() - started, timedOut: signal.aborted, waits };
}

export interface BulkReportInput {
  outcome: BulkOutcome;
  edits: readonly PlannedEdit[];
  /** The emulator's request log from just before the job. */
  entries: readonly LogEntry[];
  store: StoreCheck;
  journal: JournalCheck;
  compliance: { compliant: number; retried: number; violations: number; notRetried: number; early: string[] };
  throttle: ThrottleConfig;
  renewals: number;
}

export interface Report {
  rows: [string, string][];
  checks: [string, boolean][];
  /** What went wrong, by kind (ids and reasons), for the lines after the checks. */
  details: [string, string[]][];
}

const count = (n: number): string => n.toLocaleString('en-US');

export function bulkReport(input: BulkReportInput): Report {
  const { outcome, edits, entries, store, journal, compliance, throttle } = input;
  const { progress, waits } = outcome;
  const log = checkLog(entries, edits);
  const shape = batchShape(entries);
  const singleWrites = entries.filter((e) => e.batch === undefined && e.method === 'PATCH').length;
  const windowMs = throttle.windowSeconds * 1000;
  const busiest = busiestWindow(log.writes, windowMs);
  // Every row is read once (the conflict check) and written once.
  const minimum = theoreticalMinimum(bucketsFor(throttle, edits.length, 1));
  const binding = minimum.binding;
  const ratio = outcome.timedOut || minimum.ms === 0 ? null : outcome.ms / minimum.ms;
  const otherFailures = Object.entries(log.otherFailures).map(([status, n]) => `${n}× ${status}`);
  const perEnvelope = shape.patchesPerWriteEnvelope;

  const rows: [string, string][] = [
    [
      'rows (bulk job)',
      `${count(progress.saved)} saved, ${count(progress.skipped)} skipped, ${count(progress.conflicts)} conflict, ${count(progress.failed)} failed, ${count(progress.pending)} pending (of ${count(progress.total)}; job ${outcome.state.status})`,
    ],
    ['edits applied (store)', `${count(store.applied)} / ${count(edits.length)}`],
    [
      'applied exactly once (request log)',
      `${count(log.writtenOnce)} targets with one 2xx inner PATCH; ${log.writtenTwice.length} twice; ${log.neverWritten.length} never; ${log.otherWrites.length} other writes`,
    ],
    [
      'applied exactly once (journal)',
      `${count(journal.patchedOnce)} targets; ${journal.patchedTwice.length} twice; ${journal.otherEntries} other entries`,
    ],
    [
      'untouched rows unchanged',
      `${count(store.untouchedCompared - store.untouchedChanged.length)} / ${count(store.untouchedCompared)} (every other row of every script)`,
    ],
    [
      '429s received (inner requests)',
      `${count(log.throttled)} (emulator log, ${count(log.throttledWrites)} on PATCH) / ${count(waits['retry-after'].throttled)} held by Retry-After (client)`,
    ],
    ['retries', `${count(log.retries)} (emulator log: repeated client-request-id of an inner request)`],
    [
      'waits (client)',
      `${waits.pacing.waits} for the write pacer, ${waits['retry-after'].waits} for Retry-After, ${waits.backoff.waits} backoff`,
    ],
    ['other failed answers', otherFailures.length === 0 ? 'none' : otherFailures.join(', ')],
    [
      'Retry-After honoured',
      `${count(compliance.compliant)} of ${count(compliance.retried)} retries waited long enough; ${compliance.notRetried} not retried`,
    ],
    [
      '$batch requests',
      `${count(log.batchEnvelopes)} (${count(shape.writeEnvelopes)} with PATCHes, ${count(shape.readEnvelopes)} reads only; largest ${shape.largestEnvelope} inner requests)`,
    ],
    [
      'rows per $batch of PATCHes',
      `${perEnvelope.mean.toFixed(1)} on average (${perEnvelope.min}–${perEnvelope.max}); ${count(shape.innerPatches)} inner PATCHes, ${singleWrites} outside a batch`,
    ],
    [
      'Graph requests',
      `${count(log.graphRequests)} served one by one (${count(shape.innerRequests)} inside a $batch; token renewals: ${input.renewals})`,
    ],
    ['total time (job)', seconds(outcome.ms)],
    ['first to last accepted PATCH', seconds(log.writeSpanMs)],
    [
      `accepted PATCHes, by ${count(throttle.writesPerApp)}`,
      acceptedByWindow(log.writes, throttle.writesPerApp, windowMs),
    ],
    [
      `most PATCHes accepted in one ${throttle.windowSeconds} s window`,
      `${count(busiest)} (limit ${count(throttle.writesPerApp)}; counted from arrival and answer times in the log)`,
    ],
    [
      'theoretical minimum',
      `${seconds(minimum.ms)} (${binding ? `${count(binding.requests)} at ${count(binding.limit)} ${binding.name} per ${binding.windowMs / 1000} s` : 'no limit'})`,
    ],
    [
      'ratio total / minimum',
      ratio === null
        ? 'n/a'
        : `${ratio.toFixed(2)} (issue's target ≤ ${TARGET_RATIO.toFixed(2)}: ${ratio <= TARGET_RATIO ? 'met' : 'missed'})`,
    ],
  ];

  const checks: [string, boolean][] = [
    ['finished within the time bound', !outcome.timedOut && outcome.state.status === 'finished'],
    [
      `every row saved by the job and applied (${count(edits.length)})`,
      progress.saved === edits.length && store.applied === edits.length,
    ],
    ['no target written twice (log and journal)', log.writtenTwice.length === 0 && journal.patchedTwice.length === 0],
    [
      'every target written once (log and journal)',
      log.writtenOnce === edits.length && journal.patchedOnce === edits.length,
    ],
    [
      'nothing else written or changed',
      log.otherWrites.length === 0 && journal.otherEntries === 0 && store.untouchedChanged.length === 0,
    ],
    [
      `every write inside a $batch of at most ${MAX_PER_BATCH}`,
      singleWrites === 0 && shape.largestEnvelope <= MAX_PER_BATCH,
    ],
    ['client waited Retry-After before every retry', compliance.violations === 0],
    [
      `the emulator accepted at most ${count(throttle.writesPerApp)} writes per window`,
      busiest <= throttle.writesPerApp,
    ],
  ];

  const byOutcome = (kind: string): string[] =>
    outcome.state.rows.flatMap((row) => {
      const o = row.outcome;
      if (o.kind !== kind) return [];
      if (o.kind === 'failed') return [`${row.id}: ${o.reason} (request-id ${o.requestId ?? 'none'})`];
      if (o.kind === 'conflict') return [`${row.id}: Graph holds ${JSON.stringify(o.theirs)}`];
      return [row.id];
    });
  const details: [string, string[]][] = [
    ['failed rows', byOutcome('failed')],
    ['conflicts', byOutcome('conflict')],
    ['skipped rows', byOutcome('skipped')],
    ['not applied', store.notApplied],
    ['written twice', log.writtenTwice],
    ['other writes', log.otherWrites],
    ['untouched rows changed', store.untouchedChanged],
    ['early retries', compliance.early],
  ];
  return { rows, checks, details };
}
