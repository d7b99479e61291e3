/**
 * The load run's bookkeeping, free of I/O: which edits to make, and whether the emulator's store,
 * request log and journal show each of them applied exactly once and nothing else changed.
 */
import { earliestAdmissionMs } from './limits.ts';

export interface UserStateRow {
  id: string;
  userPrincipalName: string;
  successDeviceCount: number;
  errorDeviceCount: number;
}

export type EditedFields = Partial<Omit<UserStateRow, 'id'>>;

export interface PlannedEdit {
  scriptId: string;
  /** The record as read before the run (what the user "started from"). */
  original: UserStateRow;
  /** What the user typed into the form, as text. */
  typed: { userPrincipalName: string; successDeviceCount: string; errorDeviceCount: string };
  /** The row the store must hold afterwards. */
  expected: UserStateRow;
}

/**
 * The values edit `index` types. They cannot occur in the seed (counts of a million and more, a
 * UPN prefix the seed never uses), so every edit really changes something. The shape varies like
 * a user's edits do: all three fields, one count only, or the other count and the UPN.
 */
export function editValues(index: number, original: UserStateRow): UserStateRow {
  const serial = String(index + 1).padStart(4, '0');
  const upn = `load-run-${serial}@contoso.onmicrosoft.com`;
  switch (index % 3) {
    case 0:
      return {
        ...original,
        userPrincipalName: upn,
        successDeviceCount: 1_000_000 + index,
        errorDeviceCount: 2_000_000 + index,
      };
    case 1:
      return { ...original, successDeviceCount: 1_000_000 + index };
    default:
      return { ...original, userPrincipalName: upn, errorDeviceCount: 2_000_000 + index };
  }
}

/**
 * The first `count` rows of a script that `editable` accepts, each with its new values. (A row the
 * dashboard's form refuses as it stands cannot be saved without changing that field.)
 */
export function planEdits(
  scriptId: string,
  rows: readonly UserStateRow[],
  count: number,
  editable: (row: UserStateRow) => boolean = () => true,
): PlannedEdit[] {
  const ids = new Set(rows.map((r) => r.id));
  if (ids.size !== rows.length) throw new Error('the script has duplicate user-state ids');
  const candidates = rows.filter(editable);
  if (count > candidates.length)
    throw new RangeError(`asked for ${count} edits but the script has ${candidates.length} editable user states`);
  return candidates.slice(0, count).map((original, index) => {
    const expected = editValues(index, original);
    return {
      scriptId,
      original,
      typed: {
        userPrincipalName: expected.userPrincipalName,
        successDeviceCount: String(expected.successDeviceCount),
        errorDeviceCount: String(expected.errorDeviceCount),
      },
      expected,
    };
  });
}

function sameRow(a: UserStateRow, b: UserStateRow): boolean {
  return (
    a.id === b.id &&
    a.userPrincipalName === b.userPrincipalName &&
    a.successDeviceCount === b.successDeviceCount &&
    a.errorDeviceCount === b.errorDeviceCount
  );
}

function rowKey(scriptId: string, id: string): string {
  return `${scriptId}/${id}`;
}

export interface StoreCheck {
  /** Targets holding exactly their expected row. */
  applied: number;
  /** Targets that do not (ids). */
  notApplied: string[];
  /** Rows that were not targets and were compared field by field. */
  untouchedCompared: number;
  /** Non-target rows that differ, appeared or disappeared ("scriptId/id"). */
  untouchedChanged: string[];
}

/** Compares every row of every script before and after the run. */
export function checkStore(
  before: ReadonlyMap<string, readonly UserStateRow[]>,
  after: ReadonlyMap<string, readonly UserStateRow[]>,
  edits: readonly PlannedEdit[],
): StoreCheck {
  const expected = new Map(edits.map((e) => [rowKey(e.scriptId, e.original.id), e.expected]));
  const afterRows = new Map<string, UserStateRow>();
  for (const [scriptId, rows] of after) for (const row of rows) afterRows.set(rowKey(scriptId, row.id), row);
  const beforeKeys = new Set<string>();

  let applied = 0;
  const notApplied: string[] = [];
  for (const edit of edits) {
    const now = afterRows.get(rowKey(edit.scriptId, edit.original.id));
    if (now && sameRow(now, edit.expected)) applied += 1;
    else notApplied.push(edit.original.id);
  }

  let untouchedCompared = 0;
  const untouchedChanged: string[] = [];
  for (const [scriptId, rows] of before) {
    for (const row of rows) {
      const key = rowKey(scriptId, row.id);
      beforeKeys.add(key);
      if (expected.has(key)) continue;
      untouchedCompared += 1;
      const now = afterRows.get(key);
      if (!now || !sameRow(now, row)) untouchedChanged.push(key);
    }
  }
  for (const key of afterRows.keys()) if (!beforeKeys.has(key)) untouchedChanged.push(key);
  return { applied, notApplied, untouchedCompared, untouchedChanged };
}

