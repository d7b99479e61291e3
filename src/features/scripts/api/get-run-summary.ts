import { queryOptions, useQuery, useQueryClient, type QueryClient, type QueryFunction } from '@tanstack/react-query';
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

/**
 * Whether a save landed on the script since its summary was read (`markRunSummaryChanged`). Given
 * the summary's `isStale`, which the mark turns true, so that reading it re-renders on the mark.
 */
export function useRunSummaryChanged(kind: ScriptKind, scriptId: string, isStale: boolean): boolean {
  const queryClient = useQueryClient();
  return isStale && queryClient.getQueryState(scriptKeys.runSummary(kind, scriptId))?.isInvalidated === true;
}

/**
 * A save landed on one of the script's user states: its summary, as Graph last gave it, may be out
 * of date. Marked, not read again at once (a save costs its own requests only): the scripts list
 * and the page read it anew when they next show it, and the chart offers "Refresh counts".
 */
export function markRunSummaryChanged(queryClient: QueryClient, kind: ScriptKind, scriptId: string): void {
  const queryKey = scriptKeys.runSummary(kind, scriptId);
  // A bulk job records a save per row: marked once, not once a row.
  if (queryClient.getQueryState(queryKey)?.isInvalidated === true) return;
  void queryClient.invalidateQueries({ queryKey, refetchType: 'none' });
}
