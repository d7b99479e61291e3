import type { AccountInfo, IPublicClientApplication } from '@azure/msal-browser';
import { MsalProvider } from '@azure/msal-react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { AuthSessionProvider, type AuthSession } from '../lib/auth/auth-session';
import type { GrantedScopes } from '../lib/auth/token-provider';
import type { GraphClient } from '../lib/graph/graph-client';
import type { TokenProvider } from '../lib/graph/graph-request';
import { GraphClientProvider } from '../lib/graph/graph-context';
import type { ReadWaits } from '../lib/graph/read-waits';
import type { EditCoordinator } from '../features/user-states/cache/edit-coordinator';
import { EditCoordinatorProvider } from '../features/user-states/cache/edit-coordinator-context';
import { AppErrorBoundary } from './app-error-boundary';
import { AuthGate } from './auth-gate';
import { createAppRoutes } from './routes';
import { theme } from './theme';

export interface AppServices {
  msal: IPublicClientApplication;
  graph: GraphClient;
  /** The reads `graph` holds back for a retry, for the shell's notice. */
  readWaits: ReadWaits;
  queryClient: QueryClient;
  /** Lives exactly as long as `queryClient`: it overlays that cache's rows with edits in flight. */
  editCoordinator: EditCoordinator;
  grantedScopes: GrantedScopes;
  getToken: TokenProvider;
}

export function App({ services, startError, signedOut }: { services: AppServices; startError: unknown; signedOut: boolean }) {
  return (
    <MsalProvider instance={services.msal}>
      <ThemeProvider theme={theme}>
        <CssBaseline enableColorScheme />
        <AppErrorBoundary>
          <AuthGate startError={startError} signedOut={signedOut}>
            {(account, signOut) => <SignedInApp services={services} account={account} signOut={signOut} />}
          </AuthGate>
        </AppErrorBoundary>
      </ThemeProvider>
    </MsalProvider>
  );
}

function SignedInApp({ services, account, signOut }: { services: AppServices; account: AccountInfo; signOut: () => void }) {
  // Created once, after sign-in, so the router starts on the (restored) deep link.
  const [router] = useState(() => createBrowserRouter(createAppRoutes(services)));
  const session = useMemo<AuthSession>(
    () => ({
      account: { name: account.name ?? account.username, username: account.username, tenantId: account.tenantId },
      grantedScopes: services.grantedScopes,
      getToken: services.getToken,
      signOut,
    }),
    [account.name, account.username, account.tenantId, services, signOut],
  );
  return (
    <AuthSessionProvider session={session}>
      <QueryClientProvider client={services.queryClient}>
        <EditCoordinatorProvider coordinator={services.editCoordinator}>
          <GraphClientProvider client={services.graph} readWaits={services.readWaits}>
            <RouterProvider router={router} />
          </GraphClientProvider>
        </EditCoordinatorProvider>
      </QueryClientProvider>
    </AuthSessionProvider>
  );
}
