import type { CsvColumn } from '../../lib/csv/csv-export';
import { actorText, type HistoryChange, type HistoryRow } from './history-rows';

/** One line of a history export: one modified property of one event (an event without any has one line). */
export interface HistoryCsvLine {
  row: HistoryRow;
  change: HistoryChange | null;
}

export function historyCsvLines(rows: readonly HistoryRow[]): HistoryCsvLine[] {
  return rows.flatMap((row): HistoryCsvLine[] => (row.changes.length === 0 ? [{ row, change: null }] : row.changes.map((change) => ({ row, change }))));
}

/**
 * The columns of a history export, named as Graph names them so the file maps back to the audit
 * log; every one is text, neutralised by the CSV module (a UPN or value may start with `=`).
 */
export const historyCsvColumns: readonly CsvColumn<HistoryCsvLine>[] = [
  { header: 'activityDateTime', value: ({ row }) => row.activityDateTime },
  { header: 'actor', value: ({ row }) => actorText(row.actor) },
  { header: 'activityOperationType', value: ({ row }) => row.operation },
  { header: 'property', value: ({ change }) => change?.property },
  { header: 'field', value: ({ change }) => change?.label },
  { header: 'oldValue', value: ({ change }) => change?.oldValue },
  { header: 'newValue', value: ({ change }) => change?.newValue },
  { header: 'activityResult', value: ({ row }) => row.result },
  { header: 'correlationId', value: ({ row }) => row.correlationId },
  { header: 'source', value: ({ row }) => (row.source === 'audit' ? "Intune's audit log" : 'this session') },
];
