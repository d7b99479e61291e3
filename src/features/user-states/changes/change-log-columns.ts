import type { CsvColumn } from '../../../lib/csv/csv-export';
import { revealHiddenCharacters } from '../../../lib/hidden-characters';
import { writtenFields, type ChangeEntry } from './change-entries';
import type { EditableField } from '../api/schema';

/**
 * The columns of the change log's export: one line per field written, Graph's property names, the
 * time in ISO 8601 (UTC) and Graph's request id, so a line can be found in Intune's audit log.
 * Names (the row's, and the values of a name that was changed) show their hidden or
 * direction-changing characters as markers, as in the grid's export.
 */
export const changeLogCsvColumns: readonly CsvColumn<ChangeLogRow>[] = [
  { header: 'time', value: (row) => new Date(row.at).toISOString() },
  { header: 'changeId', value: (row) => row.changeId },
  { header: 'undoes', value: (row) => row.undoes },
  { header: 'scriptKind', value: (row) => row.scriptKind },
  { header: 'scriptId', value: (row) => row.scriptId },
  { header: 'id', value: (row) => row.stateId },
  { header: 'userPrincipalName', value: (row) => revealHiddenCharacters(row.userPrincipalName) },
  { header: 'property', value: (row) => row.field },
  { header: 'oldValue', value: (row) => nameSafe(row, row.oldValue) },
  { header: 'newValue', value: (row) => nameSafe(row, row.newValue) },
  { header: 'requestId', value: (row) => row.requestId },
];

function nameSafe(row: ChangeLogRow, value: string): string {
  return row.field === 'userPrincipalName' ? revealHiddenCharacters(value) : value;
}

/** One line of the change log's CSV: one field of one row of one entry. */
export interface ChangeLogRow {
  at: number;
  changeId: string;
  undoes: string;
  scriptKind: string;
  scriptId: string;
  stateId: string;
  userPrincipalName: string;
  field: EditableField;
  oldValue: string;
  newValue: string;
  requestId: string;
}

/** The entries as CSV lines, in the panel's order (loaded with the columns, on the first export). */
export function changeLogRows(entries: readonly ChangeEntry[]): ChangeLogRow[] {
  return entries.flatMap(({ changeId, undoes, edits }) =>
    edits.flatMap((edit) =>
      writtenFields(edit).map((field) => ({
        at: edit.at,
        changeId,
        undoes: undoes ?? '',
        scriptKind: edit.scriptKind,
        scriptId: edit.scriptId,
        stateId: edit.stateId,
        userPrincipalName: edit.after.userPrincipalName,
        field,
        oldValue: String(edit.before[field]),
        newValue: String(edit.written[field]),
        requestId: edit.requestId ?? '',
      })),
    ),
  );
}
