import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createEmulator, type Emulator } from '../../emulator/app';
import type { SeededAccount } from '../../emulator/constants';
import { signIn } from '../../emulator/testing/sign-in';
import { createGraphClient, type GraphClient } from '../lib/graph/graph-client';
import { GraphClientProvider } from '../lib/graph/graph-context';
import { createTestQueryClient } from './render';

/**
 * The emulator itself as the Graph backend of a component test: no socket, the real Graph
 * answers (paging, $expand, the permission rule), a token got through its sign-in.
 */
export async function startEmulatorGraph(): Promise<Emulator> {
  return createEmulator({ bigScriptSize: 10, throttle: false });
}

/** A client with the account's token (asked for a scope it holds: the token carries all it holds). */
export async function emulatorGraphClient(emulator: Emulator, account: SeededAccount): Promise<GraphClient> {
  const scopes = account.graphScopes.slice(0, 1).map((scope) => `https://graph.microsoft.com/${scope}`);
  const { accessToken } = await signIn((request) => emulator.fetch(request), { upn: account.upn, scopes });
  return createGraphClient({
    baseUrl: `${emulator.publicOrigin}/beta`,
    getToken: async () => accessToken,
    fetch: (input, init) => emulator.fetch(new Request(input, init)),
    retryLimit: 0,
  });
}

/** Renders one element at `path` of a memory router, with a fresh query cache and the given client. */
export function renderWithGraph(element: ReactNode, graph: GraphClient, path = '/'): RenderResult {
  const router = createMemoryRouter([{ path: '*', element }], { initialEntries: [path] });
  return render(
    <QueryClientProvider client={createTestQueryClient()}>
      <GraphClientProvider client={graph}>
        <RouterProvider router={router} />
      </GraphClientProvider>
    </QueryClientProvider>,
  );
}