/** One entry of GET /_emulator/requests (the fields used here). */
export interface LogEntry {
  seq: number;
  clientRequestId: string | null;
  /** ISO time the request arrived. */
  time: string;
  /** Arrival to answer. */
  durationMs: number;
  method: string;
  path: string;
  status: number | null;
  fault: string | null;
  retryAfter: number | null;
  /** Set on a request that came inside a `$batch`: the envelope's request-id and the inner id. */
  batch?: { requestId: string; id: string } | undefined;
}

/** A `POST /beta/$batch` envelope itself (its inner requests are logged on their own, tagged). */
export function isBatchEnvelope(entry: Pick<LogEntry, 'path' | 'batch'>): boolean {
  return entry.batch === undefined && /^\/beta\/\$batch(?:\?.*)?$/i.test(entry.path);
}

export interface LogCheck {
  /** Requests Graph served one by one: single requests and the inner requests of a batch. */
  graphRequests: number;
  /** `$batch` envelopes (not in graphRequests: each inner request is counted, throttled and answered on its own). */
  batchEnvelopes: number;
  /** Targets with exactly one 2xx PATCH. */
  writtenOnce: number;
  /** Targets with more than one 2xx PATCH (ids). */
  writtenTwice: string[];
  /** Targets with no 2xx PATCH (ids). */
  neverWritten: string[];
  /** Successful writes (any method but GET) to anything that is not a target. */
  otherWrites: string[];
  /** 429 answers, all and to PATCHes. */
  throttled: number;
  throttledWrites: number;
  /** Attempts beyond the first per client-request-id (the client keeps one id across retries). */
  retries: number;
  /** Answers that were neither 2xx nor 429, by status ("dropped" for no answer). */
  otherFailures: Record<string, number>;
  /** Arrival of the first to the last successful PATCH of a target, in ms (0 for fewer than two). */
  writeSpanMs: number;
  /** When each successful PATCH of a target was admitted: between its arrival and its answer. */
  writes: Moment[];
}

const USER_STATE_PATH =
  /^\/beta\/deviceManagement\/deviceManagementScripts\/([^/?]+)\/userRunStates\/([^/?]+)(?:\?.*)?$/i;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The rows a log is checked for: which script, which user state. */
export type LogTarget = Pick<PlannedEdit, 'scriptId'> & { original: Pick<UserStateRow, 'id'> };

/** Reads the Graph side of the emulator's request log. */
export function checkLog(entries: readonly LogEntry[], edits: readonly LogTarget[]): LogCheck {
  const targets = new Map(edits.map((e) => [rowKey(e.scriptId, e.original.id), 0]));
  const attemptsPerId = new Map<string, number>();
  const otherWrites: string[] = [];
  const otherFailures: Record<string, number> = {};
  const writes: Moment[] = [];
  let graphRequests = 0;
  let batchEnvelopes = 0;
  let throttled = 0;
  let throttledWrites = 0;
  let retries = 0;

  for (const entry of entries) {
    if (!entry.path.toLowerCase().startsWith('/beta/')) continue;
    if (entry.method === 'OPTIONS') continue;
    if (isBatchEnvelope(entry)) {
      // Not a write of its own: the PATCHes inside are, and are counted below like single ones.
      batchEnvelopes += 1;
      if (entry.status === null || entry.status < 200 || entry.status >= 300) {
        const key = `$batch ${entry.status === null ? 'dropped' : String(entry.status)}`;
        otherFailures[key] = (otherFailures[key] ?? 0) + 1;
      }
      continue;
    }
    graphRequests += 1;
    if (entry.clientRequestId !== null) {
      const seen = attemptsPerId.get(entry.clientRequestId) ?? 0;
      if (seen > 0) retries += 1;
      attemptsPerId.set(entry.clientRequestId, seen + 1);
    }
    const write = entry.method !== 'GET' && entry.method !== 'HEAD';
    const ok = entry.status !== null && entry.status >= 200 && entry.status < 300;
    if (entry.status === 429) {
      throttled += 1;
      if (write) throttledWrites += 1;
    } else if (!ok) {
      const key = entry.status === null ? 'dropped' : String(entry.status);
      otherFailures[key] = (otherFailures[key] ?? 0) + 1;
    }
    if (!write || !ok) continue;
    const match = USER_STATE_PATH.exec(entry.path);
    const key = match?.[1] && match[2] ? rowKey(decode(match[1]), decode(match[2])) : null;
    if (entry.method === 'PATCH' && key !== null && targets.has(key)) {
      targets.set(key, (targets.get(key) ?? 0) + 1);
      const from = Date.parse(entry.time);
      writes.push({ from, to: from + entry.durationMs });
    } else otherWrites.push(`${entry.method} ${entry.path}`);
  }

  let writtenOnce = 0;
  const writtenTwice: string[] = [];
  const neverWritten: string[] = [];
  for (const [key, count] of targets) {
    const id = key.slice(key.indexOf('/') + 1);
    if (count === 1) writtenOnce += 1;
    else if (count === 0) neverWritten.push(id);
    else writtenTwice.push(id);
  }
  return {
    graphRequests,
    batchEnvelopes,
    writtenOnce,
    writtenTwice,
    neverWritten,
    otherWrites,
    throttled,
    throttledWrites,
    retries,
    otherFailures,
    writeSpanMs:
      writes.length < 2 ? 0 : Math.max(...writes.map((w) => w.from)) - Math.min(...writes.map((w) => w.from)),
    writes,
  };
}

