import type { CsvColumn } from '../../../lib/csv/csv-export';
import { revealHiddenCharacters } from '../../../lib/hidden-characters';
import type { JobRow } from './job-state';
import { outcomeRequestId, outcomeText } from './outcome-text';

/**
 * The finished job's export: each row, before and after, its outcome and Graph's request id. A
 * name's hidden or direction-changing characters are written as markers, as in the grid's export.
 */
export const jobCsvColumns: readonly CsvColumn<JobRow>[] = [
  { header: 'id', value: (row) => row.id },
  { header: 'userPrincipalName', value: (row) => revealHiddenCharacters(row.before.userPrincipalName) },
  { header: 'successDeviceCountBefore', kind: 'number', value: (row) => row.before.successDeviceCount },
  { header: 'errorDeviceCountBefore', kind: 'number', value: (row) => row.before.errorDeviceCount },
  { header: 'successDeviceCountAfter', kind: 'number', value: (row) => row.after.successDeviceCount },
  { header: 'errorDeviceCountAfter', kind: 'number', value: (row) => row.after.errorDeviceCount },
  { header: 'outcome', value: outcomeText },
  { header: 'requestId', value: outcomeRequestId },
];
