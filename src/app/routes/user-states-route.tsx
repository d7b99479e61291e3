import { useParams } from 'react-router';
import { scriptQueryOptions, useScript } from '../../features/scripts/api/get-script';
import { userStatesListQueryOptions } from '../../features/user-states/api/list-user-states';
import { UserStatesPage } from '../../features/user-states/components/user-states-page';
import type { RouteServices } from '../routes';

/** The route's loader: the script's name and the first page of its user states, in parallel. */
export function startLoading({ queryClient, graph }: RouteServices, scriptId: string): void {
  void queryClient.prefetchQuery(userStatesListQueryOptions(graph, scriptId));
  void queryClient.prefetchQuery(scriptQueryOptions(graph, scriptId));
}

export function Component() {
  const { scriptId = '' } = useParams();
  const script = useScript(scriptId);
  // A new script is a new page: no grid state (edits, drafts) carries over.
  return (
    <UserStatesPage
      key={scriptId}
      scriptId={scriptId}
      scriptName={script.data === undefined ? undefined : script.data.displayName || script.data.id}
      scriptError={script.error}
    />
  );
}
