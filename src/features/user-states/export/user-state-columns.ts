import type { CsvColumn } from '../../../lib/csv/csv-export';
import { revealHiddenCharacters } from '../../../lib/hidden-characters';
import type { UserState } from '../api/schema';

/**
 * The columns of a user-states export: Graph's property names, so the file maps back to the API
 * (by id). A name's hidden or direction-changing characters are written as markers (`⟨U+202E⟩`):
 * a spreadsheet would otherwise show the name reversed, passing for another user or a file.
 */
export const userStateCsvColumns: readonly CsvColumn<UserState>[] = [
  { header: 'id', value: (row) => row.id },
  { header: 'userPrincipalName', value: (row) => revealHiddenCharacters(row.userPrincipalName) },
  { header: 'successDeviceCount', kind: 'number', value: (row) => row.successDeviceCount },
  { header: 'errorDeviceCount', kind: 'number', value: (row) => row.errorDeviceCount },
];
