/**
 * "Export CSV" of every row of the big script (no search: the whole list): click → the browser
 * got the file, and the longest main-thread task in between (the CSV is built in slices so that
 * none passes the long-task target).
 */
import { units, type Metric } from '../metrics.ts';
import { defineScenario, type RunSession } from '../scenario.ts';
import { longestTaskBetween, ms, spread, type Spread } from '../stats.ts';
import { targets } from '../targets.ts';

export interface ExportSample {
  exportMs: number;
  exportLongestTaskMs: number;
  exportedText: string | null;
}

export interface ExportSummary {
  export: { toFile: Spread; longestTask: Spread; rowsText: string };
}

async function measure({ page, probe }: RunSession): Promise<ExportSample> {
  const button = page.getByRole('button', { name: 'Export CSV' });
  await button.waitFor({ state: 'visible' });
  await page.waitForFunction(() => {
    const candidate = [...document.querySelectorAll('button')].find((element) => element.textContent === 'Export CSV');
    return candidate !== undefined && !candidate.disabled;
  });
  const before = await probe.now();
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await button.click();
  await downloading;
  const after = await probe.now();
  const exported = page.getByText(/^Exported [\d,]+ user states to CSV$/);
  await exported.waitFor({ state: 'visible' });
  const state = await probe.read();
  return {
    exportMs: after - before,
    exportLongestTaskMs: longestTaskBetween(state.longTasks, before, after),
    exportedText: await exported.textContent(),
  };
}

export const exportMetrics: ReadonlyArray<Metric<ExportSummary>> = [
  {
    section: (s) => `Export CSV (${s.export.rowsText})`,
    label: 'Click → file downloaded',
    unit: units.ms,
    value: (s) => s.export.toFile.median,
    spread: (s) => s.export.toFile,
    target: { atMost: targets.exportMs },
  },
  {
    label: 'Longest main-thread task during the export',
    unit: units.ms,
    value: (s) => s.export.longestTask.median,
    spread: (s) => s.export.longestTask,
    target: { atMost: targets.longTaskMs },
  },
];

export const exportCsv = defineScenario('export', {
  measure,
  brief: (sample: ExportSample) => [`export ${ms(sample.exportMs)}`, `longest task ${ms(sample.exportLongestTaskMs)}`],
  summarize: (runs: readonly ExportSample[]) => ({
    export: {
      toFile: spread(runs.map((run) => run.exportMs)),
      longestTask: spread(runs.map((run) => run.exportLongestTaskMs)),
      rowsText: runs[0]?.exportedText ?? 'no rows',
    },
  }),
  metrics: exportMetrics,
});
