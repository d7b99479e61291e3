import { QueryCache, QueryClient } from '@tanstack/react-query';
import { describeError } from './graph/describe-error';
import { isCancelled } from './graph/graph-error';
import { notifications } from './notifications';

/**
 * One QueryClient for the app. The Graph client already retries what is safe to retry, so React
 * Query does not retry on top of it. Background refetch failures become toasts; first-load
 * failures reach the route's error UI.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.state.data === undefined || isCancelled(error)) return;
        const description = describeError(error);
        notifications.notify({
          severity: 'error',
          message: `Could not refresh: ${description.message}`,
          requestId: description.requestId,
        });
      },
    }),
    defaultOptions: {
      queries: { retry: false, staleTime: 30_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
