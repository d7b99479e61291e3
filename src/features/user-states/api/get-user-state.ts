import { queryOptions, type QueryFunction } from '@tanstack/react-query';
import type { GraphClient } from '../../../lib/graph/graph-client';
import type { GraphRequestOptions } from '../../../lib/graph/graph-request';
import type { ScriptKind } from '../../../lib/script-kinds';
import type { EditCoordinator } from '../cache/edit-coordinator';
import { userStateKeys, userStateGraphPath } from './keys';
import { userStateSchema, type UserState } from './schema';

const selectFields = '$select=id,userPrincipalName,successDeviceCount,errorDeviceCount';

/** The read of one user state, as a single GET and inside `$batch` (the bulk job's conflict check). */
export function userStateReadPath(kind: ScriptKind, scriptId: string, stateId: string): string {
  return `${userStateGraphPath(kind, scriptId, stateId)}?${selectFields}`;
}

export function getUserState(
  client: GraphClient,
  kind: ScriptKind,
  scriptId: string,
  stateId: string,
  options?: GraphRequestOptions,
): Promise<UserState> {
  return client.get(userStateReadPath(kind, scriptId, stateId), userStateSchema, options);
}

/** Reads the ids from the query key, so the key is the single source of what is fetched. */
function fetchUserState(
  client: GraphClient,
  coordinator: EditCoordinator,
): QueryFunction<UserState, ReturnType<typeof userStateKeys.detail>> {
  return async ({ queryKey: [, , kind, scriptId, stateId], signal }) => {
    const readVersion = coordinator.version();
    const row = await getUserState(client, kind, scriptId, stateId, { signal });
    return coordinator.overlay(kind, scriptId, row, readVersion);
  };
}

export function userStateQueryOptions(
  client: GraphClient,
  coordinator: EditCoordinator,
  kind: ScriptKind,
  scriptId: string,
  stateId: string,
) {
  return queryOptions({ queryKey: userStateKeys.detail(kind, scriptId, stateId), queryFn: fetchUserState(client, coordinator) });
}
