import type { CsvColumn } from '../../lib/csv/csv-export';
import { revealHiddenCharacters } from '../../lib/hidden-characters';
import { actorText, type HistoryChange, type HistoryRow } from './history-rows';

/** One line of a history export: one modified property of one event (an event without any has one line). */
export interface HistoryCsvLine {
  row: HistoryRow;
  change: HistoryChange | null;
}

const revealed = (text: string | undefined) => (text === undefined ? undefined : revealHiddenCharacters(text));

export function historyCsvLines(rows: readonly HistoryRow[]): HistoryCsvLine[] {
  return rows.flatMap((row): HistoryCsvLine[] => (row.changes.length === 0 ? [{ row, change: null }] : row.changes.map((change) => ({ row, change }))));
}

/**
 * The columns of a history export, named as Graph names them so the file maps back to the audit
 * log; every one is text, neutralised by the CSV module (a UPN or value may start with `=`). The
 * actor and the values come from whoever wrote to Intune: their hidden or direction-changing
 * characters are written as markers, so a spreadsheet cannot show them reversed.
 */
export const historyCsvColumns: readonly CsvColumn<HistoryCsvLine>[] = [
  { header: 'activityDateTime', value: ({ row }) => row.activityDateTime },
  { header: 'actor', value: ({ row }) => revealHiddenCharacters(actorText(row.actor)) },
  { header: 'activityOperationType', value: ({ row }) => row.operation },
  { header: 'property', value: ({ change }) => change?.property },
  { header: 'field', value: ({ change }) => change?.label },
  { header: 'oldValue', value: ({ change }) => revealed(change?.oldValue) },
  { header: 'newValue', value: ({ change }) => revealed(change?.newValue) },
  { header: 'activityResult', value: ({ row }) => row.result },
  { header: 'correlationId', value: ({ row }) => row.correlationId },
  { header: 'source', value: ({ row }) => (row.source === 'audit' ? "Intune's audit log" : 'this session') },
];
