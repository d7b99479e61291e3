import { infiniteQueryOptions, useInfiniteQuery, type QueryFunction } from '@tanstack/react-query';
import type { GraphClient } from '../../../lib/graph/graph-client';
import { useGraphClient } from '../../../lib/graph/graph-context';
import { scriptKindGraphPath, type ScriptKind } from '../../../lib/script-kinds';
import { fetchDeviceStatesPage, fetchNextDeviceStatesPage, type DeviceStatesPage } from './device-names';
import { deviceStateKeys, type DeviceStatusFilter } from './keys';

/** Rows per page of the device status view: a screenful or two, never the whole script. */
export const deviceStatesPageSize = 50;

/** The status filter as Graph's `$filter` on runState ("With errors": failed or script error). */
const statusFilters: Record<DeviceStatusFilter, string | null> = {
  all: null,
  errors: "runState eq 'fail' or runState eq 'scriptError'",
  succeeded: "runState eq 'success'",
  pending: "runState eq 'pending'",
  notApplicable: "runState eq 'notApplicable'",
};

type PageParam = { nextLink: string; devicesShown: boolean } | null;
type ScriptDeviceStatesKey = ReturnType<typeof deviceStateKeys.scriptList>;

function fetchScriptDeviceStates(client: GraphClient): QueryFunction<DeviceStatesPage, ScriptDeviceStatesKey, PageParam> {
  return ({ queryKey: [, kind, scriptId, , status], pageParam, signal }) => {
    if (pageParam !== null) return fetchNextDeviceStatesPage(client, pageParam.nextLink, pageParam.devicesShown, signal);
    const filter = statusFilters[status];
    const query = `$top=${deviceStatesPageSize}${filter === null ? '' : `&$filter=${encodeURIComponent(filter)}`}`;
    return fetchDeviceStatesPage(client, `${scriptKindGraphPath(kind, scriptId)}/deviceRunStates?${query}`, signal);
  };
}

/** Pages through `@odata.nextLink` one "Load more" at a time. */
export function scriptDeviceStatesQueryOptions(client: GraphClient, kind: ScriptKind, scriptId: string, status: DeviceStatusFilter) {
  return infiniteQueryOptions({
    queryKey: deviceStateKeys.scriptList(kind, scriptId, status),
    queryFn: fetchScriptDeviceStates(client),
    initialPageParam: null as PageParam,
    // null ends the pages (TanStack Query reads null and undefined as "no next page").
    getNextPageParam: (last): PageParam => (last.nextLink === null ? null : { nextLink: last.nextLink, devicesShown: last.devicesShown }),
  });
}

export function useScriptDeviceStates(kind: ScriptKind, scriptId: string, status: DeviceStatusFilter) {
  return useInfiniteQuery(scriptDeviceStatesQueryOptions(useGraphClient(), kind, scriptId, status));
}
