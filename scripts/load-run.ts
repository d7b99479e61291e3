/**
 * `npm run load`: pushes 1,000 user-state edits through the dashboard's own Graph client
 * (src/lib/graph/graph-client.ts and graph-request.ts, the same retry policy the app ships) against the local emulator
 * with Intune's write limit switched on (200 writes per 20 s per app per tenant), then checks in
 * the emulator's store, request log and journal that every edit was applied exactly once and
 * nothing else changed, and reports 429s, retries and the time taken against the fastest the
 * limit allows. `--bulk` sends the same edits through the dashboard's bulk job instead
 * (scripts/load/bulk-run.ts). Loopback only; bounded in count and time. `npm run load -- --help`
 * lists options.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ACCOUNTS, PAGED_SCRIPT_ID, seededUserStateCount } from '../emulator/constants.ts';
import { freePort } from '../emulator/testing/free-port.ts';
import { signIn } from '../emulator/testing/sign-in.ts';
import {
  editableFields,
  changedFields,
  toEditInput,
  userStateEditSchema,
  type UserState,
} from '../src/features/user-states/api/schema.ts';
import { EditConflictError, updateUserState } from '../src/features/user-states/api/update-user-state.ts';
import { defaultGraphScopes } from '../src/lib/auth/scopes.ts';
import { createGraphClient, type GraphClient } from '../src/lib/graph/graph-client.ts';
import type { RetryNotice, TokenRequest } from '../src/lib/graph/graph-request.ts';
import { rowsPerBatch } from '../src/features/user-states/bulk/job.ts';
import { bulkReport, pacedClient, runBulkEdits, type Report } from './load/bulk-run.ts';
import { startEmulator, type EmulatorProcess } from './load/emulator-process.ts';
import { bucketsFor, theoreticalMinimum, type ThrottleConfig } from './load/limits.ts';
import {
  acceptedByWindow,
  busiestWindow,
  checkJournal,
  checkLog,
  checkStore,
  markdownTable,
  planEdits,
  seconds,
  type LogEntry,
  type PlannedEdit,
  type UserStateRow,
} from './load/verify.ts';

const HELP = `Load run: edits through the dashboard's Graph client against the throttled emulator

Usage: npm run load -- [options]

  --count <n>          edits, each to a different user state (default 1000, at most ${seededUserStateCount(PAGED_SCRIPT_ID)})
  --concurrency <n>    edits in flight at once (default 16, 1-64)
  --write-limit <n>    emulator writes per app per tenant per 20 s (default 200, Intune's limit)
  --timeout <s>        bound on the whole run, start-up and checks included (default 300, 30-900)
  --no-conflict-check  PATCH only; by default each edit first reads the record, as the dashboard does
  --bulk               the same edits through the dashboard's bulk job instead of single saves: groups of
                       20 rows, a $batch of GETs (conflict check) then a $batch of PATCHes, paced by the
                       app's write pacer; reports rows saved/skipped/conflict/failed, $batch requests and
                       rows per request beside the same checks (not with --concurrency, --no-conflict-check)
  --help               show this help`;

// The big script is not edited; a small one keeps start-up and the whole-store comparison quick.
const BIG_SCRIPT_SIZE = 5000;
const START_TIMEOUT_MS = 60_000;
/** Kept back from --timeout for reading the store and the log after the edits (at most a third). */
const CHECK_BUDGET_MS = 30_000;

interface Options {
  count: number;
  concurrency: number;
  writeLimit: number;
  timeoutMs: number;
  conflictCheck: boolean;
  bulk: boolean;
}

class UsageError extends Error {}

function wholeNumber(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function parseOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: 'string' },
      concurrency: { type: 'string' },
      'write-limit': { type: 'string' },
      timeout: { type: 'string' },
      'no-conflict-check': { type: 'boolean' },
      bulk: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  // The bulk job always reads before it writes and sends one group of 20 rows at a time.
  if (values.bulk && (values.concurrency !== undefined || values['no-conflict-check']))
    throw new UsageError("--bulk runs the app's bulk job as it is: --concurrency and --no-conflict-check do not apply");
  return {
    count: wholeNumber(values.count, '--count', 1000, 1, seededUserStateCount(PAGED_SCRIPT_ID)),
    concurrency: wholeNumber(values.concurrency, '--concurrency', 16, 1, 64),
    writeLimit: wholeNumber(values['write-limit'], '--write-limit', 200, 1, 100_000),
    timeoutMs: wholeNumber(values.timeout, '--timeout', 300, 30, 900) * 1000,
    conflictCheck: values['no-conflict-check'] !== true,
    bulk: values.bulk === true,
  };
}

