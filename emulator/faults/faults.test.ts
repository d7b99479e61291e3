import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../app.ts';
import { ACCOUNTS, KNOWN_USER_STATES, MAIN_SCRIPT_ID } from '../constants.ts';
import type { RetryComplianceReport } from './request-log.ts';
import { signIn } from '../testing/sign-in.ts';
import { useSignedInEmulator } from '../testing/signed-in-emulator.ts';

const O = 'http://localhost:5174';
const STATES = `${O}/beta/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates`;
const ONE = `${STATES}/${KNOWN_USER_STATES.first.id}`;
let emulator: Emulator;
let token: string;

useSignedInEmulator((created, adminToken) => {
  emulator = created;
  token = adminToken;
});

function get(url: string, headers: Record<string, string> = {}, t = token): Promise<Response> {
  return emulator.fetch(new Request(url, { headers: { Authorization: `Bearer ${t}`, ...headers } }));
}

function patch(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return emulator.fetch(new Request(ONE, { method: 'PATCH', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) }));
}

function admin(path: string, method = 'GET', body?: unknown): Promise<Response> {
  return emulator.fetch(new Request(`${O}/_emulator${path}`, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) }));
}

describe('x-emulator-fault header', () => {
  it.each([
    ['429', 429, '1', 'TooManyRequests'],
    ['429;retry-after=0', 429, '0', 'TooManyRequests'],
    ['429;retry-after=none', 429, null, 'TooManyRequests'],
    ['503;retry-after=2', 503, '2', 'ServiceUnavailable'],
    ['500', 500, null, 'InternalServerError'],
    ['502', 502, null, 'BadGateway'],
    ['504', 504, null, 'GatewayTimeout'],
  ])('%s', async (header, status, retryAfter, code) => {
    const response = await get(STATES, { 'x-emulator-fault': header });
    expect(response.status).toBe(status);
    expect(response.headers.get('Retry-After')).toBe(retryAfter);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('a faulted PATCH stores nothing', async () => {
    expect((await patch({ successDeviceCount: 4 }, { 'x-emulator-fault': '503' })).status).toBe(503);
    expect(emulator.store.getUserState(MAIN_SCRIPT_ID, KNOWN_USER_STATES.first.id)?.successDeviceCount).toBe(KNOWN_USER_STATES.first.successDeviceCount);
  });

  it('adds latency', async () => {
    const started = performance.now();
    expect((await get(STATES, { 'x-emulator-fault': 'latency=150' })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('does not apply a write whose client gave up during the added latency', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const request = new Request(ONE, {
      method: 'PATCH',
      signal: controller.signal,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'x-emulator-fault': 'latency=5000' },
      body: JSON.stringify({ successDeviceCount: 77 }),
    });
    await expect(emulator.fetch(request)).rejects.toThrow();
    expect(emulator.store.getUserState(MAIN_SCRIPT_ID, KNOWN_USER_STATES.first.id)?.successDeviceCount).toBe(KNOWN_USER_STATES.first.successDeviceCount);
    expect(emulator.log.list().at(-1)).toMatchObject({ status: null, fault: 'header:latency=5000;client-aborted' });
  });

  it('drops the connection (the in-process fetch rejects)', async () => {
    await expect(get(STATES, { 'x-emulator-fault': 'drop' })).rejects.toThrow(TypeError);
    expect(emulator.log.list().at(-1)).toMatchObject({ status: null, fault: 'header:drop' });
  });

  it('expired-token answers 401 as an expired token would', async () => {
    const response = await get(STATES, { 'x-emulator-fault': 'expired-token' });
    expect(response.status).toBe(401);
    expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer /);
  });

  it('refuses a malformed fault header', async () => {
    expect((await get(STATES, { 'x-emulator-fault': 'explode' })).status).toBe(400);
  });
});

describe('fault rules', () => {
  it('applies rules in order, honouring method, path, times and skip', async () => {
    const put = await admin('/faults', 'PUT', {
      rules: [
        { method: 'PATCH', path: '/userRunStates/', status: 429, retryAfter: 0, times: 2, skip: 1 },
        { pathRegex: 'deviceManagementScripts$', status: 500 },
      ],
    });
    expect(put.status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await patch({ successDeviceCount: i })).status);
    expect(statuses).toEqual([200, 429, 429, 200]);
    expect((await get(STATES)).status).toBe(200);
    expect((await get(`${O}/beta/deviceManagement/deviceManagementScripts`)).status).toBe(500);
    expect((await get(`${O}/beta/deviceManagement/deviceManagementScripts`)).status).toBe(200);
    const listed = (await (await admin('/faults')).json()) as { rules: { applied: number }[] };
    expect(listed.rules.map((r) => r.applied)).toEqual([2, 1]);
    await admin('/faults', 'DELETE');
    expect(((await (await admin('/faults')).json()) as { rules: unknown[] }).rules).toEqual([]);
  });

  it('times: null faults every match; drop, latency and expiredToken rules work', async () => {
    await admin('/faults', 'PUT', { rules: [{ path: '/runSummary', status: 502, times: null }, { path: '$top=3', expiredToken: true }, { path: '$top=4', drop: true }] });
    for (let i = 0; i < 3; i += 1) expect((await get(`${O}/beta/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/runSummary`)).status).toBe(502);
    expect((await get(`${STATES}?$top=3`)).status).toBe(401);
    await expect(get(`${STATES}?$top=4`)).rejects.toThrow();
  });

  it('rejects invalid rules', async () => {
    expect((await admin('/faults', 'PUT', { rules: [{ status: 200 }] })).status).toBe(400);
    expect((await admin('/faults', 'PUT', { rules: [{ path: 'x' }] })).status).toBe(400);
    expect((await admin('/faults', 'PUT', { rules: [{ status: 500, colour: 'red' }] })).status).toBe(400);
    expect((await admin('/faults', 'PUT', { nope: 1 })).status).toBe(400);
  });

  it('can fault the identity endpoints too', async () => {
    await admin('/faults', 'PUT', { rules: [{ path: '/oauth2/v2.0/token', status: 503, retryAfter: 3 }] });
    await expect(signIn((r) => emulator.fetch(r), { upn: ACCOUNTS.admin.upn })).rejects.toThrow(/503/);
  });
});

describe('random faults', () => {
  async function run(seed: number): Promise<number[]> {
    const e = await createEmulator({ bigScriptSize: 0, throttle: false, faults: { rate: 0.5, statuses: [500, 503], seed } });
    const t = (await signIn((r) => e.fetch(r), { upn: ACCOUNTS.admin.upn })).accessToken;
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) statuses.push((await e.fetch(new Request(STATES, { headers: { Authorization: `Bearer ${t}` } }))).status);
    await e.close();
    return statuses;
  }

  it('is reproducible with a seed', async () => {
    const a = await run(7);
    expect(a).toEqual(await run(7));
    expect(a).not.toEqual(await run(8));
    expect(a.filter((s) => s !== 200).length).toBeGreaterThan(5);
    expect(new Set(a)).toEqual(new Set([200, 500, 503]));
  });

  it('can be switched on and off at run time', async () => {
    const on = await admin('/config', 'POST', { faults: { rate: 1, statuses: [504] } });
    expect(on.status).toBe(200);
    expect((await get(STATES)).status).toBe(504);
    await admin('/config', 'POST', { faults: null });
    expect((await get(STATES)).status).toBe(200);
  });
});

describe('request log and retry compliance', () => {
  it('logs method, path, status, client-request-id, fault and Retry-After', async () => {
    await get(`${STATES}?$top=2`, { 'client-request-id': 'crid-1', 'x-emulator-fault': '429;retry-after=3' });
    const body = (await (await admin('/requests')).json()) as { value: Record<string, unknown>[] };
    expect(body.value.at(-1)).toMatchObject({ method: 'GET', path: `/beta/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates?$top=2`, status: 429, clientRequestId: 'crid-1', fault: 'header:429;retry-after=3', retryAfter: 3 });
    expect((await admin('/requests', 'DELETE')).status).toBe(204);
    expect(((await (await admin('/requests')).json()) as { value: unknown[] }).value).toEqual([]);
  });

  it('reports whether clients waited Retry-After', async () => {
    await admin('/faults', 'PUT', { rules: [{ method: 'PATCH', status: 429, retryAfter: 0 }, { method: 'GET', path: '$top=7', status: 503, retryAfter: 1 }] });
    // A compliant retry (Retry-After: 0) with the same client-request-id.
    expect((await patch({ successDeviceCount: 1 }, { 'client-request-id': 'same' })).status).toBe(429);
    expect((await patch({ successDeviceCount: 1 }, { 'client-request-id': 'same' })).status).toBe(200);
    // An impatient retry, matched by method and path.
    expect((await get(`${STATES}?$top=7`)).status).toBe(503);
    expect((await get(`${STATES}?$top=7`)).status).toBe(200);
    const report = (await (await admin('/retry-compliance')).json()) as RetryComplianceReport;
    expect(report.summary).toEqual({ withRetryAfter: 2, retried: 2, compliant: 1, violations: 1, notRetried: 0 });
    expect(report.entries[0]).toMatchObject({ matchedBy: 'client-request-id', compliant: true, retryAfterSeconds: 0 });
    expect(report.entries[1]).toMatchObject({ matchedBy: 'method+path', compliant: false, retryAfterSeconds: 1 });
  });
});

describe('throttling', () => {
  it('throttles writes at the configured limit while reads pass, with Retry-After and RateLimit headers', async () => {
    const e = await createEmulator({ bigScriptSize: 0, throttle: { writesPerApp: 3, writesPerTenant: 6, windowSeconds: 20 } });
    const t = (await signIn((r) => e.fetch(r), { upn: ACCOUNTS.admin.upn })).accessToken;
    const write = (): Promise<Response> => e.fetch(new Request(ONE, { method: 'PATCH', headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' }, body: '{"errorDeviceCount":1}' }));
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i += 1) {
      last = await write();
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(last?.headers.get('Retry-After'))).toBeGreaterThanOrEqual(19);
    expect(last?.headers.get('RateLimit-Remaining')).toBe('0');
    expect(((await last?.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
    const read = await e.fetch(new Request(STATES, { headers: { Authorization: `Bearer ${t}` } }));
    expect(read.status).toBe(200);
    expect(read.headers.get('RateLimit-Limit')).toBe('2000');
    // Switched off at run time.
    await e.fetch(new Request(`${O}/_emulator/config`, { method: 'POST', body: JSON.stringify({ throttle: false }) }));
    expect((await write()).status).toBe(200);
    await e.close();
  });

  it('uses Intune limits by default and can change them at run time', async () => {
    const e = await createEmulator({ bigScriptSize: 0 });
    expect(e.config().throttle).toEqual({ windowSeconds: 20, writesPerApp: 200, writesPerTenant: 400, requestsPerApp: 2000, requestsPerTenant: 4000 });
    const response = await e.fetch(new Request(`${O}/_emulator/config`, { method: 'POST', body: JSON.stringify({ writeLimit: 10, tokenLifetimeSeconds: 60 }) }));
    expect(await response.json()).toMatchObject({ throttle: { writesPerApp: 10, writesPerTenant: 20 }, tokenLifetimeSeconds: 60 });
    expect((await e.fetch(new Request(`${O}/_emulator/config`, { method: 'POST', body: JSON.stringify({ bogus: 1 }) }))).status).toBe(400);
    await e.close();
  });
});

describe('admin store reads and reset', () => {
  it('reads and counts user states without auth, and reset reseeds', async () => {
    expect((await patch({ successDeviceCount: 42 })).status).toBe(200);
    const one = await admin(`/store/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates/${KNOWN_USER_STATES.first.id}`);
    expect(await one.json()).toEqual({ ...KNOWN_USER_STATES.first, successDeviceCount: 42 });
    expect((await admin(`/store/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates/nope`)).status).toBe(404);
    expect(await (await admin(`/store/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates?countOnly=true`)).json()).toEqual({ count: 40 });
    const reset = await admin('/reset', 'POST', { bigScriptSize: 25 });
    expect(await reset.json()).toEqual({ reset: true, bigScriptSize: 25 });
    expect(await (await admin(`/store/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates/${KNOWN_USER_STATES.first.id}`)).json()).toEqual(KNOWN_USER_STATES.first);
    const scripts = (await (await admin('/store/deviceManagementScripts')).json()) as { value: { userStateCount: number }[] };
    expect(scripts.value[1]?.userStateCount).toBe(25);
  });
});
