import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../app.ts';
import { ACCOUNTS, KNOWN_USER_STATES, MAIN_SCRIPT_ID } from '../constants.ts';
import type { RetryComplianceReport } from '../faults/request-log.ts';
import { signIn } from '../testing/sign-in.ts';
import { useSignedInEmulator } from '../testing/signed-in-emulator.ts';

const O = 'http://localhost:5174';
const STATES = `/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates`;
let emulator: Emulator;
let token: string;

interface BatchAnswer {
  responses: { id: string; status: number; headers: Record<string, string>; body?: { error?: { code: string }; successDeviceCount?: number; value?: unknown[] } }[];
}

useSignedInEmulator((created, adminToken) => {
  emulator = created;
  token = adminToken;
});

function batch(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return emulator.fetch(
    new Request(`${O}/beta/$batch`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) }),
  );
}

async function answers(body: unknown): Promise<BatchAnswer['responses']> {
  const response = await batch(body);
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as BatchAnswer).responses;
}

/** An emulator with a low write limit, and a token for it. */
async function throttled(writesPerApp: number): Promise<{ limited: Emulator; t: string }> {
  const limited = await createEmulator({ bigScriptSize: 0, throttle: { writesPerApp, writesPerTenant: 100 } });
  const t = (await signIn((r) => limited.fetch(r), { upn: ACCOUNTS.admin.upn })).accessToken;
  return { limited, t };
}

function batchOn(target: Emulator, t: string, requests: unknown[]): Promise<Response> {
  return target.fetch(new Request(`${O}/beta/$batch`, { method: 'POST', headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ requests }) }));
}

function patchOf(id: string, userStateId: string, successDeviceCount: number): object {
  return { id, method: 'PATCH', url: `${STATES}/${userStateId}`, headers: { 'Content-Type': 'application/json' }, body: { successDeviceCount } };
}

