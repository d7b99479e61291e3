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

interface LoggedEntry {
  seq: number;
  method: string;
  path: string;
  status: number | null;
  batch?: { requestId: string; id: string };
}

async function emulatorLog({ page, origins }: RunSession): Promise<LoggedEntry[]> {
  const response = await page.request.get(`${origins.emulator}/_emulator/requests`);
  if (!response.ok()) throw new Error(`the emulator's request log answered ${response.status()}`);
  const body = (await response.json()) as { value?: LoggedEntry[] } | LoggedEntry[];
  return Array.isArray(body) ? body : (body.value ?? []);
}

async function correctionFile({ page, origins }: RunSession): Promise<string> {
  const response = await page.request.get(`${origins.emulator}/_emulator/store/deviceManagementScripts/${BIG_SCRIPT_ID}/userRunStates`);
  if (!response.ok()) throw new Error(`the emulator's store answered ${response.status()}`);
  const states = ((await response.json()) as { value: { id: string; errorDeviceCount: number }[] }).value;
  // From the end of the list: the other scenarios edit its first rows.
  const lines = states.slice(-rowCount).map((state) => `${state.id},${state.errorDeviceCount + 1}`);
  return ['id,errorDeviceCount', ...lines].join('\r\n');
}

async function measure(session: RunSession): Promise<BulkSample> {
  if (session.run !== 1) return { bulk: null };
  const { page } = session;
  const folder = await mkdtemp(join(tmpdir(), 'bench-bulk-'));
  const path = join(folder, 'corrections.csv');
  await writeFile(path, await correctionFile(session));
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
  const inner = log.filter((entry) => entry.batch !== undefined);
  const applied = new Map<string, number>();
  for (const entry of inner) {
    if (entry.method !== 'PATCH' || entry.status === null || entry.status >= 300) continue;
    const id = entry.path.split('/').at(-1) ?? '';
    applied.set(id, (applied.get(id) ?? 0) + 1);
  }
  await panel.getByRole('button', { name: 'Close' }).click();
  return {
    bulk: {
      totalMs,
      minimumMs: minimumMs(rowCount),
      throttled: inner.filter((entry) => entry.status === 429).length,
      batches: log.filter((entry) => entry.method === 'POST' && entry.path.includes('$batch')).length,
      innerRequests: inner.length,
      writtenTwice: [...applied.values()].filter((count) => count > 1).length,
      outcome,
    },
  };
}

const measured = (s: BulkSummary) => (s.bulk === null ? null : s.bulk);

export const bulkMetrics: ReadonlyArray<Metric<BulkSummary>> = [
  {
    section: (s) => `Bulk edit of ${rowCount.toLocaleString('en-US')} rows through the UI, Intune's limit on (${measured(s)?.outcome ?? 'not run'})`,
    label: 'Apply → Finished',
    unit: units.ms,
    value: (s) => measured(s)?.totalMs ?? Number.NaN,
    spread: (s) => (s.bulk === null ? '' : `minimum ${ms(s.bulk.minimumMs)}`),
  },
  {
    label: '  ÷ the fastest the limit allows',
    unit: units.ratio,
    value: (s) => (s.bulk === null ? Number.NaN : s.bulk.ratio),
    target: { atMost: targets.bulkRatio },
  },
  {
    label: '429s Graph sent',
    unit: units.count,
    value: (s) => measured(s)?.throttled ?? Number.NaN,
  },
  {
    label: 'Rows written twice',
    unit: units.count,
    value: (s) => measured(s)?.writtenTwice ?? Number.NaN,
    target: { atMost: 0 },
  },
  {
    label: '`$batch` requests (reads and writes)',
    unit: units.count,
    value: (s) => measured(s)?.batches ?? Number.NaN,
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
