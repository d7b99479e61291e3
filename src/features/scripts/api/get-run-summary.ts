import { queryOptions, useQuery, type QueryFunction } from '@tanstack/react-query';
import type { GraphClient } from '../../../lib/graph/graph-client';
import { useGraphClient } from '../../../lib/graph/graph-context';
import { scriptKeys, scriptGraphPath } from './keys';
import { runSummarySchema, type RunSummary } from './schema';

function fetchRunSummary(client: GraphClient): QueryFunction<RunSummary, ReturnType<typeof scriptKeys.runSummary>> {
  return ({ queryKey: [, , scriptId], signal }) => client.get(`${scriptGraphPath(scriptId)}/runSummary`, runSummarySchema, { signal });
}

export function runSummaryQueryOptions(client: GraphClient, scriptId: string) {
  return queryOptions({ queryKey: scriptKeys.runSummary(scriptId), queryFn: fetchRunSummary(client) });
}

export function useRunSummary(scriptId: string) {
  return useQuery(runSummaryQueryOptions(useGraphClient(), scriptId));
}
