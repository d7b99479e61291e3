/**
 * Which columns of an imported correction file hold the key and which the values to set, read
 * from its header row (docs/decisions/014-csv-import-corrections.md).
 */
import type { EditableField } from '../../api/schema';

export type KeyField = 'id' | 'userPrincipalName';

/** Which file column holds the key and which hold values, by the header name as written in the file. */
export interface ImportColumns {
  key: { field: KeyField; column: string };
  values: ReadonlyArray<{ field: EditableField; column: string }>;
  /** Header names that name nothing this import knows; their cells are not read. */
  ignored: readonly string[];
}

const valueFields: readonly EditableField[] = ['successDeviceCount', 'errorDeviceCount', 'userPrincipalName'];
const knownFields: readonly (EditableField | 'id')[] = ['id', ...valueFields];

/**
 * Maps header names to fields, ignoring case (a spreadsheet user may retype "ID"). Returns the
 * reason the header cannot serve, for the user: no key column, or nothing to change.
 */
export function readImportColumns(names: readonly string[]): ImportColumns | string {
  const found = new Map<EditableField | 'id', string>();
  const ignored: string[] = [];
  for (const name of names) {
    const field = knownFields.find((known) => known.toLowerCase() === name.toLowerCase());
    if (field === undefined || found.has(field)) {
      if (name !== '') ignored.push(name);
    } else {
      found.set(field, name);
    }
  }
  const id = found.get('id');
  const upn = found.get('userPrincipalName');
  if (id === undefined && upn === undefined) {
    return 'The file has no key column: its first line must name an "id" or a "userPrincipalName" column (as an export from this page does).';
  }
  // By id when there is one: ids never change, so a UPN column can then correct the UPN.
  const key =
    id !== undefined
      ? { field: 'id' as const, column: id }
      : { field: 'userPrincipalName' as const, column: upn ?? '' };
  const values = valueFields
    .filter((field) => field !== key.field && found.has(field))
    .map((field) => ({ field, column: found.get(field) ?? '' }));
  if (values.length === 0) {
    return `The file names no column to change: add "successDeviceCount", "errorDeviceCount"${key.field === 'id' ? ' or "userPrincipalName"' : ''} beside "${key.column}".`;
  }
  return { key, values, ignored };
}

/** For the CSV parser's `checkHeader`: a message when the header cannot serve. */
export function importHeaderProblem(names: readonly string[]): string | undefined {
  const columns = readImportColumns(names);
  return typeof columns === 'string' ? columns : undefined;
}
