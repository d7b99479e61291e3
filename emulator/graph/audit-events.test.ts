import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../app.ts';
import {
  ACCOUNTS,
  AUDIT_HISTORY_ACTOR,
  AUDIT_HISTORY_USER_STATES,
  AUDIT_SCOPES,
  CLIENT_DISPLAY_NAME,
  CLIENT_ID,
  KNOWN_USER_STATES,
  MAC_ATTRIBUTE_SCRIPT_ID,
  MAC_SHELL_SCRIPT_ID,
  MAC_SHELL_USER_STATES,
  MAIN_SCRIPT_ID,
  MEDIUM_SCRIPT_ID,
  SCOPES,
} from '../constants.ts';
import type { AuditEventRecord } from '../store/audit-log.ts';
import { signIn } from '../testing/sign-in.ts';
import { useSignedInEmulator } from '../testing/signed-in-emulator.ts';

const O = 'http://localhost:5174';
const STATES = `/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates`;
const AUDIT = '/deviceManagement/auditEvents';
let emulator: Emulator;
let token: string;

useSignedInEmulator((created, adminToken) => {
  emulator = created;
  token = adminToken;
});

interface AuditPage {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
  value: AuditEventRecord[];
}

function call(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; t?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { Authorization: `Bearer ${options.t ?? token}`, ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const url = path.startsWith('http') ? path : `${O}/beta${path}`;
  return emulator.fetch(new Request(url, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) }));
}

async function page(path: string, t?: string): Promise<AuditPage> {
  const response = await call('GET', path, t ? { t } : {});
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as AuditPage;
}

/** Every event, following nextLink. */
async function all(query = ''): Promise<AuditEventRecord[]> {
  const out: AuditEventRecord[] = [];
  let next: string | undefined = `${AUDIT}${query}`;
  while (next) {
    const body = await page(next);
    out.push(...body.value);
    next = body['@odata.nextLink'];
  }
  return out;
}

async function newest(): Promise<AuditEventRecord> {
  const [first] = (await page(`${AUDIT}?$top=1`)).value;
  if (!first) throw new Error('no audit event');
  return first;
}

