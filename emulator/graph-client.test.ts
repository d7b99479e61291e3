import {
  BatchResponseContent,
  Client,
  CustomAuthenticationProvider,
  MiddlewareFactory,
  PageIterator,
  type Context,
  type Middleware,
  type PageCollection,
} from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from './app.ts';
import { ACCOUNTS, KNOWN_USER_STATES, MAC_SHELL_PAGED_SCRIPT_ID, MAIN_SCRIPT_ID, PAGED_SCRIPT_ID } from './constants.ts';
import type { RetryComplianceReport } from './faults/request-log.ts';
import { startServer, type RunningServer } from './server.ts';
import { freePort } from './testing/free-port.ts';
import { signIn } from './testing/sign-in.ts';

// Microsoft's own Graph client, over a real socket, against the emulator.
let emulator: Emulator;
let server: RunningServer;
let client: Client;
let publicOrigin: string;

beforeAll(async () => {
  const port = await freePort();
  publicOrigin = `https://localhost:${port}`;
  emulator = await createEmulator({ port, publicOrigin, bigScriptSize: 0, throttle: false });
  server = await startServer(emulator, { port });
  const token = (await signIn((request) => fetch(request), { upn: ACCOUNTS.admin.upn, origin: server.origin })).accessToken;
  // The SDK treats only https URLs as absolute Graph URLs (it adds the token and follows
  // nextLinks only for https hosts), so the emulator is given an https public origin — as if a
  // TLS-terminating proxy stood in front — and one middleware before the SDK's HTTP handler plays
  // that proxy, sending the request to the plain-http loopback port. Everything else is the SDK's
  // default chain: AuthenticationHandler with customHosts, RetryHandler, RedirectHandler, TelemetryHandler.
  const chain = MiddlewareFactory.getDefaultMiddlewareChain(new CustomAuthenticationProvider((done) => done(null, token)));
  const tlsTerminator: Middleware & { next?: Middleware } = {
    async execute(context: Context): Promise<void> {
      if (typeof context.request === 'string') context.request = context.request.replace(publicOrigin, server.origin);
      await tlsTerminator.next?.execute(context);
    },
    setNext(next: Middleware): void {
      tlsTerminator.next = next;
    },
  };
  chain.splice(chain.length - 1, 0, tlsTerminator);
  client = Client.initWithMiddleware({ middleware: chain, baseUrl: publicOrigin, defaultVersion: 'beta', customHosts: new Set(['localhost']) });
});
afterAll(async () => {
  await server.close();
  await emulator.close();
});

describe('@microsoft/microsoft-graph-client', () => {
  it('walks a 1,250-row collection with PageIterator', async () => {
    const first = (await client.api(`/deviceManagement/deviceManagementScripts/${PAGED_SCRIPT_ID}/userRunStates`).top(500).get()) as PageCollection;
    const ids: string[] = [];
    const iterator = new PageIterator(client, first, (row: { id: string }) => {
      ids.push(row.id);
      return true;
    });
    await iterator.iterate();
    expect(ids).toHaveLength(1250);
    expect(new Set(ids).size).toBe(1250);
    const pages = emulator.log.list().filter((e) => e.path.includes(`${PAGED_SCRIPT_ID}/userRunStates`));
    expect(pages).toHaveLength(3);
  });

  it('walks a macOS script’s device states with their devices expanded, with PageIterator', async () => {
    emulator.log.clear();
    const path = `/deviceManagement/deviceShellScripts/${MAC_SHELL_PAGED_SCRIPT_ID}/deviceRunStates`;
    const first = (await client.api(path).top(500).count(true).expand('managedDevice($select=deviceName,operatingSystem,osVersion)').get()) as PageCollection & { '@odata.count': number };
    const rows: { id: string; runState: string; managedDevice: { deviceName: string; operatingSystem: string } }[] = [];
    const iterator = new PageIterator(client, first, (row: (typeof rows)[number]) => {
      rows.push(row);
      return true;
    });
    await iterator.iterate();
    const total = first['@odata.count'];
    expect(total).toBeGreaterThan(1500);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.id)).size).toBe(total);
    expect(rows.every((r) => r.managedDevice.operatingSystem === 'macOS' && r.managedDevice.deviceName.length > 0)).toBe(true);
    const pages = emulator.log.list().filter((e) => e.path.includes(path));
    expect(pages).toHaveLength(Math.ceil(total / 500));
  });

  it('recovers from an injected 429 by honouring Retry-After (RetryHandler)', async () => {
    emulator.log.clear();
    emulator.faults.setRules([{ method: 'PATCH', status: 429, retryAfter: 1, times: 1, skip: 0, applied: 0 }]);
    const started = Date.now();
    const updated = (await client
      .api(`/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates/${KNOWN_USER_STATES.first.id}`)
      .patch({ successDeviceCount: 11 })) as { successDeviceCount: number };
    expect(updated.successDeviceCount).toBe(11);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const report = (await (await fetch(`${server.origin}/_emulator/retry-compliance`)).json()) as RetryComplianceReport;
    expect(report.summary).toMatchObject({ withRetryAfter: 1, retried: 1, compliant: 1, violations: 0 });
    expect(emulator.store.getUserState(MAIN_SCRIPT_ID, KNOWN_USER_STATES.first.id)?.successDeviceCount).toBe(11);
  });

  it('sends a $batch and reads it with BatchResponseContent', async () => {
    const base = `/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates`;
    const answer = (await client.api('/$batch').post({
      requests: [
        { id: '1', method: 'PATCH', url: `${base}/${KNOWN_USER_STATES.second.id}`, headers: { 'Content-Type': 'application/json' }, body: { errorDeviceCount: 0 } },
        { id: '2', method: 'GET', url: `${base}/${KNOWN_USER_STATES.second.id}`, dependsOn: ['1'] },
      ],
    })) as { responses: { id: string; status: number; body: unknown; headers: Record<string, string> }[] };
    const content = new BatchResponseContent(answer);
    const second = content.getResponseById('2');
    expect(second.status).toBe(200);
    expect(((await second.json()) as { errorDeviceCount: number }).errorDeviceCount).toBe(0);
    expect(content.getResponseById('1').status).toBe(200);
  });

  it('surfaces Graph errors as GraphError with status and code', async () => {
    await expect(client.api(`/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates/nope`).get()).rejects.toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
  });
});