// ---- The emulator's controls (/_emulator, not Graph) -------------------------------------------

const rowSchema = z.object({
  id: z.string(),
  userPrincipalName: z.string(),
  successDeviceCount: z.number(),
  errorDeviceCount: z.number(),
});
const scriptsSchema = z.object({ value: z.array(z.object({ id: z.string(), userStateCount: z.number() })) });
const rowsSchema = z.object({ count: z.number(), value: z.array(rowSchema) });
const configSchema = z.object({
  throttle: z
    .object({
      windowSeconds: z.number(),
      writesPerApp: z.number(),
      writesPerTenant: z.number(),
      requestsPerApp: z.number(),
      requestsPerTenant: z.number(),
    })
    .nullable(),
  dataDir: z.string().nullable(),
});
const logSchema = z.object({
  value: z.array(
    z.object({
      seq: z.number(),
      clientRequestId: z.string().nullable(),
      method: z.string(),
      path: z.string(),
      time: z.string(),
      durationMs: z.number(),
      status: z.number().nullable(),
      fault: z.string().nullable(),
      retryAfter: z.number().nullable(),
      // Inner requests of a $batch carry their envelope's request-id (kept: the bulk mode counts by it).
      batch: z.object({ requestId: z.string(), id: z.string() }).optional(),
    }),
  ),
});
const complianceSchema = z.object({
  summary: z.object({
    withRetryAfter: z.number(),
    retried: z.number(),
    compliant: z.number(),
    violations: z.number(),
    notRetried: z.number(),
  }),
  entries: z.array(
    z.object({
      path: z.string(),
      status: z.number().nullable(),
      retryAfterSeconds: z.number(),
      waitedMs: z.number().nullable(),
      compliant: z.boolean().nullable(),
    }),
  ),
});

function controls(origin: string) {
  async function get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const response = await fetch(`${origin}/_emulator${path}`, { signal: AbortSignal.timeout(20_000) });
    if (!response.ok) throw new Error(`GET /_emulator${path} answered ${response.status}: ${await response.text()}`);
    return schema.parse(await response.json());
  }
  return {
    config: () => get('/config', configSchema),
    requests: async (since: number): Promise<LogEntry[]> => (await get(`/requests?since=${since}`, logSchema)).value,
    retryCompliance: () => get('/retry-compliance', complianceSchema),
    /** Every user state of every script, straight from the store (no auth, no throttle). */
    async snapshot(): Promise<Map<string, UserStateRow[]>> {
      const scripts = await get('/store/deviceManagementScripts', scriptsSchema);
      const out = new Map<string, UserStateRow[]>();
      for (const script of scripts.value) {
        const rows = await get(
          `/store/deviceManagementScripts/${encodeURIComponent(script.id)}/userRunStates`,
          rowsSchema,
        );
        if (rows.value.length !== rows.count)
          throw new Error(`the store listed ${rows.value.length} of ${rows.count} user states of ${script.id}`);
        out.set(script.id, rows.value);
      }
      return out;
    },
  };
}

// ---- The edits ---------------------------------------------------------------------------------

interface EditResult {
  edit: PlannedEdit;
  ok: boolean;
  error: string | null;
  notices: RetryNotice[];
}

/**
 * One save as the dashboard makes it: the app's own updateUserState (read the record and check it
 * still holds what the user started from, then PATCH only the changed fields), with the body
 * built by the app's own edit schema.
 */
async function saveEdit(
  client: GraphClient,
  edit: PlannedEdit,
  conflictCheck: boolean,
  signal: AbortSignal,
  onRetry: () => void,
): Promise<EditResult> {
  const notices: RetryNotice[] = [];
  const requestOptions = {
    signal,
    onRetry: (notice: RetryNotice) => {
      notices.push(notice);
      onRetry();
    },
  };
  try {
    const original: UserState = edit.original;
    const changes = changedFields(original, userStateEditSchema.parse(edit.typed));
    const { row: updated } = await updateUserState(
      client,
      { scriptKind: 'deviceManagementScripts', scriptId: edit.scriptId, original, changes, overwrite: !conflictCheck },
      requestOptions,
    );
    if (editableFields.some((field) => updated[field] !== edit.expected[field])) {
      return { edit, ok: false, error: `PATCH answered with other values: ${JSON.stringify(updated)}`, notices };
    }
    return { edit, ok: true, error: null, notices };
  } catch (error) {
    if (error instanceof EditConflictError) {
      return {
        edit,
        ok: false,
        error: `conflict: ${error.differingFields.join(', ')} changed before the PATCH`,
        notices,
      };
    }
    return {
      edit,
      ok: false,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      notices,
    };
  }
}

