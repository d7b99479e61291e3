import type { QueryClient } from '@tanstack/react-query';
import type { ScriptKind } from '../../../lib/script-kinds';
import { userStateKeys } from '../api/keys';
import type { UserStateList } from '../api/list-user-states';
import type { UserState } from '../api/schema';

/** Replaces one row of the cached list, if it is there (no copy when it is not). */
export function replaceListRow(list: UserStateList | undefined, row: UserState): UserStateList | undefined {
  if (list === undefined) return list;
  const index = list.rows.findIndex((candidate) => candidate.id === row.id);
  if (index === -1) return list;
  const rows = list.rows.slice();
  rows[index] = row;
  return { ...list, rows };
}

/** Replaces many rows of the cached list in one copy (a bulk job's answers), if they are there. */
export function replaceListRows(list: UserStateList | undefined, rows: readonly UserState[]): UserStateList | undefined {
  if (list === undefined || rows.length === 0) return list;
  const byId = new Map(rows.map((row) => [row.id, row]));
  return { ...list, rows: list.rows.map((row) => byId.get(row.id) ?? row) };
}

/** Shows `rows` wherever the cache holds them: the script's list (one copy for all) and each row's detail. */
export function writeRows(queryClient: QueryClient, kind: ScriptKind, scriptId: string, rows: readonly UserState[]): void {
  queryClient.setQueryData<UserStateList>(userStateKeys.list(kind, scriptId), (list) => replaceListRows(list, rows));
  for (const row of rows) {
    // Only details already cached: a bulk job must not create thousands of detail entries.
    if (queryClient.getQueryData(userStateKeys.detail(kind, scriptId, row.id)) !== undefined) {
      queryClient.setQueryData<UserState>(userStateKeys.detail(kind, scriptId, row.id), row);
    }
  }
}

/** Shows `row` wherever the cache holds it: its script's list and its own detail. */
export function writeRow(queryClient: QueryClient, kind: ScriptKind, scriptId: string, row: UserState): void {
  queryClient.setQueryData<UserStateList>(userStateKeys.list(kind, scriptId), (list) => replaceListRow(list, row));
  queryClient.setQueryData<UserState>(userStateKeys.detail(kind, scriptId, row.id), row);
}

/** The row as the cache shows it now (the detail first: it is the fresher read). */
export function cachedRow(queryClient: QueryClient, kind: ScriptKind, scriptId: string, stateId: string): UserState | undefined {
  return (
    queryClient.getQueryData<UserState>(userStateKeys.detail(kind, scriptId, stateId)) ??
    queryClient.getQueryData<UserStateList>(userStateKeys.list(kind, scriptId))?.rows.find((row) => row.id === stateId)
  );
}
