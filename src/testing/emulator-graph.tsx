import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createEmulator, type Emulator } from '../../emulator/app';
import { ACCOUNTS, type SeededAccount } from '../../emulator/constants';
import { parseRules } from '../../emulator/faults/faults';
import type { UserStateData } from '../../emulator/seed/generate';
import { publicUserState } from '../../emulator/store/store';
import { signIn } from '../../emulator/testing/sign-in';
import { createGraphClient, type GraphClient, type GraphClientOptions } from '../lib/graph/graph-client';
import { GraphClientProvider } from '../lib/graph/graph-context';
import { createTestQueryClient } from './render';

/**
 * The emulator itself as the Graph backend of a component test: no socket, the real Graph
 * answers (paging, $expand, the permission rule), a token got through its sign-in.
 */
export async function startEmulatorGraph(): Promise<Emulator> {
  return createEmulator({ bigScriptSize: 10, throttle: false });
}

async function accessTokenOf(emulator: Emulator, account: SeededAccount): Promise<string> {
  // Asked for one scope it holds: the token carries all the account holds.
  const scopes = account.graphScopes.slice(0, 1).map((scope) => `https://graph.microsoft.com/${scope}`);
  const { accessToken } = await signIn((request) => emulator.fetch(request), { upn: account.upn, scopes });
  return accessToken;
}

/** `heldAnswer` is asked when a request is sent; what it gives holds that request's answer. */
function clientOf(
  emulator: Emulator,
  accessToken: string,
  heldAnswer: () => Promise<void> | null = () => null,
  overrides: Partial<GraphClientOptions> = {},
): GraphClient {
  return createGraphClient({
    baseUrl: `${emulator.publicOrigin}/beta`,
    getToken: async () => accessToken,
    fetch: async (input, init) => {
      const held = heldAnswer();
      const response = await emulator.fetch(new Request(input, init));
      if (held !== null) await held;
      return response;
    },
    retryLimit: 0,
    // Tests see each write at once; pacing is tested on the client itself.
    writePacer: null,
    ...overrides,
  });
}

/** A client with the account's token. */
export async function emulatorGraphClient(emulator: Emulator, account: SeededAccount): Promise<GraphClient> {
  return clientOf(emulator, await accessTokenOf(emulator, account));
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

/** A Graph request as the emulator's request log recorded it (a write's body parsed). */
export interface LoggedGraphRequest {
  method: string;
  path: string;
  body?: unknown;
}

/** The emulator with given user states in one script, and what a test reads or does to it. */
export interface EmulatorBackend {
  readonly emulator: Emulator;
  /** The admin's client. */
  readonly client: GraphClient;
  /** The admin's client with other options (retries, a pacer) than `client`'s. */
  clientWith(options: Partial<GraphClientOptions>): GraphClient;
  /** Graph requests received since the rows were seeded or `clearRequests()`, oldest first. */
  readonly requests: LoggedGraphRequest[];
  clearRequests(): void;
  /** The stored row (like `/_emulator/store`). */
  userState(scriptId: string, stateId: string): UserStateData | undefined;
  /** Another admin's change, straight into the store. */
  changeUserState(scriptId: string, stateId: string, changes: Partial<Omit<UserStateData, 'id'>>): void;
  /** The next request of that method fails with that status (a fault rule). */
  failNext(method: 'GET' | 'PATCH', status: number): void;
  /** The request id the emulator gave the latest request of that method. */
  lastRequestId(method: 'GET' | 'PATCH'): string;
  /** Holds the answer to every request sent from now until the returned function is called. */
  hold(): () => void;
}

/**
 * For a test file: one in-process emulator, the admin signed in once, and a reseed before every
 * test. `seed(scriptId, rows)` makes `rows` the script's only user states (use a script seeded
 * empty, such as `EMPTY_SCRIPT_ID`, so no seeded row is lost) and returns the backend.
 */
export function emulatorBackendForEachTest(): { seed(scriptId: string, rows: UserStateData[]): EmulatorBackend } {
  let emulator: Emulator | undefined;
  let accessToken = '';
  beforeAll(async () => {
    emulator = await startEmulatorGraph();
    accessToken = await accessTokenOf(emulator, ACCOUNTS.admin);
  });
  afterAll(async () => {
    await emulator?.close();
  });
  beforeEach(async () => {
    await emulator?.reset();
  });
  return {
    seed(scriptId, rows) {
      if (emulator === undefined) throw new Error('the emulator starts in beforeAll');
      return seededBackend(emulator, accessToken, scriptId, rows);
    },
  };
}

function seededBackend(emulator: Emulator, accessToken: string, scriptId: string, rows: UserStateData[]): EmulatorBackend {
  const { store, log, faults } = emulator;
  for (const row of store.allUserStates(scriptId)) store.deleteUserState(scriptId, row.id);
  for (const row of rows) store.createUserState(scriptId, row);
  faults.clearRules();
  log.clear();
  let gate: Promise<void> | null = null;
  const graphEntries = () => log.list().filter((entry) => entry.path.startsWith('/beta/') && !entry.path.startsWith('/beta/$batch'));
  return {
    emulator,
    client: clientOf(emulator, accessToken, () => gate),
    clientWith: (options) => clientOf(emulator, accessToken, () => gate, options),
    get requests() {
      return graphEntries().map(({ method, path, body }) =>
        body === undefined ? { method, path } : { method, path, body: JSON.parse(body) as unknown },
      );
    },
    clearRequests: () => log.clear(),
    userState: (id, stateId) => {
      const row = store.getUserState(id, stateId);
      return row === undefined ? undefined : publicUserState(row);
    },
    changeUserState: (id, stateId, changes) => {
      store.patchUserState(id, stateId, changes);
    },
    failNext: (method, status) => {
      faults.setRules([...faults.getRules(), ...parseRules({ rules: [{ method, path: '/beta/', status }] })]);
    },
    lastRequestId: (method) => {
      const entry = graphEntries().findLast((candidate) => candidate.method === method);
      if (entry === undefined) throw new Error(`no ${method} request was logged`);
      return entry.requestId;
    },
    hold: () => {
      let release = () => {};
      gate = new Promise<void>((resolve) => {
        release = () => {
          gate = null;
          resolve();
        };
      });
      return release;
    },
  };
}

/** Rows `state-1` … with UPNs `user1@contoso.com` …, and counts that differ from row to row. */
export function makeUserStates(count: number, prefix = 'user'): UserStateData[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `state-${index + 1}`,
    userPrincipalName: `${prefix}${index + 1}@contoso.com`,
    successDeviceCount: index % 7,
    errorDeviceCount: index % 3,
  }));
}