async function runEdits(
  client: GraphClient,
  edits: readonly PlannedEdit[],
  options: Options,
  signal: AbortSignal,
): Promise<EditResult[]> {
  const results: EditResult[] = [];
  let next = 0;
  let notices = 0;
  const started = performance.now();
  const progress = setInterval(() => {
    const ok = results.filter((r) => r.ok).length;
    console.log(
      `  ${seconds(performance.now() - started).padStart(7)}  ${ok}/${edits.length} edits saved, ${notices} retries announced`,
    );
  }, 10_000);
  const worker = async (): Promise<void> => {
    while (!signal.aborted) {
      const edit = edits[next];
      next += 1;
      if (edit === undefined) return;
      results.push(await saveEdit(client, edit, options.conflictCheck, signal, () => (notices += 1)));
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, edits.length) }, worker));
  } finally {
    clearInterval(progress);
  }
  return results;
}

// ---- The run -----------------------------------------------------------------------------------

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** The table, one PASS/FAIL line per check, then what went wrong; true when every check passed. */
function printReport({ rows, checks, details }: Report): boolean {
  console.log('');
  console.log(markdownTable(['Load run', 'Result'], rows));
  console.log('');
  for (const [label, passed] of checks) console.log(`  ${passed ? 'PASS' : 'FAIL'}  ${label}`);
  for (const [label, items] of details) {
    if (items.length > 0)
      console.log(`  ${label} (${items.length}): ${items.slice(0, 5).join('; ')}${items.length > 5 ? '; …' : ''}`);
  }
  return checks.every(([, passed]) => passed);
}

/** What the run holds outside itself: released on every way out (end, error, signal, watchdog). */
class Resources {
  emulator: EmulatorProcess | null = null;
  dataDir: string | null = null;

  async release(graceMs = 5000): Promise<void> {
    const { emulator, dataDir } = this;
    this.emulator = null;
    this.dataDir = null;
    await emulator?.stop(graceMs);
    if (dataDir !== null) await rm(dataDir, { recursive: true, force: true });
  }

