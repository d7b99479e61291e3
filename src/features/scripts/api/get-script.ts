import { queryOptions, useQuery, type QueryFunction } from '@tanstack/react-query';
import type { GraphClient } from '../../../lib/graph/graph-client';
import { useGraphClient } from '../../../lib/graph/graph-context';
import { scriptKindGraphPath, type ScriptKind } from '../../../lib/script-kinds';
import { scriptKeys } from './keys';
import { scriptSchema, scriptSelect, type Script } from './schema';

function fetchScript(client: GraphClient): QueryFunction<Script, ReturnType<typeof scriptKeys.detail>> {
  return ({ queryKey: [, , kind, scriptId], signal }) => client.get(`${scriptKindGraphPath(kind, scriptId)}?${scriptSelect}`, scriptSchema, { signal });
}

export function scriptQueryOptions(client: GraphClient, kind: ScriptKind, scriptId: string) {
  return queryOptions({ queryKey: scriptKeys.detail(kind, scriptId), queryFn: fetchScript(client) });
}

export function useScript(kind: ScriptKind, scriptId: string) {
  return useQuery(scriptQueryOptions(useGraphClient(), kind, scriptId));
}