describe('$batch', () => {
  it('runs reads and writes, each answered on its own', async () => {
    const responses = await answers({
      requests: [
        { id: '1', method: 'PATCH', url: `${STATES}/${KNOWN_USER_STATES.first.id}`, headers: { 'Content-Type': 'application/json' }, body: { successDeviceCount: 3 } },
        { id: '2', method: 'GET', url: `${STATES}/${KNOWN_USER_STATES.first.id}`, dependsOn: ['1'] },
        { id: '3', method: 'GET', url: `${STATES}/does-not-exist` },
        { id: '4', method: 'GET', url: `deviceManagement/deviceManagementScripts?$top=2` },
      ],
    });
    const byId = new Map(responses.map((r) => [r.id, r]));
    expect(byId.get('1')).toMatchObject({ status: 200, body: { successDeviceCount: 3 } });
    expect(byId.get('2')).toMatchObject({ status: 200, body: { successDeviceCount: 3 } });
    expect(byId.get('3')).toMatchObject({ status: 404, body: { error: { code: 'ResourceNotFound' } } });
    expect(byId.get('4')?.body?.value).toHaveLength(2);
    expect(byId.get('1')?.headers['Content-Type']).toMatch(/application\/json/);
    expect(emulator.store.getUserState(MAIN_SCRIPT_ID, KNOWN_USER_STATES.first.id)?.successDeviceCount).toBe(3);
  });

  it('answers 424 when a dependency failed, and runs nothing that depends on it', async () => {
    const responses = await answers({
      requests: [
        { id: 'a', method: 'PATCH', url: `${STATES}/${KNOWN_USER_STATES.first.id}`, headers: { 'Content-Type': 'application/json' }, body: { successDeviceCount: -1 } },
        { id: 'b', method: 'PATCH', url: `${STATES}/${KNOWN_USER_STATES.second.id}`, headers: { 'Content-Type': 'application/json' }, body: { successDeviceCount: 7 }, dependsOn: ['a'] },
      ],
    });
    expect(responses.find((r) => r.id === 'a')?.status).toBe(400);
    expect(responses.find((r) => r.id === 'b')).toMatchObject({ status: 424, body: { error: { code: 'FailedDependency' } } });
    expect(emulator.store.getUserState(MAIN_SCRIPT_ID, KNOWN_USER_STATES.second.id)?.successDeviceCount).toBe(KNOWN_USER_STATES.second.successDeviceCount);
  });

  it.each([
    ['more than 20 requests', { requests: Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: STATES })) }],
    ['duplicate ids', { requests: [{ id: '1', method: 'GET', url: STATES }, { id: '1', method: 'GET', url: STATES }] }],
    ['an absolute url', { requests: [{ id: '1', method: 'GET', url: `https://graph.microsoft.com/beta${STATES}` }] }],
    ['a body without Content-Type', { requests: [{ id: '1', method: 'PATCH', url: `${STATES}/${KNOWN_USER_STATES.first.id}`, body: { successDeviceCount: 1 } }] }],
    ['an unknown dependency', { requests: [{ id: '1', method: 'GET', url: STATES, dependsOn: ['9'] }] }],
    ['a dependency cycle', { requests: [{ id: '1', method: 'GET', url: STATES, dependsOn: ['2'] }, { id: '2', method: 'GET', url: STATES, dependsOn: ['1'] }] }],
    ['no requests array', { nope: [] }],
  ])('refuses %s with 400', async (_name, body) => {
    const response = await batch(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('BadRequest');
  });

  it('needs a token on the batch itself', async () => {
    const response = await emulator.fetch(new Request(`${O}/beta/$batch`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ requests: [] }) }));
    expect(response.status).toBe(401);
  });

  it('throttles each inner request on its own, with Retry-After inside', async () => {
    const limited = await createEmulator({ bigScriptSize: 0, throttle: { writesPerApp: 3, writesPerTenant: 100 } });
    const t = (await signIn((r) => limited.fetch(r), { upn: ACCOUNTS.admin.upn })).accessToken;
    const requests = Array.from({ length: 5 }, (_, i) => ({
      id: String(i + 1),
      method: 'PATCH',
      url: `${STATES}/${KNOWN_USER_STATES.first.id}`,
      headers: { 'Content-Type': 'application/json' },
      body: { successDeviceCount: i },
    }));
    const read = { id: 'r', method: 'GET', url: STATES };
    const response = await limited.fetch(new Request(`${O}/beta/$batch`, { method: 'POST', headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ requests: [...requests, read] }) }));
    const body = (await response.json()) as BatchAnswer;
    expect(body.responses.map((r) => r.status)).toEqual([200, 200, 200, 429, 429, 200]);
    expect(Number(body.responses[3]?.headers['Retry-After'])).toBeGreaterThan(0);
    expect(limited.store.getUserState(MAIN_SCRIPT_ID, KNOWN_USER_STATES.first.id)?.successDeviceCount).toBe(2);
    await limited.close();
  });

  it('applies faults to inner requests (header and rules) on their own', async () => {
    await emulator.fetch(new Request(`${O}/_emulator/faults`, { method: 'PUT', body: JSON.stringify({ rules: [{ path: `/userRunStates/${KNOWN_USER_STATES.second.id}`, status: 503, retryAfter: 2 }] }) }));
    const responses = await answers({
      requests: [
        { id: '1', method: 'GET', url: `${STATES}/${KNOWN_USER_STATES.first.id}`, headers: { 'x-emulator-fault': '500' } },
        { id: '2', method: 'GET', url: `${STATES}/${KNOWN_USER_STATES.second.id}` },
        { id: '3', method: 'GET', url: `${STATES}/${KNOWN_USER_STATES.third.id}` },
      ],
    });
    expect(responses.map((r) => r.status)).toEqual([500, 503, 200]);
    expect(responses[1]?.headers['Retry-After']).toBe('2');
    const log = emulator.log.list();
    expect(log.filter((e) => e.batch).map((e) => e.status)).toEqual([500, 503, 200]);
  });

  it('logs each inner request under its batch, one over the write limit with its own 429 and Retry-After', async () => {
    const { limited, t } = await throttled(2);
    const { first, second, third } = KNOWN_USER_STATES;
    const response = await batchOn(limited, t, [patchOf('1', first.id, 4), patchOf('2', second.id, 5), patchOf('3', third.id, 6), { id: '4', method: 'GET', url: `${STATES}/${first.id}` }]);
    const body = (await response.json()) as BatchAnswer;
    expect(body.responses.map((r) => r.status)).toEqual([200, 200, 429, 200]);
    const batchId = response.headers.get('request-id');
    const log = limited.log.list();
    const outer = log.filter((e) => !e.batch && e.path === '/beta/$batch');
    expect(outer).toHaveLength(1);
    expect(outer[0]).toMatchObject({ method: 'POST', status: 200, fault: null, retryAfter: null, requestId: batchId });
    const inner = log.filter((e) => e.batch);
    expect(inner.map((e) => [e.batch?.requestId, e.batch?.id, e.method, e.path, e.status, e.fault])).toEqual([
      [batchId, '1', 'PATCH', `/beta${STATES}/${first.id}`, 200, null],
      [batchId, '2', 'PATCH', `/beta${STATES}/${second.id}`, 200, null],
      [batchId, '3', 'PATCH', `/beta${STATES}/${third.id}`, 429, 'throttle'],
      [batchId, '4', 'GET', `/beta${STATES}/${first.id}`, 200, null],
    ]);
    expect(inner[2]?.retryAfter).toBeGreaterThan(0);
    expect(inner[2]?.retryAfter).toBe(Number(body.responses[2]?.headers['Retry-After']));
    expect(inner[2]?.body).toBe(JSON.stringify({ successDeviceCount: 6 }));
    expect(inner.filter((e) => e.batch?.id !== '3').map((e) => e.retryAfter)).toEqual([null, null, null]);
    expect(limited.store.getUserState(MAIN_SCRIPT_ID, second.id)?.successDeviceCount).toBe(5);
    expect(limited.store.getUserState(MAIN_SCRIPT_ID, third.id)?.successDeviceCount).toBe(third.successDeviceCount);
    await limited.close();
  });

  it('reports throttled inner requests in retry compliance, never taking a request of the same batch for their retry', async () => {
    const { limited, t } = await throttled(1);
    const id = KNOWN_USER_STATES.first.id;
    const report = async (): Promise<RetryComplianceReport> => (await (await limited.fetch(new Request(`${O}/_emulator/retry-compliance`))).json()) as RetryComplianceReport;

    const sent = await batchOn(limited, t, [patchOf('1', id, 1), patchOf('2', id, 2), patchOf('3', id, 3)]);
    expect(((await sent.json()) as BatchAnswer).responses.map((r) => r.status)).toEqual([200, 429, 429]);
    const sentId = sent.headers.get('request-id') ?? '';
    const before = await report();
    expect(before.summary).toEqual({ withRetryAfter: 2, retried: 0, compliant: 0, violations: 0, notRetried: 2 });
    expect(before.entries.map((e) => [e.batch, e.method, e.path, e.status])).toEqual([
      [{ requestId: sentId, id: '2' }, 'PATCH', `/beta${STATES}/${id}`, 429],
      [{ requestId: sentId, id: '3' }, 'PATCH', `/beta${STATES}/${id}`, 429],
    ]);

    // Sent again at once in a new batch: a retry that did not wait for Retry-After.
    const again = await batchOn(limited, t, [patchOf('r', id, 2)]);
    expect(((await again.json()) as BatchAnswer).responses.map((r) => r.status)).toEqual([429]);
    const retry = limited.log.list().find((e) => e.batch?.requestId === again.headers.get('request-id'));
    const after = await report();
    expect(after.summary).toEqual({ withRetryAfter: 3, retried: 2, compliant: 0, violations: 2, notRetried: 1 });
    expect(after.entries.slice(0, 2).map((e) => [e.matchedBy, e.retryRequestId, e.compliant])).toEqual([
      ['method+path', retry?.requestId, false],
      ['method+path', retry?.requestId, false],
    ]);
    await limited.close();
  });
});
