import { useQuery } from '@tanstack/react-query';
import { useGraphClient } from '../../../lib/graph/graph-context';
import type { ScriptKind } from '../../../lib/script-kinds';
import { useEditCoordinator } from '../cache/edit-coordinator-context';
import { userStateQueryOptions } from './get-user-state';
import { userStatesListQueryOptions } from './list-user-states';

export function useUserState(kind: ScriptKind, scriptId: string, stateId: string) {
  const client = useGraphClient();
  const coordinator = useEditCoordinator();
  return useQuery(userStateQueryOptions(client, coordinator, kind, scriptId, stateId));
}

export function useUserStatesList(kind: ScriptKind, scriptId: string) {
  const client = useGraphClient();
  const coordinator = useEditCoordinator();
  // The route's loader starts this query before the page mounts (and starts it again on the next
  // visit when its first page failed). A failure it met is shown as it is, with its request id,
  // instead of being sent again silently when the page mounts.
  return useQuery({ ...userStatesListQueryOptions(client, coordinator, kind, scriptId), retryOnMount: false });
}
