/**
 * The table's rows are data (bench/metrics.ts and each scenario's list): these check that a row is
 * formatted and judged as the printed table promises, without running a browser.
 */
import { describe, expect, it } from 'vitest';
import { tableRow, units, type Metric } from './metrics.ts';
import { editMetrics, type EditSummary } from './scenarios/edit.ts';
import { spread } from './stats.ts';

const context = { rows: '100,000' };

describe('a metric row', () => {
  const row: Metric<{ times: number[] }> = {
    section: (_, { rows }) => `Over ${rows} rows`,
    label: 'Key → paint',
    unit: units.ms,
    value: (s) => spread(s.times).median,
    spread: (s) => spread(s.times),
    target: { atMost: 100 },
  };

  it('shows the median, the min–max spread and a met target', () => {
    expect(tableRow(row, { times: [40, 60, 1200] }, context)).toMatchObject({
      section: 'Over 100,000 rows',
      metric: 'Key → paint',
      value: '60 ms',
      spread: '40–1200 ms',
      target: '≤ 100 ms',
      verdict: 'met',
    });
  });

  it('says by how much a target is missed', () => {
    const missed = tableRow(row, { times: [150] }, context);
    expect(missed).toMatchObject({ value: '150 ms', spread: '', verdict: 'MISSED', by: '+50 ms' });
  });

  it('gives no verdict without a figure', () => {
    expect(tableRow(row, { times: [] }, context)).toMatchObject({ value: 'n/a', verdict: '' });
  });
});

describe('the inline edit rows', () => {
  const counts = (values: number[]) => spread(values);
  const summary = (requests: number[], listRefetch: number[]): EditSummary => ({
    edit: {
      optimistic: spread([40, 45, 60]),
      patchAnswered: spread([80, 90, 100]),
      confirmed: spread([100, 110, 120]),
      requests: counts(requests),
      getRecord: counts([1, 1, 1]),
      patch: counts([1, 1, 1]),
      listRefetch: counts(listRefetch),
      other: counts([0, 0, 0]),
    },
  });
  const rowsOf = (s: EditSummary) => editMetrics.map((metric) => tableRow(metric, s, context));

  it('judge the requests per edit on the worst edit, not the median one', () => {
    const [, , , requests, breakdown] = rowsOf(summary([2, 2, 3], [0, 0, 1]));
    expect(requests).toMatchObject({ value: '2', spread: '2–3', target: '≤ 2', verdict: 'MISSED', by: 'max 3' });
    expect(breakdown).toMatchObject({
      value: '1 / 1 / 0 / 0',
      spread: 'max 1 / 1 / 1 / 0',
      target: '0 list refetches',
      verdict: 'MISSED',
      by: 'max 1',
    });
  });

  it('name the number of edits in their section', () => {
    expect(rowsOf(summary([2, 2, 2], [0, 0, 0]))[0]?.section).toBe('Inline edit (3 edits, 100,000 rows loaded)');
  });
});
