import type {} from '@mui/x-data-grid/themeAugmentation';
import { createTheme, ThemeProvider } from '@mui/material/styles';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { EditCoordinator } from '../features/user-states/cache/edit-coordinator';
import { EditCoordinatorProvider } from '../features/user-states/cache/edit-coordinator-context';
import { AuthSessionProvider, type AuthSession } from '../lib/auth/auth-session';
import { graphScopes } from '../lib/auth/scopes';
import { GrantedScopes } from '../lib/auth/token-provider';
import type { GraphClient } from '../lib/graph/graph-client';
import { GraphClientProvider } from '../lib/graph/graph-context';

/** A fresh client per test, retries off, so tests never share cache or wait on retries. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY }, mutations: { retry: false } },
  });
}

export function createTestSession(options: { canWrite?: boolean } = {}): AuthSession {
  const grantedScopes = new GrantedScopes();
  const { read, write } = graphScopes();
  grantedScopes.set(options.canWrite === false ? [read] : [read, write]);
  return {
    account: { name: 'Adele Admin', username: 'admin@contoso.onmicrosoft.com', tenantId: 'tenant' },
    grantedScopes,
    getToken: async () => 'test-token',
    signOut: () => {},
  };
}

export interface TestProvidersOptions {
  /** The Graph backend (in tests, the emulator's: see emulator-graph.tsx). */
  graph: GraphClient;
  queryClient?: QueryClient;
  editCoordinator?: EditCoordinator;
  session?: AuthSession;
}

// jsdom has no layout: a virtualised grid would render no rows there, so tests turn it off for
// every DataGrid through the theme instead of through a prop of the app's components.
const testTheme = createTheme({ components: { MuiDataGrid: { defaultProps: { disableVirtualization: true } } } });

export function TestProviders({
  children,
  graph,
  queryClient,
  editCoordinator,
  session,
}: { children: ReactNode } & Required<TestProvidersOptions>) {
  return (
    <ThemeProvider theme={testTheme}>
      <QueryClientProvider client={queryClient}>
        <EditCoordinatorProvider coordinator={editCoordinator}>
          <GraphClientProvider client={graph}>
            <AuthSessionProvider session={session}>{children}</AuthSessionProvider>
          </GraphClientProvider>
        </EditCoordinatorProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}

/** Renders routes in a memory data router (useBlocker needs one) with the app's providers. */
export function renderRoutes(
  routes: RouteObject[],
  initialPath: string,
  options: TestProvidersOptions,
): RenderResult & { queryClient: QueryClient; router: ReturnType<typeof createMemoryRouter> } {
  const { graph } = options;
  const queryClient = options.queryClient ?? createTestQueryClient();
  const editCoordinator = options.editCoordinator ?? new EditCoordinator();
  const session = options.session ?? createTestSession();
  const router = createMemoryRouter(routes, { initialEntries: [initialPath] });
  const result = render(
    <TestProviders graph={graph} queryClient={queryClient} editCoordinator={editCoordinator} session={session}>
      <RouterProvider router={router} />
    </TestProviders>,
  );
  return { ...result, queryClient, router };
}
