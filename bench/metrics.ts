/**
 * The results table as data: each scenario lists its rows as metrics (label, unit, the figure and
 * its spread taken from the scenario's summary, the target and how it is judged), and one function
 * turns them into the printed rows, so every row is formatted and judged the same way.
 */
import { kb } from './bundle-size.ts';
import { mb, ms, msRange, ratio, type Spread, type TableRow, type Verdict } from './stats.ts';

/** How one kind of figure is printed: the value, a min–max spread, a target. */
export interface Unit {
  format: (value: number) => string;
  /** Min–max when there is more than one figure; empty otherwise. */
  range: (spread: Spread) => string;
  /** The target column for "at most `limit`". */
  atMost: (limit: number) => string;
}

export const units = {
  ms: { format: ms, range: msRange, atMost: (limit) => `≤ ${limit} ms` },
  ratio: {
    format: ratio,
    range: (s) => (s.n > 1 ? `${ratio(s.min)}–${ratio(s.max)}` : ''),
    atMost: (limit) => `≤ ${limit}×`,
  },
  /** Bytes, printed in KB (1,000 bytes), as the build tools report them. */
  kb: { format: kb, range: () => '', atMost: (limit) => `≤ ${kb(limit)}` },
  /** Bytes, printed in MB (1,000,000 bytes). */
  mb: {
    format: mb,
    range: (s) => (s.n > 1 ? `${mb(s.min)}–${mb(s.max)}` : ''),
    atMost: (limit) => `≤ ${mb(limit)}`,
  },
  count: {
    format: (value) => String(value),
    range: (s) => (s.n > 1 && s.min !== s.max ? `${s.min}–${s.max}` : ''),
    atMost: (limit) => `≤ ${limit}`,
  },
} satisfies Record<string, Unit>;

/** Labels may name the bench's settings (the number of rows loaded, say). */
export interface TableContext {
  /** The big script's size, e.g. "100,000". */
  rows: string;
}

/** A target is met when the judged figure is at most `atMost`. */
export interface Target<S> {
  atMost: number;
  /** The figure judged; the row's value unless given (a count is judged on its worst case, say). */
  judged?: (summary: S) => number;
  /** The target column; "≤ atMost" in the row's unit unless given. */
  label?: string;
  /** How far a miss is; the excess in the row's unit unless given. */
  by?: (summary: S) => string;
}

export interface Metric<S> {
  /** Starts a section of the table (bold line above this row). */
  section?: (summary: S, context: TableContext) => string;
  label: string | ((context: TableContext) => string);
  unit: Unit;
  /** The "median" column: a median or a percentile; text for a row that shows several figures. */
  value: (summary: S) => number | string;
  /** The spread column: a Spread prints as its min–max in the row's unit, text as it is. None if left out. */
  spread?: (summary: S) => Spread | string;
  target?: Target<S>;
}

function verdict(value: number, limit: number): Verdict {
  if (!Number.isFinite(value)) return '';
  return value <= limit ? 'met' : 'MISSED';
}

export function tableRow<S>(metric: Metric<S>, summary: S, context: TableContext): TableRow {
  const value = metric.value(summary);
  const spread = metric.spread?.(summary) ?? '';
  const row: TableRow = {
    ...(metric.section === undefined ? {} : { section: metric.section(summary, context) }),
    metric: typeof metric.label === 'string' ? metric.label : metric.label(context),
    value: typeof value === 'string' ? value : metric.unit.format(value),
    spread: typeof spread === 'string' ? spread : metric.unit.range(spread),
    target: '',
    verdict: '',
  };
  const target = metric.target;
  if (target === undefined) return row;
  const judged = target.judged?.(summary) ?? (typeof value === 'number' ? value : Number.NaN);
  return {
    ...row,
    target: target.label ?? metric.unit.atMost(target.atMost),
    verdict: verdict(judged, target.atMost),
    by: target.by?.(summary) ?? `+${metric.unit.format(judged - target.atMost)}`,
  };
}
