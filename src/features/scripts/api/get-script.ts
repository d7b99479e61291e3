import { queryOptions, useQuery, type QueryFunction } from '@tanstack/react-query';
import type { GraphClient } from '../../../lib/graph/graph-client';
import { useGraphClient } from '../../../lib/graph/graph-context';
import { scriptKeys, scriptGraphPath } from './keys';
import { scriptSchema, scriptSelect, type Script } from './schema';

function fetchScript(client: GraphClient): QueryFunction<Script, ReturnType<typeof scriptKeys.detail>> {
  return ({ queryKey: [, , scriptId], signal }) => client.get(`${scriptGraphPath(scriptId)}?${scriptSelect}`, scriptSchema, { signal });
}

export function scriptQueryOptions(client: GraphClient, scriptId: string) {
  return queryOptions({ queryKey: scriptKeys.detail(scriptId), queryFn: fetchScript(client) });
}

export function useScript(scriptId: string) {
  return useQuery(scriptQueryOptions(useGraphClient(), scriptId));
}
