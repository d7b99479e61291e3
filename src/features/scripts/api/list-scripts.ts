import { queryOptions, useQuery, type QueryFunction } from '@tanstack/react-query';
import type { GraphClient } from '../../../lib/graph/graph-client';
import { useGraphClient } from '../../../lib/graph/graph-context';
import { scriptKeys } from './keys';
import { scriptSchema, scriptSelect, type Script } from './schema';

export async function listScripts(client: GraphClient, signal?: AbortSignal): Promise<Script[]> {
  const scripts: Script[] = [];
  for await (const page of client.pages(`/deviceManagement/deviceManagementScripts?${scriptSelect}`, scriptSchema, { signal })) {
    scripts.push(...page.items);
  }
  return scripts;
}

function fetchScripts(client: GraphClient): QueryFunction<Script[], ReturnType<typeof scriptKeys.list>> {
  return ({ signal }) => listScripts(client, signal);
}

export function scriptsQueryOptions(client: GraphClient) {
  return queryOptions({ queryKey: scriptKeys.list(), queryFn: fetchScripts(client) });
}

export function useScripts() {
  return useQuery(scriptsQueryOptions(useGraphClient()));
}