export interface JournalCheck {
  /** Targets with exactly one journalled patch. */
  patchedOnce: number;
  patchedTwice: string[];
  /** Journal entries other than the seed header and one patch per target. */
  otherEntries: number;
}

/** Reads the emulator's journal (one JSON object per line: the seed, then acknowledged writes). */
export function checkJournal(text: string, edits: readonly PlannedEdit[]): JournalCheck {
  const targets = new Map(edits.map((e) => [rowKey(e.scriptId, e.original.id), 0]));
  let otherEntries = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const entry: unknown = JSON.parse(line);
    if (typeof entry !== 'object' || entry === null) {
      otherEntries += 1;
      continue;
    }
    const record = entry as Record<string, unknown>;
    if (record.op === 'seed') continue;
    const key =
      record.op === 'patch' && typeof record.scriptId === 'string' && typeof record.id === 'string'
        ? rowKey(record.scriptId, record.id)
        : null;
    if (key !== null && targets.has(key)) targets.set(key, (targets.get(key) ?? 0) + 1);
    else otherEntries += 1;
  }
  let patchedOnce = 0;
  const patchedTwice: string[] = [];
  for (const [key, count] of targets) {
    if (count === 1) patchedOnce += 1;
    else if (count > 1) patchedTwice.push(key.slice(key.indexOf('/') + 1));
  }
  return { patchedOnce, patchedTwice, otherEntries };
}

/** Something that happened at an unknown moment between `from` and `to` (ms). */
export interface Moment {
  from: number;
  to: number;
}

/**
 * The most events that certainly fell into one window [t, t + windowMs) (the emulator's sliding
 * window: an admission at t0 stops counting at exactly t0 + windowMs). The log gives arrival and
 * answer times; the throttle admitted each write somewhere in between, so only events whose whole
 * interval lies inside the window are counted. More than the limit proves the throttle let too
 * many through.
 */
export function busiestWindow(events: readonly Moment[], windowMs: number): number {
  let best = 0;
  // A window holding a set of events can start at the earliest `from` among them.
  for (const start of events) {
    let inside = 0;
    for (const e of events) if (e.from >= start.from && e.to < start.from + windowMs) inside += 1;
    best = Math.max(best, inside);
  }
  return best;
}

/**
 * When each run of `limit` accepted writes began and ended, counted from the first accepted write,
 * beside the best case the limit allows: "0.0–2.6, 20.8–31.0 s (best case from 0, 20 s)".
 */
export function acceptedByWindow(writes: readonly Moment[], limit: number, windowMs: number): string {
  const arrivals = writes.map((w) => w.from).sort((x, y) => x - y);
  const since = (at: number | undefined): string => (((at ?? 0) - (arrivals[0] ?? 0)) / 1000).toFixed(1);
  const ranges: string[] = [];
  const best: number[] = [];
  for (let first = 0; first < arrivals.length; first += limit) {
    const last = Math.min(first + limit, arrivals.length) - 1;
    ranges.push(`${since(arrivals[first])}–${since(arrivals[last])}`);
    best.push(earliestAdmissionMs(first + 1, limit, windowMs) / 1000);
  }
  return `${ranges.join(', ')} s (best case from ${best.join(', ')} s)`;
}

/** "83.4 s" */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A two-column Markdown table. */
export function markdownTable(header: [string, string], rows: readonly (readonly [string, string])[]): string {
  const all = [header, ...rows];
  const width = Math.max(...all.map(([label]) => label.length));
  const valueWidth = Math.max(...all.map(([, value]) => value.length));
  const line = ([label, value]: readonly [string, string]): string =>
    `| ${label.padEnd(width)} | ${value.padEnd(valueWidth)} |`;
  return [line(header), `| ${'-'.repeat(width)} | ${'-'.repeat(valueWidth)} |`, ...rows.map(line)].join('\n');
}
