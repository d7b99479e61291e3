import type { CsvColumn } from '../../../lib/csv/csv-export';
import type { ChangeLogRow } from './change-entries';

/**
 * The columns of the change log's export: one line per field written, Graph's property names, the
 * time in ISO 8601 (UTC) and Graph's request id, so a line can be found in Intune's audit log.
 */
export const changeLogCsvColumns: readonly CsvColumn<ChangeLogRow>[] = [
  { header: 'time', value: (row) => new Date(row.at).toISOString() },
  { header: 'changeId', value: (row) => row.changeId },
  { header: 'undoes', value: (row) => row.undoes },
  { header: 'scriptKind', value: (row) => row.scriptKind },
  { header: 'scriptId', value: (row) => row.scriptId },
  { header: 'id', value: (row) => row.stateId },
  { header: 'userPrincipalName', value: (row) => row.userPrincipalName },
  { header: 'property', value: (row) => row.field },
  { header: 'oldValue', value: (row) => row.oldValue },
  { header: 'newValue', value: (row) => row.newValue },
  { header: 'requestId', value: (row) => row.requestId },
];
