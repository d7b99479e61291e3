import { queryOptions, useQuery, type QueryFunction } from '@tanstack/react-query';
import type { GraphClient } from '../../../lib/graph/graph-client';
import { useGraphClient } from '../../../lib/graph/graph-context';
import { scriptKinds, type ScriptKind } from '../../../lib/script-kinds';
import { scriptKeys } from './keys';
import { scriptSchema, scriptSelect, type Script } from './schema';

/** A script in the list, with the collection it was read from (its kind). */
export type ListedScript = Script & { kind: ScriptKind };

async function listScriptsOfKind(client: GraphClient, kind: ScriptKind, signal?: AbortSignal): Promise<ListedScript[]> {
  const scripts: ListedScript[] = [];
  for await (const page of client.pages(`/deviceManagement/${kind}?${scriptSelect}`, scriptSchema, { signal })) {
    for (const script of page.items) scripts.push({ ...script, kind });
  }
  return scripts;
}

/** Every kind's scripts, read in parallel, listed kind by kind in the order of `scriptKinds`. */
export async function listScripts(client: GraphClient, signal?: AbortSignal): Promise<ListedScript[]> {
  const lists = await Promise.all(scriptKinds.map((info) => listScriptsOfKind(client, info.id, signal)));
  return lists.flat();
}

function fetchScripts(client: GraphClient): QueryFunction<ListedScript[], ReturnType<typeof scriptKeys.list>> {
  return ({ signal }) => listScripts(client, signal);
}

export function scriptsQueryOptions(client: GraphClient) {
  return queryOptions({ queryKey: scriptKeys.list(), queryFn: fetchScripts(client) });
}

export function useScripts() {
  return useQuery(scriptsQueryOptions(useGraphClient()));
}
