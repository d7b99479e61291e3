/** Small statistics and the printed table of `npm run bench`. */

export interface Spread {
  n: number;
  median: number;
  min: number;
  max: number;
  p25: number;
  p75: number;
}

/** Linear-interpolated percentile (p in 0..100) of numbers; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (rank - low);
}

/** The finite numbers of a list with gaps (samples a run could not take). */
export function numbers(values: ReadonlyArray<number | null>): number[] {
  return values.filter((value): value is number => value !== null && Number.isFinite(value));
}

export function spread(values: readonly number[]): Spread {
  return {
    n: values.length,
    median: percentile(values, 50),
    min: values.length === 0 ? Number.NaN : Math.min(...values),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
    p25: percentile(values, 25),
    p75: percentile(values, 75),
  };
}

/** The longest of the page's long tasks that overlap [from, to] (page clock), 0 when none did. */
export function longestTaskBetween(tasks: ReadonlyArray<{ start: number; duration: number }>, from: number, to: number): number {
  const during = tasks.filter((task) => task.start + task.duration >= from && task.start <= to);
  return Math.max(0, ...during.map((task) => task.duration));
}

export type Verdict = 'met' | 'MISSED' | '';

export interface TableRow {
  section?: string;
  metric: string;
  value: string;
  spread: string;
  target: string;
  verdict: Verdict;
  /** By how much a missed target is missed. */
  by?: string;
}

export function ms(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value).toLocaleString('en-US')} ms` : 'n/a';
}

export function msRange(s: Spread): string {
  return s.n > 1 ? `${Math.round(s.min)}–${Math.round(s.max)} ms` : '';
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

export function mb(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1_000_000).toFixed(1)} MB` : 'n/a';
}

/** A plain-text table (also valid Markdown) with the columns aligned. */
export function formatTable(rows: readonly TableRow[]): string {
  const header = ['metric', 'median', 'spread (min–max)', 'target', 'result'];
  const cells = rows.map((row) => [
    row.metric,
    row.value,
    row.spread,
    row.target,
    row.verdict === 'MISSED' && row.by ? `MISSED (${row.by})` : row.verdict,
  ]);
  const sections = rows.map((row) => (row.section ? `**${row.section}**` : ''));
  const widths = header.map((title, column) =>
    Math.max(
      title.length,
      ...cells.map((line) => (line[column] ?? '').length),
      ...(column === 0 ? sections.map((label) => label.length) : [0]),
    ),
  );
  const line = (values: readonly string[]): string =>
    `| ${values.map((value, column) => value.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const out = [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`];
  for (const [index, section] of sections.entries()) {
    if (section !== '') out.push(line([section, '', '', '', '']));
    out.push(line(cells[index] ?? []));
  }
  return out.join('\n');
}
