import { PublicClientApplication } from '@azure/msal-browser';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App } from './app/app';
import { ConfigProblems, StartFailure } from './app/config-problems';
import { readConfig, type AppConfig } from './config/env';
import { createMsalConfiguration } from './lib/auth/msal-config';
import { pendingReturnPath } from './lib/auth/return-to';
import { startAuth } from './lib/auth/start-auth';
import { preloadRouteChunk } from './app/route-chunks';
import { markRunSummaryChanged } from './features/scripts/api/get-run-summary';
import { EditCoordinator } from './features/user-states/cache/edit-coordinator';
import { configureGraphScopes } from './lib/auth/scopes';
import { createTokenProvider, GrantedScopes } from './lib/auth/token-provider';
import { createGraphClient } from './lib/graph/graph-client';
import { ReadWaits } from './lib/graph/read-waits';
import { createQueryClient } from './lib/query-client';

async function start(config: AppConfig, root: Root): Promise<void> {
  configureGraphScopes(config.graphScopes);
  // MSAL lives outside React: created and initialised once, before the first render.
  const msal = new PublicClientApplication(createMsalConfiguration(config));
  const grantedScopes = new GrantedScopes();
  // The page chunk downloads while MSAL starts (a signed-in deep link needs it right after; back
  // from a sign-in round trip, the page the user is returned to).
  preloadRouteChunk(pendingReturnPath() ?? window.location.pathname);
  const { error, signedOut } = await startAuth(msal, grantedScopes);
  const getToken = createTokenProvider(msal, { grantedScopes });
  const readWaits = new ReadWaits();
  const services = {
    msal,
    grantedScopes,
    getToken,
    graph: createGraphClient({ baseUrl: config.graphBaseUrl, getToken, readWaits }),
    readWaits,
    queryClient: createQueryClient(),
    // Beside the QueryClient, for as long: the user states' edits in flight and confirmed.
    editCoordinator: new EditCoordinator(),
  };
  // A save changes what Graph counts for its script: the summary read before is marked out of date.
  services.editCoordinator.onEditRecorded(({ scriptKind, scriptId }) => markRunSummaryChanged(services.queryClient, scriptKind, scriptId));
  root.render(
    <StrictMode>
      <App services={services} startError={error} signedOut={signedOut} />
    </StrictMode>,
  );
}

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
const root = createRoot(container);
const config = readConfig(import.meta.env);
if (config.ok) {
  start(config.config, root).catch((error: unknown) => {
    // MSAL could not start (e.g. storage or crypto unavailable): say so instead of a blank page.
    root.render(<StartFailure error={error} />);
  });
} else {
  root.render(<ConfigProblems problems={config.problems} />);
}
