/**
 * "Import CSV" of a 100,000-line correction file for the big script (every row loaded): the file
 * chosen → the preview counted every line, and the longest main-thread task in between (the file
 * is parsed in a worker and mapped on the page in batches, so that no task passes the long-task
 * target). The file keys every row of the script by id: one line in ten changes the error count,
 * one in a thousand holds -1, the rest are unchanged. Nothing is applied.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIG_SCRIPT_ID } from '../../emulator/constants.ts';
import { units, type Metric } from '../metrics.ts';
import { defineScenario, type RunSession } from '../scenario.ts';
import { longestTaskBetween, ms, spread, type Spread } from '../stats.ts';
import { targets } from '../targets.ts';

export interface ImportPreviewSample {
  importPreviewMs: number;
  importLongestTaskMs: number;
  importSummaryText: string | null;
}

export interface ImportPreviewSummary {
  importPreview: { toPreview: Spread; longestTask: Spread; summaryText: string };
}

interface StoredState {
  id: string;
  successDeviceCount: number;
  errorDeviceCount: number;
}

async function correctionFile({ page, origins }: RunSession): Promise<string> {
  const response = await page.request.get(
    `${origins.emulator}/_emulator/store/deviceManagementScripts/${BIG_SCRIPT_ID}/userRunStates`,
  );
  if (!response.ok()) throw new Error(`the emulator's store answered ${response.status()}`);
  const states = ((await response.json()) as { value: StoredState[] }).value;
  const lines = ['id,successDeviceCount,errorDeviceCount'];
  states.forEach((state, index) => {
    const error = index % 1000 === 1 ? -1 : index % 10 === 0 ? state.errorDeviceCount + 1 : state.errorDeviceCount;
    lines.push(`${state.id},${state.successDeviceCount},${error}`);
  });
  return lines.join('\r\n');
}

async function measure(session: RunSession): Promise<ImportPreviewSample> {
  const { page, probe } = session;
  // From a file on disk, as a user picks one: given as a buffer, Playwright would decode it on the
  // page's main thread (about a second for 4 MB), which is not the app's work.
  const folder = await mkdtemp(join(tmpdir(), 'bench-import-'));
  const path = join(folder, 'corrections.csv');
  await writeFile(path, await correctionFile(session));
  const input = page.getByLabel('Import CSV');
  await page.waitForFunction(() => document.querySelector<HTMLInputElement>('input[type="file"]')?.disabled === false);
  const before = await probe.now();
  await input.setInputFiles(path);
  // The dialog's summary line says "N lines: …" without "Reading…" once every line is mapped.
  const done = await page.waitForFunction(
    () => {
      const status = document.querySelector('[role="dialog"] [role="status"]');
      return status !== null && /^[\d,]+ lines:/.test(status.textContent ?? '') ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  const after = (await done.jsonValue()) as number;
  // Only now: the browser reads a chosen file from disk when the app reads it.
  await rm(folder, { recursive: true, force: true });
  const dialog = page.getByRole('dialog');
  const summaryText = await dialog.getByRole('status').textContent();
  await dialog.getByRole('button', { name: /^(Cancel|Close)$/ }).click();
  await dialog.waitFor({ state: 'hidden' });
  const state = await probe.read();
  return {
    importPreviewMs: after - before,
    importLongestTaskMs: longestTaskBetween(state.longTasks, before, after),
    importSummaryText: summaryText,
  };
}

export const importPreviewMetrics: ReadonlyArray<Metric<ImportPreviewSummary>> = [
  {
    section: (s) => `Import CSV preview (${s.importPreview.summaryText})`,
    label: 'File chosen → every line previewed',
    unit: units.ms,
    value: (s) => s.importPreview.toPreview.median,
    spread: (s) => s.importPreview.toPreview,
    target: { atMost: targets.importPreviewMs },
  },
  {
    label: 'Longest main-thread task during the preview',
    unit: units.ms,
    value: (s) => s.importPreview.longestTask.median,
    spread: (s) => s.importPreview.longestTask,
    target: { atMost: targets.longTaskMs },
  },
];

export const importPreview = defineScenario('import-preview', {
  measure,
  brief: (sample: ImportPreviewSample) => [
    `import preview ${ms(sample.importPreviewMs)}`,
    `longest task ${ms(sample.importLongestTaskMs)}`,
  ],
  summarize: (runs: readonly ImportPreviewSample[]) => ({
    importPreview: {
      toPreview: spread(runs.map((run) => run.importPreviewMs)),
      longestTask: spread(runs.map((run) => run.importLongestTaskMs)),
      summaryText: runs[0]?.importSummaryText ?? 'no lines',
    },
  }),
  metrics: importPreviewMetrics,
});
