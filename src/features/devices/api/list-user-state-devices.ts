import { queryOptions, useQuery, type QueryFunction } from '@tanstack/react-query';
import type { GraphClient } from '../../../lib/graph/graph-client';
import { useGraphClient } from '../../../lib/graph/graph-context';
import { scriptKindGraphPath, type ScriptKind } from '../../../lib/script-kinds';
import { fetchDeviceStatesPage, fetchNextDeviceStatesPage } from './device-names';
import { deviceStateKeys } from './keys';
import type { DeviceStates } from './schema';

/** A user's devices are few; every page is read (1,000 per page, the largest Graph honours). */
async function listUserStateDevices(
  client: GraphClient,
  kind: ScriptKind,
  scriptId: string,
  stateId: string,
  signal: AbortSignal,
): Promise<DeviceStates> {
  const path = `${scriptKindGraphPath(kind, scriptId)}/userRunStates/${encodeURIComponent(stateId)}/deviceRunStates?$top=1000`;
  let page = await fetchDeviceStatesPage(client, path, signal);
  const states = [...page.states];
  while (page.nextLink !== null) {
    page = await fetchNextDeviceStatesPage(client, page.nextLink, page.devicesShown, signal);
    states.push(...page.states);
  }
  return { states, devicesShown: page.devicesShown };
}

function fetchUserStateDevices(client: GraphClient): QueryFunction<DeviceStates, ReturnType<typeof deviceStateKeys.ofUserState>> {
  return ({ queryKey: [, kind, scriptId, , stateId], signal }) => listUserStateDevices(client, kind, scriptId, stateId, signal);
}

export function userStateDevicesQueryOptions(client: GraphClient, kind: ScriptKind, scriptId: string, stateId: string) {
  return queryOptions({ queryKey: deviceStateKeys.ofUserState(kind, scriptId, stateId), queryFn: fetchUserStateDevices(client) });
}

export function useUserStateDevices(kind: ScriptKind, scriptId: string, stateId: string) {
  return useQuery(userStateDevicesQueryOptions(useGraphClient(), kind, scriptId, stateId));
}
