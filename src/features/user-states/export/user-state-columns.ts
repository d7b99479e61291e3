import type { CsvColumn } from '../../../lib/csv/csv-export';
import type { UserState } from '../api/schema';

/** The columns of a user-states export: Graph's property names, so the file maps back to the API. */
export const userStateCsvColumns: readonly CsvColumn<UserState>[] = [
  { header: 'id', value: (row) => row.id },
  { header: 'userPrincipalName', value: (row) => row.userPrincipalName },
  { header: 'successDeviceCount', kind: 'number', value: (row) => row.successDeviceCount },
  { header: 'errorDeviceCount', kind: 'number', value: (row) => row.errorDeviceCount },
];
