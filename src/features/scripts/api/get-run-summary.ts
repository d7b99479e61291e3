import { queryOptions, useQuery, type QueryFunction } from '@tanstack/react-query';
import type { GraphClient } from '../../../lib/graph/graph-client';
import { useGraphClient } from '../../../lib/graph/graph-context';
import { scriptKindGraphPath, type ScriptKind } from '../../../lib/script-kinds';
import { scriptKeys } from './keys';
import { runSummarySchema, type RunSummary } from './schema';

function fetchRunSummary(client: GraphClient): QueryFunction<RunSummary, ReturnType<typeof scriptKeys.runSummary>> {
  return ({ queryKey: [, , kind, scriptId], signal }) => client.get(`${scriptKindGraphPath(kind, scriptId)}/runSummary`, runSummarySchema, { signal });
}

export function runSummaryQueryOptions(client: GraphClient, kind: ScriptKind, scriptId: string) {
  return queryOptions({ queryKey: scriptKeys.runSummary(kind, scriptId), queryFn: fetchRunSummary(client) });
}

export function useRunSummary(kind: ScriptKind, scriptId: string) {
  return useQuery(runSummaryQueryOptions(useGraphClient(), kind, scriptId));
}