async function tokenFor(body: object): Promise<string> {
  const response = await emulator.fetch(new Request(`${O}/_emulator/tokens`, { method: 'POST', body: JSON.stringify(body) }));
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('audit events of writes', () => {
  it('a PATCH logs who, how, the correlation id and only the properties that changed', async () => {
    const state = KNOWN_USER_STATES.first;
    const response = await call('PATCH', `${STATES}/${state.id}`, {
      body: { successDeviceCount: state.successDeviceCount, errorDeviceCount: state.errorDeviceCount + 3 },
      headers: { 'client-request-id': 'c0ffee00-0000-4000-8000-000000000001' },
    });
    expect(response.status).toBe(200);
    const event = await newest();
    expect(event).toMatchObject({
      '@odata.type': '#microsoft.graph.auditEvent',
      displayName: 'Patch DeviceManagementScriptUserState',
      componentName: 'DeviceConfiguration',
      activity: 'Patch DeviceManagementScriptUserState',
      activityType: 'Patch DeviceManagementScriptUserState',
      activityOperationType: 'Patch',
      activityResult: 'Success',
      category: 'DeviceConfiguration',
      correlationId: 'c0ffee00-0000-4000-8000-000000000001',
      actor: {
        type: 'ItPro',
        userPrincipalName: ACCOUNTS.admin.upn,
        userId: ACCOUNTS.admin.oid,
        applicationId: CLIENT_ID,
        applicationDisplayName: CLIENT_DISPLAY_NAME,
        ipAddress: '127.0.0.1',
      },
    });
    expect(Math.abs(Date.parse(event.activityDateTime) - Date.now())).toBeLessThan(10_000);
    expect(event.resources).toHaveLength(1);
    expect(event.resources[0]).toMatchObject({ resourceId: state.id, displayName: state.userPrincipalName, type: 'DeviceManagementScriptUserState', auditResourceType: 'DeviceManagementScriptUserState' });
    expect(event.resources[0]?.modifiedProperties.map(({ displayName, oldValue, newValue }) => ({ displayName, oldValue, newValue }))).toEqual([
      { displayName: 'errorDeviceCount', oldValue: String(state.errorDeviceCount), newValue: String(state.errorDeviceCount + 3) },
    ]);
  });

  it('a PATCH that changes nothing is logged with no modified properties', async () => {
    const state = KNOWN_USER_STATES.second;
    const before = emulator.store.audit.size;
    // The same values again, and a body that names no property at all.
    for (const [body, clientRequestId] of [
      [{ successDeviceCount: state.successDeviceCount }, 'same-values'],
      [{ id: state.id }, 'no-properties'],
    ] as const) {
      expect((await call('PATCH', `${STATES}/${state.id}`, { body, headers: { 'client-request-id': clientRequestId } })).status).toBe(200);
      const event = await newest();
      expect(event.correlationId).toBe(clientRequestId);
      expect(event.activityOperationType).toBe('Patch');
      expect(event.resources[0]?.resourceId).toBe(state.id);
      expect(event.resources[0]?.modifiedProperties).toEqual([]);
    }
    expect(emulator.store.audit.size).toBe(before + 2);
  });

  it('a POST logs a Create with every property from null', async () => {
    const response = await call('POST', STATES, { body: { userPrincipalName: 'new.user@contoso.onmicrosoft.com', errorDeviceCount: 2 }, headers: { 'client-request-id': 'create-1' } });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string };
    const event = await newest();
    expect(event).toMatchObject({ activityOperationType: 'Create', activityType: 'Create DeviceManagementScriptUserState', correlationId: 'create-1' });
    expect(event.resources[0]?.resourceId).toBe(created.id);
    expect(event.resources[0]?.modifiedProperties.map(({ displayName, oldValue, newValue }) => ({ displayName, oldValue, newValue }))).toEqual([
      { displayName: 'userPrincipalName', oldValue: null, newValue: 'new.user@contoso.onmicrosoft.com' },
      { displayName: 'successDeviceCount', oldValue: null, newValue: '0' },
      { displayName: 'errorDeviceCount', oldValue: null, newValue: '2' },
    ]);
  });

  it('a DELETE logs a Delete with every property to null', async () => {
    const state = KNOWN_USER_STATES.third;
    expect((await call('DELETE', `${STATES}/${state.id}`, { headers: { 'client-request-id': 'delete-1' } })).status).toBe(204);
    const event = await newest();
    expect(event).toMatchObject({ activityOperationType: 'Delete', activityType: 'Delete DeviceManagementScriptUserState', correlationId: 'delete-1' });
    expect(event.resources[0]).toMatchObject({ resourceId: state.id, displayName: state.userPrincipalName });
    expect(event.resources[0]?.modifiedProperties.map((p) => [p.displayName, p.oldValue, p.newValue])).toEqual([
      ['userPrincipalName', state.userPrincipalName, null],
      ['successDeviceCount', String(state.successDeviceCount), null],
      ['errorDeviceCount', String(state.errorDeviceCount), null],
    ]);
  });

  it('inside $batch, each write is logged with its inner client-request-id, and a refused one is not', async () => {
    const a = KNOWN_USER_STATES.first;
    const b = KNOWN_USER_STATES.second;
    const before = emulator.store.audit.size;
    const patch = (id: string, userStateId: string, body: object, clientRequestId: string): object => ({
      id,
      method: 'PATCH',
      url: `${STATES}/${userStateId}`,
      headers: { 'Content-Type': 'application/json', 'client-request-id': clientRequestId },
      body,
    });
    const response = await call('POST', '/$batch', {
      body: { requests: [patch('1', a.id, { successDeviceCount: 41 }, 'inner-a'), patch('2', b.id, { successDeviceCount: -1 }, 'inner-b'), patch('3', b.id, { errorDeviceCount: 7 }, 'inner-c')] },
      headers: { 'client-request-id': 'outer-batch' },
    });
    expect(response.status).toBe(200);
    const statuses = ((await response.json()) as { responses: { id: string; status: number }[] }).responses.map((r) => [r.id, r.status]).sort();
    expect(statuses).toEqual([
      ['1', 200],
      ['2', 400],
      ['3', 200],
    ]);
    expect(emulator.store.audit.size).toBe(before + 2);
    const [latest, previous] = (await page(`${AUDIT}?$top=2`)).value;
    expect([latest?.correlationId, previous?.correlationId].sort()).toEqual(['inner-a', 'inner-c']);
    const byCorrelation = new Map([latest, previous].map((e) => [e?.correlationId, e]));
    expect(byCorrelation.get('inner-a')?.resources[0]).toMatchObject({ resourceId: a.id, modifiedProperties: [{ displayName: 'successDeviceCount', oldValue: String(a.successDeviceCount), newValue: '41' }] });
    expect(byCorrelation.get('inner-c')?.resources[0]).toMatchObject({ resourceId: b.id, modifiedProperties: [{ displayName: 'errorDeviceCount', oldValue: String(b.errorDeviceCount), newValue: '7' }] });
    expect((await all()).some((e) => e.correlationId === 'outer-batch' || e.correlationId === 'inner-b')).toBe(false);
  });

  it('logs writes to macOS shell and custom attribute user states too, alone and inside $batch', async () => {
    const shellStates = `/deviceManagement/deviceShellScripts/${MAC_SHELL_SCRIPT_ID}/userRunStates`;
    const [alone, batched] = [MAC_SHELL_USER_STATES[3], MAC_SHELL_USER_STATES[4]];
    const attribute = emulator.store.allUserStates(MAC_ATTRIBUTE_SCRIPT_ID)[0];
    if (!alone || !batched || !attribute) throw new Error('seed has too few macOS user states');
    const before = emulator.store.audit.size;
    expect((await call('PATCH', `${shellStates}/${alone.id}`, { body: { errorDeviceCount: alone.errorDeviceCount + 2 }, headers: { 'client-request-id': 'mac-shell-alone' } })).status).toBe(200);
    const batch = await call('POST', '/$batch', {
      body: {
        requests: [
          { id: '1', method: 'PATCH', url: `${shellStates}/${batched.id}`, headers: { 'Content-Type': 'application/json', 'client-request-id': 'mac-shell-batched' }, body: { successDeviceCount: 17 } },
        ],
      },
      headers: { 'client-request-id': 'mac-shell-envelope' },
    });
    expect(((await batch.json()) as { responses: { status: number }[] }).responses.map((r) => r.status)).toEqual([200]);
    const attributePath = `/deviceManagement/deviceCustomAttributeShellScripts/${MAC_ATTRIBUTE_SCRIPT_ID}/userRunStates/${attribute.id}`;
    expect((await call('PATCH', attributePath, { body: { successDeviceCount: 23 }, headers: { 'client-request-id': 'mac-attribute' } })).status).toBe(200);

    expect(emulator.store.audit.size).toBe(before + 3);
    const events = new Map((await page(`${AUDIT}?$top=3`)).value.map((e) => [e.correlationId, e]));
    expect([...events.keys()].sort()).toEqual(['mac-attribute', 'mac-shell-alone', 'mac-shell-batched']);
    // Every kind's userRunStates are deviceManagementScriptUserState in Graph: one resource type.
    const expected = (state: { id: string; userPrincipalName: string }, displayName: string, oldValue: number, newValue: number): object => ({
      activity: 'Patch DeviceManagementScriptUserState',
      resources: [{ resourceId: state.id, displayName: state.userPrincipalName, type: 'DeviceManagementScriptUserState', modifiedProperties: [{ displayName, oldValue: String(oldValue), newValue: String(newValue) }] }],
    });
    expect(events.get('mac-shell-alone')).toMatchObject(expected(alone, 'errorDeviceCount', alone.errorDeviceCount, alone.errorDeviceCount + 2));
    expect(events.get('mac-shell-batched')).toMatchObject(expected(batched, 'successDeviceCount', batched.successDeviceCount, 17));
    expect(events.get('mac-attribute')).toMatchObject(expected(attribute, 'successDeviceCount', attribute.successDeviceCount, 23));
  });

  it('logs nothing for a refused write (4xx) or an injected fault', async () => {
    const state = KNOWN_USER_STATES.first;
    const helpdesk = await tokenFor({ upn: ACCOUNTS.helpdesk.upn });
    const before = emulator.store.audit.size;
    const attempts: [Response, number][] = [
      [await call('PATCH', `${STATES}/${state.id}`, { body: { successDeviceCount: 'many' } }), 400],
      [await call('PATCH', `${STATES}/${state.id}`, { body: { id: 'someone-else' } }), 400],
      [await call('PATCH', `${STATES}/00000000-0000-4000-8000-000000000000`, { body: { successDeviceCount: 1 } }), 404],
      [await call('POST', STATES, { body: { userPrincipalName: 'dup@contoso.onmicrosoft.com', id: state.id } }), 409],
      [await call('DELETE', `${STATES}/00000000-0000-4000-8000-000000000000`), 404],
      [await call('PATCH', `${STATES}/${state.id}`, { body: { successDeviceCount: 9 }, t: helpdesk }), 403],
      [await call('PATCH', `${STATES}/${state.id}`, { body: { successDeviceCount: 9 }, headers: { 'x-emulator-fault': '500' } }), 500],
      [await call('DELETE', `${STATES}/${state.id}`, { headers: { 'x-emulator-fault': '503' } }), 503],
    ];
    expect(attempts.map(([r]) => r.status)).toEqual(attempts.map(([, status]) => status));
    expect(emulator.store.audit.size).toBe(before);
    expect(emulator.store.getUserState(MAIN_SCRIPT_ID, state.id)?.successDeviceCount).toBe(state.successDeviceCount);
  });

  it('logs nothing for a throttled write (429), alone or inside $batch', async () => {
    const limited = await createEmulator({ bigScriptSize: 0, throttle: { writesPerApp: 1, writesPerTenant: 100 } });
    try {
      const t = (await signIn((r) => limited.fetch(r), { upn: ACCOUNTS.admin.upn })).accessToken;
      const send = (path: string, body: unknown, method = 'PATCH'): Promise<Response> =>
        limited.fetch(new Request(`${O}/beta${path}`, { method, headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
      const path = `${STATES}/${KNOWN_USER_STATES.first.id}`;
      expect((await send(path, { successDeviceCount: 3 })).status).toBe(200);
      const before = limited.store.audit.size;
      expect((await send(path, { successDeviceCount: 4 })).status).toBe(429);
      const batchAnswer = await send('/$batch', { requests: [{ id: '1', method: 'PATCH', url: path, headers: { 'Content-Type': 'application/json' }, body: { successDeviceCount: 5 } }] }, 'POST');
      expect(((await batchAnswer.json()) as { responses: { status: number }[] }).responses.map((r) => r.status)).toEqual([429]);
      expect(limited.store.audit.size).toBe(before);
    } finally {
      await limited.close();
    }
  });
});

describe('GET /deviceManagement/auditEvents', () => {
  it('has the seeded history of a second administrator, ending in each record’s current values', async () => {
    const events = await all();
    const megan = events.filter((e) => e.actor.userPrincipalName === AUDIT_HISTORY_ACTOR.upn);
    expect(megan.length).toBeGreaterThanOrEqual(AUDIT_HISTORY_USER_STATES.length);
    expect(new Set(AUDIT_HISTORY_USER_STATES.map((s) => s.scriptId))).toEqual(new Set([MEDIUM_SCRIPT_ID, MAIN_SCRIPT_ID]));
    // Not on the rows e2e tests edit, whose history must hold only what the test wrote.
    const known = new Set(Object.values(KNOWN_USER_STATES).map((s) => s.id));
    expect(AUDIT_HISTORY_USER_STATES.filter((s) => known.has(s.state.id))).toEqual([]);
    const yearAgo = Date.now() - 365 * 24 * 60 * 60 * 1000;
    for (const event of megan) {
      const at = Date.parse(event.activityDateTime);
      expect(at).toBeLessThan(Date.now());
      expect(at).toBeGreaterThan(yearAgo);
    }
    for (const { scriptId, state } of AUDIT_HISTORY_USER_STATES) {
      const history = megan.filter((e) => e.resources[0]?.resourceId === state.id);
      expect(history.length).toBeGreaterThan(0);
      const current = emulator.store.getUserState(scriptId, state.id);
      for (const property of history[0]?.resources[0]?.modifiedProperties ?? []) {
        const name = property.displayName as 'successDeviceCount' | 'errorDeviceCount';
        expect(property.newValue).toBe(String(current?.[name]));
      }
    }
    // Deterministic: a reseed gives the same ids.
    const ids = megan.map((e) => e.id);
    await emulator.reset();
    expect((await all()).map((e) => e.id)).toEqual(ids);
  });

  it('lists newest first, pages with nextLink and honours $top and $orderby', async () => {
    for (let i = 0; i < 3; i += 1) await call('PATCH', `${STATES}/${KNOWN_USER_STATES.first.id}`, { body: { successDeviceCount: i } });
    const events = await all();
    const times = events.map((e) => Date.parse(e.activityDateTime));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const first = await page(`${AUDIT}?$top=4`);
    expect(first.value).toHaveLength(4);
    expect(first['@odata.context']).toBe(`${O}/beta/$metadata#deviceManagement/auditEvents`);
    expect(first['@odata.nextLink']).toMatch(/^http:\/\/localhost:5174\/beta\/deviceManagement\/auditEvents\?\$top=4&\$skiptoken=/);
    const paged = await all('?$top=4');
    expect(paged.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect((await all('?$orderby=activityDateTime desc')).map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect((await all('?$orderby=activityDateTime asc&$top=3')).map((e) => e.id)).toEqual(events.map((e) => e.id).reverse());
    expect((await page(`${AUDIT}?$count=true&$top=1`))['@odata.count']).toBe(events.length);

    // A write while a client pages adds at the top and moves no page boundary.
    const secondLink = first['@odata.nextLink'] ?? '';
    await call('PATCH', `${STATES}/${KNOWN_USER_STATES.first.id}`, { body: { successDeviceCount: 99 } });
    expect((await page(secondLink)).value.map((e) => e.id)).toEqual(events.slice(4, 8).map((e) => e.id));
  });

  it('filters on activityDateTime (ge, le, gt, lt, and) and category (eq)', async () => {
    await call('PATCH', `${STATES}/${KNOWN_USER_STATES.first.id}`, { body: { successDeviceCount: 5 } });
    const events = await all();
    expect(events.length).toBeGreaterThan(3);
    const pivot = events[2]?.activityDateTime ?? '';
    const at = Date.parse(pivot);
    const q = (filter: string): Promise<AuditEventRecord[]> => all(`?$filter=${encodeURIComponent(filter)}`);
    expect((await q(`activityDateTime ge ${pivot}`)).map((e) => e.id)).toEqual(events.filter((e) => Date.parse(e.activityDateTime) >= at).map((e) => e.id));
    expect((await q(`activityDateTime gt ${pivot}`)).map((e) => e.id)).toEqual(events.filter((e) => Date.parse(e.activityDateTime) > at).map((e) => e.id));
    expect((await q(`activityDateTime le ${pivot}`)).map((e) => e.id)).toEqual(events.filter((e) => Date.parse(e.activityDateTime) <= at).map((e) => e.id));
    expect((await q(`activityDateTime lt ${pivot}`)).map((e) => e.id)).toEqual(events.filter((e) => Date.parse(e.activityDateTime) < at).map((e) => e.id));
    const from = new Date(Date.now() - 10 * 24 * 60 * 60 * 1000).toISOString();
    const to = new Date(Date.now() - 60 * 1000).toISOString();
    const window = await q(`activityDateTime ge ${from} and activityDateTime le ${to}`);
    expect(window.length).toBeGreaterThan(0);
    expect(window.map((e) => e.id)).toEqual(events.filter((e) => e.activityDateTime >= from && e.activityDateTime <= to).map((e) => e.id));
    expect((await q("category eq 'DeviceConfiguration'")).map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(await q("category eq 'Application'")).toEqual([]);
    expect((await q(`category eq 'DeviceConfiguration' and activityDateTime gt ${to}`)).map((e) => e.id)).toEqual(events.filter((e) => e.activityDateTime > to).map((e) => e.id));
    // Filtering on anything else is not documented: refused.
    const refused = await call('GET', `${AUDIT}?$filter=${encodeURIComponent("activityType eq 'x'")}`);
    expect(refused.status).toBe(400);
    expect((await call('GET', `${AUDIT}?$orderby=category`)).status).toBe(400);
  });

  it('pages a filtered window through nextLink: each page keeps the window, newest first', async () => {
    for (let i = 0; i < 3; i += 1) await call('PATCH', `${STATES}/${KNOWN_USER_STATES.first.id}`, { body: { successDeviceCount: 10 + i } });
    const from = new Date(Date.now() - 45 * 24 * 60 * 60 * 1000).toISOString();
    const to = new Date(Date.now() + 60 * 1000).toISOString();
    const filter = `category eq 'DeviceConfiguration' and activityDateTime ge ${from} and activityDateTime lt ${to}`;
    const query = `?$filter=${encodeURIComponent(filter)}&$orderby=${encodeURIComponent('activityDateTime desc')}&$top=2`;
    const expected = (await all()).filter((e) => e.activityDateTime >= from && e.activityDateTime < to).map((e) => e.id);
    expect(expected.length).toBeGreaterThan(4);
    const first = await page(`${AUDIT}${query}`);
    expect(first.value.map((e) => e.id)).toEqual(expected.slice(0, 2));
    const next = new URL(first['@odata.nextLink'] ?? '');
    expect(next.searchParams.get('$filter')).toBe(filter);
    expect(next.searchParams.get('$orderby')).toBe('activityDateTime desc');
    expect((await all(query)).map((e) => e.id)).toEqual(expected);
  });

  it('gets one event by id, and 404 for an unknown one', async () => {
    const event = await newest();
    const response = await call('GET', `${AUDIT}/${event.id}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as AuditEventRecord & { '@odata.context': string };
    expect(body['@odata.context']).toBe(`${O}/beta/$metadata#deviceManagement/auditEvents/$entity`);
    expect(body).toEqual({ '@odata.context': body['@odata.context'], ...event });
    const missing = await call('GET', `${AUDIT}/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('ResourceNotFound');
  });

  it('needs DeviceManagementApps.Read.All or .ReadWrite.All: 403 in Graph’s envelope otherwise', async () => {
    const helpdesk = await tokenFor({ upn: ACCOUNTS.helpdesk.upn });
    for (const path of [AUDIT, `${AUDIT}/${(await newest()).id}`]) {
      const refused = await call('GET', path, { t: helpdesk, headers: { 'client-request-id': 'no-audit-scope' } });
      expect(refused.status).toBe(403);
      const body = (await refused.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
      expect(body.error.code).toBe('Forbidden');
      expect(body.error.message).toContain('DeviceManagementApps.Read.All, DeviceManagementApps.ReadWrite.All');
      expect(body.error.innerError['client-request-id']).toBe('no-audit-scope');
    }
    // The audit scope reads audit events and nothing else; the script scopes do not read them.
    const auditOnly = await tokenFor({ upn: ACCOUNTS.admin.upn, scopes: [AUDIT_SCOPES.readWrite] });
    expect((await call('GET', AUDIT, { t: auditOnly })).status).toBe(200);
    expect((await call('GET', STATES, { t: auditOnly })).status).toBe(403);
    expect((await call('GET', '/deviceManagement/managedDevices', { t: auditOnly })).status).toBe(403);
    // Nor do the device scopes, which read managed devices and expand them on device states.
    const devicesOnly = await tokenFor({ upn: ACCOUNTS.admin.upn, scopes: [SCOPES.managedDevicesReadWrite] });
    expect((await call('GET', AUDIT, { t: devicesOnly })).status).toBe(403);
    expect((await call('GET', `/deviceManagement/deviceShellScripts/${MAC_SHELL_SCRIPT_ID}/deviceRunStates?$top=1&$expand=managedDevice`, { t: devicesOnly })).status).toBe(200);
    expect(ACCOUNTS.admin.graphScopes).toContain(AUDIT_SCOPES.read);
    expect(ACCOUNTS.helpdesk.graphScopes).not.toContain(AUDIT_SCOPES.read);
  });
});
