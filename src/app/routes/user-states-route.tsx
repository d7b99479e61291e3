import { useLoaderData, useParams, type Params } from 'react-router';
import { lazyPart } from '../../components/lazy-part';
import { runSummaryQueryOptions } from '../../features/scripts/api/get-run-summary';
import { scriptQueryOptions, useScript } from '../../features/scripts/api/get-script';
import { RunSummarySpace } from '../../features/scripts/components/run-summary-space';
import { userStatesListQueryOptions } from '../../features/user-states/api/list-user-states';
import { UserStatesPage } from '../../features/user-states/components/user-states-page';
import { restorePageDrafts, type PageDrafts } from '../../features/user-states/drafts/draft-store';
import type { ScriptKind } from '../../lib/script-kinds';
import { routeScriptKind } from '../route-kind';
import type { RouteServices } from '../route-services';

interface LoadedUserStates {
  kind: ScriptKind;
  restored: PageDrafts;
}

// The chart library is large and the grid must not wait for it: the summary loads after the page.
const RunSummaryChart = lazyPart(
  'the run summary',
  async () => (await import('../../features/scripts/components/run-summary-chart')).RunSummaryChart,
).Component;

/**
 * The route's loader: the script's name, its run summary and the first page of its user states, in parallel, and
 * what a sign-in round trip kept for this script (taken here, once, not while rendering).
 */
export function startLoading({ queryClient, graph, editCoordinator }: RouteServices, params: Params): LoadedUserStates {
  const kind = routeScriptKind(params);
  const scriptId = params.scriptId ?? '';
  void queryClient.prefetchQuery(userStatesListQueryOptions(graph, editCoordinator, kind, scriptId));
  void queryClient.prefetchQuery(scriptQueryOptions(graph, kind, scriptId));
  // The summary above the grid asks at once too, not once its chart code has loaded.
  void queryClient.prefetchQuery(runSummaryQueryOptions(graph, kind, scriptId));
  return { kind, restored: restorePageDrafts(kind, scriptId) };
}

export function Component() {
  const { scriptId = '' } = useParams();
  const { kind, restored } = useLoaderData<LoadedUserStates>();
  const script = useScript(kind, scriptId);
  // A new script is a new page: no grid state (edits, drafts) carries over.
  return (
    <UserStatesPage
      key={`${kind}/${scriptId}`}
      kind={kind}
      scriptId={scriptId}
      scriptName={script.data === undefined ? undefined : script.data.displayName || script.data.id}
      scriptError={script.error}
      restored={restored}
      summary={({ applyStatus, userCount, shown }) =>
        shown ? (
          <RunSummaryChart
            fallback={<RunSummarySpace />}
            kind={kind}
            scriptId={scriptId}
            userCount={userCount}
            onSelectStatus={applyStatus}
          />
        ) : (
          <RunSummarySpace />
        )
      }
    />
  );
}

// In this chunk so that the scripts list's idle prefetch of it brings the warm-up along.
export { GridWarmUp } from '../../features/user-states/components/grid/grid-warm-up';
