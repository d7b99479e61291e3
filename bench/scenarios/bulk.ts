/**
 * A bulk edit of 1,000 rows through the UI with Intune's write limit on (issue 11): "Import CSV"
 * of a file changing 1,000 rows of the big script, "Apply", and the job panel saying "Finished".
 * Reported against the fastest the limit allows (200 writes per 20 s: 200 at once, then 200 every
 * 20 s, so 80 s for 1,000), with the 429s Graph sent, the `$batch` requests and rows per request,
 * and any row written twice. The job takes over a minute by design, so only the first run does it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIG_SCRIPT_ID } from '../../emulator/constants.ts';
import { INTUNE_LIMITS } from '../../emulator/faults/throttle.ts';
import { checkLog, type LogEntry } from '../../scripts/load/verify.ts';
import { units, type Metric } from '../metrics.ts';
import { defineScenario, type RunSession } from '../scenario.ts';
import { ms } from '../stats.ts';
import { targets } from '../targets.ts';

const rowCount = 1000;

/** The fastest a job of `writes` can be under the limit: the first window's writes go at once. */
export function minimumMs(writes: number, limit = INTUNE_LIMITS.writesPerApp, windowMs = INTUNE_LIMITS.windowSeconds * 1000): number {
  return Math.max(0, Math.ceil(writes / limit) - 1) * windowMs;
}

export interface BulkSample {
  /** Null on the runs that do not edit (every run after the first). */
  bulk: {
    totalMs: number;
    minimumMs: number;
    throttled: number;
    batches: number;
    innerRequests: number;
    writtenTwice: number;
    outcome: string;
  } | null;
}

export type BulkSummary = { bulk: NonNullable<BulkSample['bulk']> & { ratio: number } } | { bulk: null };

async function emulatorLog({ page, origins }: RunSession): Promise<LogEntry[]> {
  const response = await page.request.get(`${origins.emulator}/_emulator/requests`);
  if (!response.ok()) throw new Error(`the emulator's request log answered ${response.status()}`);
  const body = (await response.json()) as { value?: LogEntry[] } | LogEntry[];
  return Array.isArray(body) ? body : (body.value ?? []);
}

/** The rows the job changes: the last of the big script (the other scenarios edit its first rows). */
async function lastRows({ page, origins }: RunSession): Promise<{ id: string; errorDeviceCount: number }[]> {
  const response = await page.request.get(`${origins.emulator}/_emulator/store/deviceManagementScripts/${BIG_SCRIPT_ID}/userRunStates`);
  if (!response.ok()) throw new Error(`the emulator's store answered ${response.status()}`);
  return ((await response.json()) as { value: { id: string; errorDeviceCount: number }[] }).value.slice(-rowCount);
}

async function measure(session: RunSession): Promise<BulkSample> {
  if (session.run !== 1) return { bulk: null };
  const { page } = session;
  const folder = await mkdtemp(join(tmpdir(), 'bench-bulk-'));
  const path = join(folder, 'corrections.csv');
  const rows = await lastRows(session);
  await writeFile(path, ['id,errorDeviceCount', ...rows.map((row) => `${row.id},${row.errorDeviceCount + 1}`)].join('\r\n'));
  await page.getByLabel('Import CSV').setInputFiles(path);
  const dialog = page.getByRole('dialog', { name: 'Import corrections from corrections.csv' });
  const apply = dialog.getByRole('button', { name: 'Apply 1,000 changes' });
  await apply.waitFor({ timeout: 60_000 });
  await rm(folder, { recursive: true, force: true });
  const lastSeq = Math.max(0, ...(await emulatorLog(session)).map((entry) => entry.seq));

  const started = Date.now();
  await apply.click();
  const panel = page.getByRole('region', { name: 'Bulk edit: Finished' });
  await panel.waitFor({ timeout: 600_000 });
  const totalMs = Date.now() - started;
  const outcome = (await panel.getByText(/^Saved /).textContent()) ?? '';

  const log = (await emulatorLog(session)).filter((entry) => entry.seq > lastSeq);
  // The load run's own reading of the log (`npm run load -- --bulk` reports the same figures).
  const checked = checkLog(log, rows.map((row) => ({ scriptId: BIG_SCRIPT_ID, original: row })));
  await panel.getByRole('button', { name: 'Close' }).click();
  return {
    bulk: {
      totalMs,
      minimumMs: minimumMs(rowCount),
      throttled: checked.throttled,
      batches: checked.batchEnvelopes,
      innerRequests: log.filter((entry) => entry.batch !== undefined).length,
      writtenTwice: checked.writtenTwice.length,
      outcome,
    },
  };
}

export const bulkMetrics: ReadonlyArray<Metric<BulkSummary>> = [
  {
    section: (s) => `Bulk edit of ${rowCount.toLocaleString('en-US')} rows through the UI, Intune's limit on (${s.bulk?.outcome ?? 'not run'})`,
    label: 'Apply → Finished',
    unit: units.ms,
    value: (s) => s.bulk?.totalMs ?? Number.NaN,
    spread: (s) => (s.bulk === null ? '' : `minimum ${ms(s.bulk.minimumMs)}`),
  },
  {
    label: '  ÷ the fastest the limit allows',
    unit: units.ratio,
    value: (s) => s.bulk?.ratio ?? Number.NaN,
    target: { atMost: targets.bulkRatio },
  },
  {
    label: '429s Graph sent',
    unit: units.count,
    value: (s) => s.bulk?.throttled ?? Number.NaN,
  },
  {
    label: 'Rows written twice',
    unit: units.count,
    value: (s) => s.bulk?.writtenTwice ?? Number.NaN,
    target: { atMost: 0 },
  },
  {
    label: '`$batch` requests (reads and writes)',
    unit: units.count,
    value: (s) => s.bulk?.batches ?? Number.NaN,
    spread: (s) => (s.bulk === null || s.bulk.batches === 0 ? '' : `${(s.bulk.innerRequests / s.bulk.batches).toFixed(1)} requests in each`),
  },
];

export const bulk = defineScenario('bulk', {
  measure,
  brief: (sample: BulkSample) => (sample.bulk === null ? [] : [`bulk ${ms(sample.bulk.totalMs)}`, `429s ${sample.bulk.throttled}`]),
  summarize: (runs: readonly BulkSample[]): BulkSummary => {
    const first = runs.find((run) => run.bulk !== null)?.bulk ?? null;
    return first === null ? { bulk: null } : { bulk: { ...first, ratio: first.totalMs / first.minimumMs } };
  },
  metrics: bulkMetrics,
});
