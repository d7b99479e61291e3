import type { QueryClient } from '@tanstack/react-query';
import type { EditCoordinator } from '../features/user-states/cache/edit-coordinator';
import type { GraphClient } from '../lib/graph/graph-client';

/** What a route needs to start its data before its page renders. */
export interface RouteServices {
  queryClient: QueryClient;
  graph: GraphClient;
  editCoordinator: EditCoordinator;
}