  /** From a synchronous exit handler, when release() did not get to run. */
  releaseNow(): void {
    this.emulator?.killNow();
    if (this.dataDir !== null) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

async function run(options: Options, resources: Resources): Promise<boolean> {
  const runStarted = performance.now();
  const dataDir = await mkdtemp(join(tmpdir(), 'load-run-'));
  resources.dataDir = dataDir;
  try {
    const port = await freePort();
    const emulator = await startEmulator({
      port,
      args: [
        '--data-dir',
        dataDir,
        '--reset',
        '--big-script-size',
        String(BIG_SCRIPT_SIZE),
        '--write-limit',
        String(options.writeLimit),
      ],
      startTimeoutMs: START_TIMEOUT_MS,
      onLine: (stream, line) => {
        if (stream === 'stderr') console.error(`  [emulator] ${line}`);
      },
    });
    resources.emulator = emulator;
    console.log(`  [emulator] ${emulator.readyLine}`);
    const admin = controls(emulator.origin);

    const config = await admin.config();
    if (config.throttle === null) throw new Error('the emulator runs without throttling');
    if (config.throttle.writesPerApp !== options.writeLimit)
      throw new Error(
        `the emulator allows ${config.throttle.writesPerApp} writes per window, not ${options.writeLimit}`,
      );
    const throttle: ThrottleConfig = config.throttle;

    const before = await admin.snapshot();
    const pagedRows = before.get(PAGED_SCRIPT_ID) ?? [];
    // The dashboard's edit schema validates every field of the form, so it cannot save a row whose
    // current values it refuses (e.g. a seeded UPN with an apostrophe) without changing them: such
    // rows are left out of the targets (they stay among the rows checked as untouched).
    const refusedByForm = pagedRows.filter((row) => !userStateEditSchema.safeParse(toEditInput(row)).success);
    const edits = planEdits(PAGED_SCRIPT_ID, pagedRows, options.count, (row) => !refusedByForm.includes(row));
    if (refusedByForm.length > 0) {
      console.log(
        `  ${refusedByForm.length} user states of the script are refused by the dashboard's edit schema as they stand (not targeted), e.g. ${refusedByForm
          .slice(0, 3)
          .map((r) => JSON.stringify(r.userPrincipalName))
          .join(', ')}`,
      );
    }

    let renewals = 0;
    let token: Promise<string> | null = null;
    const getToken = ({ forceRefresh }: TokenRequest): Promise<string> => {
      if (token === null || forceRefresh) {
        if (token !== null) renewals += 1;
        token = signIn((request) => fetch(request), {
          upn: ACCOUNTS.admin.upn,
          scopes: [defaultGraphScopes.write],
          origin: emulator.origin,
        }).then((r) => r.accessToken);
      }
      return token;
    };
    await getToken({ write: true, forceRefresh: false });
    const mark = (await admin.requests(0)).reduce((max, e) => Math.max(max, e.seq), 0);

    const editBudgetMs = Math.floor(
      options.timeoutMs - Math.min(CHECK_BUDGET_MS, options.timeoutMs / 3) - (performance.now() - runStarted),
    );
    if (editBudgetMs <= 0) throw new Error('no time left for the edits after start-up');
    const editSignal = AbortSignal.timeout(editBudgetMs);
    const limitText = `limit ${throttle.writesPerApp} writes/${throttle.windowSeconds} s, at most ${seconds(editBudgetMs)}`;
    /** What the emulator saw and holds after the edits. */
    const readings = async () => ({
      entries: await admin.requests(mark),
      compliance: await admin.retryCompliance(),
      store: checkStore(before, await admin.snapshot(), edits),
      journal: checkJournal(await readFile(join(dataDir, 'journal.ndjson'), 'utf8'), edits),
    });
    const earlyRetries = (compliance: z.infer<typeof complianceSchema>): string[] =>
      compliance.entries
        .filter((e) => e.compliant === false)
        .map((e) => `${e.path}: waited ${e.waitedMs ?? 0} ms of ${e.retryAfterSeconds} s`);

    if (options.bulk) {
      console.log(
        `  ${count(edits.length)} rows of script ${PAGED_SCRIPT_ID} through the bulk job ` +
          `($batch of ${rowsPerBatch}: read for the conflict check, then PATCH; write pacer on), ${limitText}`,
      );
      const outcome = await runBulkEdits(
        pacedClient(emulator.origin, getToken, throttle),
        edits,
        PAGED_SCRIPT_ID,
        editSignal,
      );
      const seen = await readings();
      return printReport(
        bulkReport({
          outcome,
          edits,
          entries: seen.entries,
          store: seen.store,
          journal: seen.journal,
          compliance: { ...seen.compliance.summary, early: earlyRetries(seen.compliance) },
          throttle,
          renewals,
        }),
      );
    }

    // The app's client, configured as src/main.tsx configures it (retry policy left at its defaults).
    const client = createGraphClient({ baseUrl: `${emulator.origin}/beta`, getToken });
    console.log(
      `  ${count(edits.length)} edits of script ${PAGED_SCRIPT_ID}, ${options.concurrency} in flight, ` +
        `${options.conflictCheck ? 'read-then-PATCH (conflict check)' : 'PATCH only'}, ${limitText}`,
    );
    const editStarted = performance.now();
    const results = await runEdits(client, edits, options, editSignal);
    const editMs = performance.now() - editStarted;
    const timedOut = editSignal.aborted;

    const { entries, compliance, store, journal } = await readings();
    const log = checkLog(entries, edits);

    const failed = results.filter((r) => !r.ok);
    const busiest = busiestWindow(log.writes, throttle.windowSeconds * 1000);
    const allNotices = results.flatMap((r) => r.notices);
    const client429 = allNotices.filter((n) => n.status === 429).length;
    const maxRetries = results.reduce((max, r) => Math.max(max, r.notices.length), 0);
    const minimum = theoreticalMinimum(bucketsFor(throttle, edits.length, options.conflictCheck ? 1 : 0));
    const binding = minimum.binding;
    const otherFailures = Object.entries(log.otherFailures).map(([status, n]) => `${n}× ${status}`);

    const rows: [string, string][] = [
      ['edits applied (store)', `${count(store.applied)} / ${count(edits.length)}`],
      [
        'applied exactly once (request log)',
        `${count(log.writtenOnce)} targets with one 2xx PATCH; ${log.writtenTwice.length} twice; ${log.neverWritten.length} never; ${log.otherWrites.length} other writes`,
      ],
      [
        'applied exactly once (journal)',
        `${count(journal.patchedOnce)} targets; ${journal.patchedTwice.length} twice; ${journal.otherEntries} other entries`,
      ],
      [
        'untouched rows unchanged',
        `${count(store.untouchedCompared - store.untouchedChanged.length)} / ${count(store.untouchedCompared)} (every other row of every script)`,
      ],
      ['failed edits (client)', String(failed.length)],
      [
        '429s received',
        `${count(client429)} (client) / ${count(log.throttled)} (emulator log, ${count(log.throttledWrites)} on PATCH)`,
      ],
      [
        'retries',
        `${count(allNotices.length)} (client onRetry) / ${count(log.retries)} (emulator log: repeated client-request-id); most for one request: ${maxRetries}`,
      ],
      ['other failed answers', otherFailures.length === 0 ? 'none' : otherFailures.join(', ')],
      [
        'Retry-After honoured',
        `${count(compliance.summary.compliant)} of ${count(compliance.summary.retried)} retries waited long enough; ${compliance.summary.notRetried} not retried`,
      ],
      ['Graph requests', `${count(log.graphRequests)} (token renewals: ${renewals})`],
      ['total time (edit phase)', seconds(editMs)],
      ['first to last accepted PATCH', seconds(log.writeSpanMs)],
      [
        `accepted PATCHes, by ${count(throttle.writesPerApp)}`,
        acceptedByWindow(log.writes, throttle.writesPerApp, throttle.windowSeconds * 1000),
      ],
      [
        `most PATCHes accepted in one ${throttle.windowSeconds} s window`,
        `${count(busiest)} (limit ${count(throttle.writesPerApp)}; counted from arrival and answer times in the log)`,
      ],
      [
        'theoretical minimum',
        `${seconds(minimum.ms)} (${binding ? `${count(binding.requests)} at ${count(binding.limit)} ${binding.name} per ${binding.windowMs / 1000} s` : 'no limit'})`,
      ],
      ['ratio total / minimum', timedOut || minimum.ms === 0 ? 'n/a' : (editMs / minimum.ms).toFixed(2)],
    ];
    const checks: [string, boolean][] = [
      ['finished within the time bound', !timedOut],
      [`every edit applied (${count(edits.length)})`, store.applied === edits.length && failed.length === 0],
      ['no target written twice (log and journal)', log.writtenTwice.length === 0 && journal.patchedTwice.length === 0],
      [
        'every target written once (log and journal)',
        log.writtenOnce === edits.length && journal.patchedOnce === edits.length,
      ],
      [
        'nothing else written or changed',
        log.otherWrites.length === 0 && journal.otherEntries === 0 && store.untouchedChanged.length === 0,
      ],
      ['client waited Retry-After before every retry', compliance.summary.violations === 0],
      [
        `the emulator accepted at most ${count(throttle.writesPerApp)} writes per window`,
        busiest <= throttle.writesPerApp,
      ],
    ];
    return printReport({
      rows,
      checks,
      details: [
        ['failed edits', failed.map((r) => `${r.edit.original.id}: ${r.error ?? ''}`)],
        ['not applied', store.notApplied],
        ['written twice', log.writtenTwice],
        ['other writes', log.otherWrites],
        ['untouched rows changed', store.untouchedChanged],
        ['early retries', earlyRetries(compliance)],
      ],
    });
  } finally {
    await resources.release();
  }
}

async function main(): Promise<number> {
  let options: Options | null;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`load: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }
  if (options === null) {
    console.log(HELP);
    return 0;
  }

  const resources = new Resources();
  // Whatever happens, neither the emulator nor its data outlive the run.
  process.on('exit', () => resources.releaseNow());
  const abandon = (reason: string, code: number): void => {
    console.error(`load: ${reason}; stopping the emulator`);
    void resources.release(2000).finally(() => process.exit(code));
  };
  process.on('SIGINT', () => abandon('SIGINT', 130));
  process.on('SIGTERM', () => abandon('SIGTERM', 143));
  const watchdog = setTimeout(() => abandon(`the run exceeded ${options.timeoutMs / 1000} s`, 1), options.timeoutMs);
  watchdog.unref();

  console.log(
    `load: ${new Date().toISOString()}, Node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} cores`,
  );
  try {
    const passed = await run(options, resources);
    console.log(passed ? '\nload: passed' : '\nload: FAILED');
    return passed ? 0 : 1;
  } catch (error) {
    console.error(`load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  } finally {
    clearTimeout(watchdog);
  }
}

process.exitCode = await main();
