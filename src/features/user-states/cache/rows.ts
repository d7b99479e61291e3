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
