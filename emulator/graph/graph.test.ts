import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../app.ts';
import {
  ACCOUNTS,
  ALL_SCRIPT_IDS,
  BIG_SCRIPT_ID,
  EMPTY_SCRIPT_ID,
  HOSTILE_SCRIPT_ID,
  HOSTILE_USER_STATES,
  KNOWN_USER_STATES,
  MAIN_SCRIPT_ID,
  MAIN_SCRIPT_USER_STATES,
  MEDIUM_SCRIPT_ID,
  PAGED_SCRIPT_ID,
} from '../constants.ts';
import { signIn } from '../testing/sign-in.ts';

const O = 'http://localhost:5174';
const SCRIPTS = `${O}/beta/deviceManagement/deviceManagementScripts`;
const STATES = `${SCRIPTS}/${MAIN_SCRIPT_ID}/userRunStates`;
const BIG = 3000;

let emulator: Emulator;
let admin: string;
let helpdesk: string;

type Json = Record<string, unknown>;
interface Collection {
  '@odata.context': string;
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  value: Json[];
}
interface GraphErrorBody {
  error: { code: string; message: string; innerError: { date: string; 'request-id': string; 'client-request-id': string }; details?: { target?: string }[] };
}

beforeAll(async () => {
  emulator = await createEmulator({ bigScriptSize: BIG, throttle: false });
  admin = (await signIn((r) => emulator.fetch(r), { upn: ACCOUNTS.admin.upn })).accessToken;
  helpdesk = (await signIn((r) => emulator.fetch(r), { upn: ACCOUNTS.helpdesk.upn, scopes: ['DeviceManagementScripts.Read.All'] })).accessToken;
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await emulator.reset();
});

function call(url: string, init: { method?: string; token?: string | null; body?: unknown; raw?: string; contentType?: string | null; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  const token = init.token === undefined ? admin : init.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined = init.raw;
  if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined && init.contentType !== null) headers['Content-Type'] = init.contentType ?? 'application/json';
  return emulator.fetch(new Request(url, { method: init.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}) }));
}

async function list(url: string, token = admin): Promise<Collection> {
  const response = await call(url, { token });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Collection;
}

async function walk(url: string): Promise<Json[]> {
  const rows: Json[] = [];
  let next: string | undefined = url;
  let pages = 0;
  while (next) {
    const page = await list(next);
    rows.push(...page.value);
    next = page['@odata.nextLink'];
    pages += 1;
    expect(pages).toBeLessThan(200);
  }
  return rows;
}

async function errorOf(response: Response, status: number): Promise<GraphErrorBody['error']> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as GraphErrorBody;
  expect(body.error.innerError['request-id']).toBe(response.headers.get('request-id'));
  expect(body.error.innerError.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  return body.error;
}

/** Case-insensitive ordinal order, as the emulator sorts strings. */
function ordinal(a: unknown, b: unknown): number {
  const x = String(a).toLowerCase();
  const y = String(b).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function stored(id: string): Json | undefined {
  const row = emulator.store.getUserState(MAIN_SCRIPT_ID, id);
  return row ? { id: row.id, userPrincipalName: row.userPrincipalName, successDeviceCount: row.successDeviceCount, errorDeviceCount: row.errorDeviceCount } : undefined;
}

describe('deviceManagementScripts', () => {
  it('lists the seeded scripts with @odata.context and @odata.type', async () => {
    const body = await list(SCRIPTS);
    expect(body['@odata.context']).toBe(`${O}/beta/$metadata#deviceManagement/deviceManagementScripts`);
    expect(body.value.map((s) => s.id)).toEqual(ALL_SCRIPT_IDS);
    expect(body.value[0]).toMatchObject({ '@odata.type': '#microsoft.graph.deviceManagementScript', runAsAccount: 'user', fileName: 'Map-NetworkDrives.ps1' });
    expect(Buffer.from(String(body.value[0]?.scriptContent), 'base64').toString()).toContain('New-PSDrive');
  });

  it('gets one script and 404s an unknown one', async () => {
    const response = await call(`${SCRIPTS}/${MAIN_SCRIPT_ID}?$select=displayName`);
    expect(await response.json()).toEqual({
      '@odata.context': `${O}/beta/$metadata#deviceManagement/deviceManagementScripts(displayName)/$entity`,
      '@odata.type': '#microsoft.graph.deviceManagementScript',
      id: MAIN_SCRIPT_ID,
      displayName: 'Map department network drives',
    });
    expect((await errorOf(await call(`${SCRIPTS}/00000000-0000-0000-0000-000000000000`), 404)).code).toBe('ResourceNotFound');
  });

  it('computes runSummary from the user states, and keeps it consistent after writes', async () => {
    const expected = (): Json => {
      const rows = MAIN_SCRIPT_USER_STATES.map((s) => stored(s.id) as { successDeviceCount: number; errorDeviceCount: number });
      return {
        successDeviceCount: rows.reduce((n, r) => n + r.successDeviceCount, 0),
        errorDeviceCount: rows.reduce((n, r) => n + r.errorDeviceCount, 0),
        successUserCount: rows.filter((r) => r.errorDeviceCount === 0 && r.successDeviceCount > 0).length,
        errorUserCount: rows.filter((r) => r.errorDeviceCount > 0).length,
      };
    };
    const before = (await (await call(`${SCRIPTS}/${MAIN_SCRIPT_ID}/runSummary`)).json()) as Json;
    expect(before).toMatchObject({ '@odata.type': '#microsoft.graph.deviceManagementScriptRunSummary', ...expected() });
    await call(`${STATES}/${KNOWN_USER_STATES.first.id}`, { method: 'PATCH', body: { errorDeviceCount: 4, successDeviceCount: 0 } });
    const after = (await (await call(`${SCRIPTS}/${MAIN_SCRIPT_ID}/runSummary`)).json()) as Json;
    expect(after).toMatchObject(expected());
    expect(after.errorUserCount).toBe(Number(before.errorUserCount) + (KNOWN_USER_STATES.first.errorDeviceCount > 0 ? 0 : 1));
  });
});

describe('userRunStates: read', () => {
  it('lists a small script in seed order with @odata.context', async () => {
    const body = await list(STATES);
    expect(body['@odata.context']).toBe(`${O}/beta/$metadata#deviceManagement/deviceManagementScripts('${MAIN_SCRIPT_ID}')/userRunStates`);
    expect(body['@odata.nextLink']).toBeUndefined();
    expect(body.value).toHaveLength(MAIN_SCRIPT_USER_STATES.length);
    expect(body.value[0]).toEqual({ '@odata.type': '#microsoft.graph.deviceManagementScriptUserState', ...KNOWN_USER_STATES.first });
  });

  it('gets one user state, 404s unknown ids', async () => {
    const response = await call(`${STATES}/${KNOWN_USER_STATES.second.id}`);
    expect(await response.json()).toEqual({
      '@odata.context': `${O}/beta/$metadata#deviceManagement/deviceManagementScripts('${MAIN_SCRIPT_ID}')/userRunStates/$entity`,
      '@odata.type': '#microsoft.graph.deviceManagementScriptUserState',
      ...KNOWN_USER_STATES.second,
    });
    expect((await errorOf(await call(`${STATES}/nope`), 404)).code).toBe('ResourceNotFound');
    expect((await errorOf(await call(`${SCRIPTS}/nope/userRunStates`), 404)).code).toBe('ResourceNotFound');
  });

  it('accepts OData key syntax', async () => {
    const response = await call(`${O}/beta/deviceManagement/deviceManagementScripts('${MAIN_SCRIPT_ID}')/userRunStates('${KNOWN_USER_STATES.first.id}')`);
    expect(response.status).toBe(200);
  });

  it('keeps the hostile UPNs in their own script', async () => {
    const body = await list(`${SCRIPTS}/${HOSTILE_SCRIPT_ID}/userRunStates`);
    const upns = body.value.map((r) => r.userPrincipalName);
    for (const hostile of HOSTILE_USER_STATES) expect(upns).toContain(hostile.userPrincipalName);
    expect(upns).toContain('<img src=x onerror=alert(1)>@contoso.onmicrosoft.com');
    expect(upns).toContain('<script>alert(1)</script>');
    expect((await list(STATES)).value.every((r) => /^[a-z0-9.'-]+@contoso\.onmicrosoft\.com$/.test(String(r.userPrincipalName)))).toBe(true);
  });

  it('an empty script is an empty collection', async () => {
    expect((await list(`${SCRIPTS}/${EMPTY_SCRIPT_ID}/userRunStates?$count=true`))).toMatchObject({ '@odata.count': 0, value: [] });
  });

  it('derives deviceRunStates from the counts', async () => {
    const state = KNOWN_USER_STATES.withErrors;
    const body = await list(`${STATES}/${state.id}/deviceRunStates?$count=true`);
    expect(body['@odata.count']).toBe(state.successDeviceCount + state.errorDeviceCount);
    expect(body.value.filter((d) => d.runState === 'success')).toHaveLength(state.successDeviceCount);
    expect(body.value[0]).toMatchObject({ '@odata.type': '#microsoft.graph.deviceManagementScriptDeviceState' });
    const failed = body.value.find((d) => d.runState !== 'success');
    expect(failed).toMatchObject({ errorCode: expect.any(Number), errorDescription: expect.any(String) });
    const one = await call(`${STATES}/${state.id}/deviceRunStates/${String(body.value[0]?.id)}`);
    expect(one.status).toBe(200);
    const filtered = await list(`${STATES}/${state.id}/deviceRunStates?$filter=runState eq 'success'`);
    expect(filtered.value).toHaveLength(state.successDeviceCount);
  });
});

describe('userRunStates: paging and query options', () => {
  it('pages with a full nextLink that keeps the options, default page 100', async () => {
    const first = await list(`${SCRIPTS}/${PAGED_SCRIPT_ID}/userRunStates?$count=true&$select=userPrincipalName`);
    expect(first.value).toHaveLength(100);
    expect(first['@odata.count']).toBe(1250);
    const next = new URL(first['@odata.nextLink'] ?? '');
    expect(next.origin + next.pathname).toBe(`${SCRIPTS}/${PAGED_SCRIPT_ID}/userRunStates`);
    expect(next.searchParams.get('$count')).toBe('true');
    expect(next.searchParams.get('$select')).toBe('userPrincipalName');
    expect(next.searchParams.get('$skiptoken')).toBeTruthy();
    const all = await walk(`${SCRIPTS}/${PAGED_SCRIPT_ID}/userRunStates?$top=1000`);
    expect(all).toHaveLength(1250);
    expect(new Set(all.map((r) => r.id)).size).toBe(1250);
  });

  it('refuses $top above 1000 and bad values', async () => {
    expect((await errorOf(await call(`${STATES}?$top=1001`), 400)).message).toMatch(/limit of '1000'/);
    await errorOf(await call(`${STATES}?$top=-1`), 400);
    await errorOf(await call(`${STATES}?$top=abc`), 400);
    await errorOf(await call(`${STATES}?$count=maybe`), 400);
    await errorOf(await call(`${STATES}?$skiptoken=garbage`), 400);
  });

  it('refuses unsupported and repeated options, accepts options without $', async () => {
    expect((await errorOf(await call(`${STATES}?$expand=deviceRunStates`), 400)).message).toMatch(/'Expand' is not allowed/);
    await errorOf(await call(`${STATES}?$search="x"`), 400);
    await errorOf(await call(`${STATES}?$bogus=1`), 400);
    await errorOf(await call(`${STATES}?$top=1&top=2`), 400);
    expect((await list(`${STATES}?top=5`)).value).toHaveLength(5);
    expect((await list(`${STATES}?custom=ignored&$top=2`)).value).toHaveLength(2);
  });

  it('$select returns the selected properties with id and @odata.type', async () => {
    const body = await list(`${STATES}?$select=userPrincipalName,errorDeviceCount&$top=1`);
    expect(body['@odata.context']).toMatch(/userRunStates\(userPrincipalName,errorDeviceCount\)$/);
    expect(Object.keys(body.value[0] ?? {}).sort()).toEqual(['@odata.type', 'errorDeviceCount', 'id', 'userPrincipalName']);
    await errorOf(await call(`${STATES}?$select=nope`), 400);
  });

  it.each([
    ['userPrincipalName', (a: Json, b: Json) => ordinal(a.userPrincipalName, b.userPrincipalName)],
    ['userPrincipalName desc', (a: Json, b: Json) => -ordinal(a.userPrincipalName, b.userPrincipalName)],
    ['successDeviceCount desc', (a: Json, b: Json) => Number(b.successDeviceCount) - Number(a.successDeviceCount)],
    ['errorDeviceCount', (a: Json, b: Json) => Number(a.errorDeviceCount) - Number(b.errorDeviceCount)],
    ['id desc', (a: Json, b: Json) => (String(a.id) < String(b.id) ? 1 : -1)],
  ])('$orderby=%s orders across pages', async (orderBy, compare) => {
    const rows = await walk(`${SCRIPTS}/${MEDIUM_SCRIPT_ID}/userRunStates?$orderby=${encodeURIComponent(orderBy)}&$top=37`);
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((r) => r.id)).size).toBe(250);
    for (let i = 1; i < rows.length; i += 1) expect(compare(rows[i - 1] ?? {}, rows[i] ?? {})).toBeLessThanOrEqual(0);
  });

  it('orders by several keys', async () => {
    const rows = await walk(`${SCRIPTS}/${MEDIUM_SCRIPT_ID}/userRunStates?$orderby=errorDeviceCount desc,userPrincipalName asc&$top=50`);
    for (let i = 1; i < rows.length; i += 1) {
      const a = rows[i - 1] ?? {};
      const b = rows[i] ?? {};
      const c = Number(b.errorDeviceCount) - Number(a.errorDeviceCount) || ordinal(a.userPrincipalName, b.userPrincipalName);
      expect(c).toBeLessThanOrEqual(0);
    }
    await errorOf(await call(`${STATES}?$orderby=nope`), 400);
    await errorOf(await call(`${STATES}?$orderby=userPrincipalName sideways`), 400);
  });

  it.each([
    ["startswith(userPrincipalName,'ADA')", (r: Json) => String(r.userPrincipalName).startsWith('ada')],
    ["contains(userPrincipalName,'.li')", (r: Json) => String(r.userPrincipalName).includes('.li')],
    ["endswith(userPrincipalName,'2@contoso.onmicrosoft.com')", (r: Json) => String(r.userPrincipalName).endsWith('2@contoso.onmicrosoft.com')],
    ['errorDeviceCount gt 0', (r: Json) => Number(r.errorDeviceCount) > 0],
    ['errorDeviceCount ge 2 or successDeviceCount eq 0', (r: Json) => Number(r.errorDeviceCount) >= 2 || Number(r.successDeviceCount) === 0],
    ["successDeviceCount le 1 and not (errorDeviceCount eq 0) and startswith(userPrincipalName,'a')", (r: Json) => Number(r.successDeviceCount) <= 1 && Number(r.errorDeviceCount) !== 0 && String(r.userPrincipalName).startsWith('a')],
    ['successDeviceCount ne 1', (r: Json) => Number(r.successDeviceCount) !== 1],
    ['errorDeviceCount lt 1', (r: Json) => Number(r.errorDeviceCount) < 1],
  ])('$filter=%s', async (filter, predicate) => {
    const url = `${SCRIPTS}/${BIG_SCRIPT_ID}/userRunStates?$filter=${encodeURIComponent(filter)}&$count=true&$top=500`;
    const rows = await walk(url);
    const expected = emulator.store.allUserStates(BIG_SCRIPT_ID).filter((r) => predicate(r as unknown as Json));
    expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect((await list(url))['@odata.count']).toBe(expected.length);
  });

  it('compares UPNs case-insensitively with eq, and handles quotes', async () => {
    const target = KNOWN_USER_STATES.third.userPrincipalName.toUpperCase();
    expect((await list(`${STATES}?$filter=${encodeURIComponent(`userPrincipalName eq '${target}'`)}`)).value.map((r) => r.id)).toEqual([KNOWN_USER_STATES.third.id]);
    await call(`${STATES}/${KNOWN_USER_STATES.first.id}`, { method: 'PATCH', body: { userPrincipalName: "siobhan.o'neill@contoso.onmicrosoft.com" } });
    expect((await list(`${STATES}?$filter=${encodeURIComponent("userPrincipalName eq 'siobhan.o''neill@contoso.onmicrosoft.com'")}`)).value).toHaveLength(1);
  });

  it.each(["userPrincipalName eq 5", "errorDeviceCount eq 'x'", 'nope eq 1', "startswith(userPrincipalName)", 'errorDeviceCount gt', "substringof('a',userPrincipalName)", "userPrincipalName eq 'unterminated"])(
    'refuses a bad $filter: %s',
    async (filter) => {
      await errorOf(await call(`${STATES}?$filter=${encodeURIComponent(filter)}`), 400);
    },
  );

  it('serves pages of the big script without re-sorting per request', async () => {
    const url = `${SCRIPTS}/${BIG_SCRIPT_ID}/userRunStates?$orderby=userPrincipalName&$top=1000`;
    const first = await list(url);
    const sorts = emulator.store.stats.fullSorts;
    let next = first['@odata.nextLink'];
    for (let i = 0; i < 2 && next; i += 1) next = (await list(next))['@odata.nextLink'];
    await list(url);
    await list(`${SCRIPTS}/${BIG_SCRIPT_ID}/userRunStates?$orderby=userPrincipalName desc&$top=10`);
    // A write updates the index in place instead of sorting again.
    await call(`${SCRIPTS}/${BIG_SCRIPT_ID}/userRunStates/${String(first.value[0]?.id)}`, { method: 'PATCH', body: { userPrincipalName: 'zz.last@contoso.onmicrosoft.com' } });
    const last = await list(`${SCRIPTS}/${BIG_SCRIPT_ID}/userRunStates?$orderby=userPrincipalName desc&$top=1`);
    expect(last.value[0]?.userPrincipalName).toBe('zz.last@contoso.onmicrosoft.com');
    expect(emulator.store.stats.fullSorts).toBe(sorts);
  });
});

describe('userRunStates: writes', () => {
  const url = `${STATES}/${KNOWN_USER_STATES.first.id}`;

  it('PATCH updates the given properties and answers 200 with the whole entity', async () => {
    const response = await call(url, { method: 'PATCH', body: { successDeviceCount: 2, errorDeviceCount: 0, userPrincipalName: 'new.name@contoso.onmicrosoft.com' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      '@odata.type': '#microsoft.graph.deviceManagementScriptUserState',
      id: KNOWN_USER_STATES.first.id,
      successDeviceCount: 2,
      errorDeviceCount: 0,
      userPrincipalName: 'new.name@contoso.onmicrosoft.com',
    });
    const partial = await call(url, { method: 'PATCH', body: { errorDeviceCount: 5 } });
    expect(await partial.json()).toMatchObject({ successDeviceCount: 2, errorDeviceCount: 5 });
    expect(stored(KNOWN_USER_STATES.first.id)).toMatchObject({ successDeviceCount: 2, errorDeviceCount: 5, userPrincipalName: 'new.name@contoso.onmicrosoft.com' });
  });

  it('accepts @odata.type and the same id', async () => {
    const response = await call(url, { method: 'PATCH', body: { '@odata.type': '#microsoft.graph.deviceManagementScriptUserState', id: KNOWN_USER_STATES.first.id, successDeviceCount: 9 } });
    expect(response.status).toBe(200);
    expect(stored(KNOWN_USER_STATES.first.id)?.successDeviceCount).toBe(9);
  });

  it.each<[string, unknown, string | undefined]>([
    ['unknown property', { successDeviceCount: 1, foo: 1 }, 'foo'],
    ['another id', { id: KNOWN_USER_STATES.second.id }, 'id'],
    ['wrong @odata.type', { '@odata.type': '#microsoft.graph.user' }, '@odata.type'],
    ['navigation property', { deviceRunStates: [] }, 'deviceRunStates'],
    ['string count', { successDeviceCount: '5' }, 'successDeviceCount'],
    ['null count', { errorDeviceCount: null }, 'errorDeviceCount'],
    ['non-integer', { successDeviceCount: 1.5 }, 'successDeviceCount'],
    ['negative', { errorDeviceCount: -1 }, 'errorDeviceCount'],
    ['above Int32', { successDeviceCount: 2147483648 }, 'successDeviceCount'],
    ['boolean count', { successDeviceCount: true }, 'successDeviceCount'],
    ['number UPN', { userPrincipalName: 5 }, 'userPrincipalName'],
    ['empty UPN', { userPrincipalName: '' }, 'userPrincipalName'],
    ['UPN without @', { userPrincipalName: 'nobody.contoso.com' }, 'userPrincipalName'],
    ['UPN with two @', { userPrincipalName: 'a@b@contoso.com' }, 'userPrincipalName'],
    ['UPN with a space', { userPrincipalName: 'a b@contoso.com' }, 'userPrincipalName'],
    ['UPN with a tab', { userPrincipalName: 'a\tb@contoso.com' }, 'userPrincipalName'],
    ['UPN with a control character', { userPrincipalName: 'a\u0007b@contoso.com' }, 'userPrincipalName'],
    ['UPN with markup', { userPrincipalName: '<b>x</b>@contoso.com' }, 'userPrincipalName'],
    ['UPN with a quote', { userPrincipalName: 'a"b@contoso.com' }, 'userPrincipalName'],
    ['UPN with right-to-left override', { userPrincipalName: '\u202Eabc@contoso.com' }, 'userPrincipalName'],
    ['UPN with emoji', { userPrincipalName: 'party🎉@contoso.com' }, 'userPrincipalName'],
    ['UPN of 10,000 characters', { userPrincipalName: `${'a'.repeat(9980)}@contoso.com` }, 'userPrincipalName'],
    ['UPN with a 65-character local part', { userPrincipalName: `${'a'.repeat(65)}@contoso.com` }, 'userPrincipalName'],
    ['UPN with a dotless domain', { userPrincipalName: 'a@contoso' }, 'userPrincipalName'],
    ['UPN ending the local part with a dot', { userPrincipalName: 'a.@contoso.com' }, 'userPrincipalName'],
    ['body is an array', [1], undefined],
  ])('PATCH refuses %s with 400 and stores nothing', async (_name, body, target) => {
    const before = stored(KNOWN_USER_STATES.first.id);
    const error = await errorOf(await call(url, { method: 'PATCH', body }), 400);
    expect(error.code).toBe('BadRequest');
    if (target) expect(error.details?.[0]?.target).toBe(target);
    expect(stored(KNOWN_USER_STATES.first.id)).toEqual(before);
  });

  it('accepts the edge of the rules', async () => {
    for (const body of [{ successDeviceCount: 0 }, { successDeviceCount: 2147483647 }, { userPrincipalName: `${'a'.repeat(64)}@${'b'.repeat(20)}.onmicrosoft.com` }, { userPrincipalName: "o'brien_x-y!#^~@sub.contoso.com" }, {}]) {
      expect((await call(url, { method: 'PATCH', body })).status).toBe(200);
    }
  });

  it('PATCH: not JSON → 400, empty → 400, other content type → 415, unknown ids → 404', async () => {
    expect((await errorOf(await call(url, { method: 'PATCH', raw: '{"successDeviceCount": 1' }), 400)).message).toMatch(/Invalid JSON/);
    expect((await errorOf(await call(url, { method: 'PATCH', raw: '' }), 400)).message).toMatch(/Empty Payload/);
    await errorOf(await call(url, { method: 'PATCH', raw: '{"successDeviceCount":1}', contentType: 'text/plain' }), 415);
    await errorOf(await call(url, { method: 'PATCH', raw: '{"successDeviceCount":1}', contentType: null }), 415);
    expect((await call(url, { method: 'PATCH', raw: '{"successDeviceCount":1}', contentType: 'application/json; charset=utf-8' })).status).toBe(200);
    expect((await errorOf(await call(`${STATES}/nope`, { method: 'PATCH', body: { successDeviceCount: 1 } }), 404)).code).toBe('ResourceNotFound');
    await errorOf(await call(`${SCRIPTS}/nope/userRunStates/${KNOWN_USER_STATES.first.id}`, { method: 'PATCH', body: { successDeviceCount: 1 } }), 404);
  });

  it('POST creates (201) and DELETE removes (204)', async () => {
    const created = await call(STATES, { method: 'POST', body: { userPrincipalName: 'new.user@contoso.onmicrosoft.com', successDeviceCount: 1 } });
    expect(created.status).toBe(201);
    const entity = (await created.json()) as Json;
    expect(entity).toMatchObject({ '@odata.type': '#microsoft.graph.deviceManagementScriptUserState', userPrincipalName: 'new.user@contoso.onmicrosoft.com', successDeviceCount: 1, errorDeviceCount: 0 });
    expect(created.headers.get('Location')).toContain(String(entity.id));
    const all = await list(STATES);
    expect(all.value.at(-1)?.id).toBe(entity.id);
    await errorOf(await call(STATES, { method: 'POST', body: { successDeviceCount: 1 } }), 400);
    await errorOf(await call(STATES, { method: 'POST', body: { userPrincipalName: 'x@contoso.com', id: KNOWN_USER_STATES.first.id } }), 409);
    expect((await call(`${STATES}/${String(entity.id)}`, { method: 'DELETE' })).status).toBe(204);
    await errorOf(await call(`${STATES}/${String(entity.id)}`), 404);
    await errorOf(await call(`${STATES}/${String(entity.id)}`, { method: 'DELETE' }), 404);
  });

  it('refuses unknown segments (400) and unsupported methods (405)', async () => {
    expect((await errorOf(await call(`${O}/beta/deviceManagement/nope`), 400)).message).toMatch(/segment 'nope'/);
    await errorOf(await call(`${STATES}/${KNOWN_USER_STATES.first.id}`, { method: 'PUT', body: {} }), 405);
  });
});

describe('auth, headers and CORS', () => {
  it('401 without or with a bad token, with WWW-Authenticate', async () => {
    for (const token of [null, 'not-a-jwt', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln']) {
      const response = await call(STATES, { token });
      const error = await errorOf(response, 401);
      expect(error.code).toBe('InvalidAuthenticationToken');
      expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="", authorization_uri="http:\/\/localhost:5174\/common\/oauth2\/authorize"/);
    }
  });

  it('reads need a Read or ReadWrite scope; writes need ReadWrite', async () => {
    expect((await call(STATES, { token: helpdesk })).status).toBe(200);
    const denied = await errorOf(await call(`${STATES}/${KNOWN_USER_STATES.first.id}`, { token: helpdesk, method: 'PATCH', body: { successDeviceCount: 1 } }), 403);
    expect(denied.code).toBe('Forbidden');
    expect(denied.message).toMatch(/ReadWrite/);
    const mint = async (body: Json): Promise<string> => ((await (await emulator.fetch(new Request(`${O}/_emulator/tokens`, { method: 'POST', body: JSON.stringify(body) }))).json()) as { access_token: string }).access_token;
    for (const scope of ['DeviceManagementConfiguration.Read.All', 'DeviceManagementScripts.Read.All']) {
      expect((await call(STATES, { token: await mint({ upn: ACCOUNTS.admin.upn, scopes: [scope] }) })).status).toBe(200);
    }
    expect((await call(url(), { method: 'PATCH', body: { successDeviceCount: 3 }, token: await mint({ upn: ACCOUNTS.admin.upn, scopes: ['DeviceManagementScripts.ReadWrite.All'] }) })).status).toBe(200);
    await errorOf(await call(STATES, { token: await mint({ upn: ACCOUNTS.admin.upn, scopes: ['User.Read'] }) }), 403);
    const appOnly = await errorOf(await call(STATES, { token: await mint({ appOnly: true }) }), 403);
    expect(appOnly.message).toMatch(/Application permissions are not supported/);
    function url(): string {
      return `${STATES}/${KNOWN_USER_STATES.first.id}`;
    }
  });

  it('answers request-id and echoes client-request-id', async () => {
    const response = await call(STATES, { headers: { 'client-request-id': 'c0ffee00-1111-2222-3333-444455556666' } });
    expect(response.headers.get('client-request-id')).toBe('c0ffee00-1111-2222-3333-444455556666');
    expect(response.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const error = await errorOf(await call(`${STATES}/nope`, { headers: { 'client-request-id': 'abc' } }), 404);
    expect(error.innerError['client-request-id']).toBe('abc');
  });

  it('answers CORS preflights and exposes the headers a client needs', async () => {
    const preflight = await emulator.fetch(
      new Request(STATES, { method: 'OPTIONS', headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'authorization,content-type,client-request-id,x-emulator-fault' } }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');
    const allowed = (preflight.headers.get('Access-Control-Allow-Headers') ?? '').toLowerCase();
    for (const h of ['authorization', 'content-type', 'client-request-id', 'x-emulator-fault']) expect(allowed).toContain(h);
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toContain('PATCH');
    const response = await call(STATES, { headers: { Origin: 'http://localhost:5173' } });
    const exposed = (response.headers.get('Access-Control-Expose-Headers') ?? '').toLowerCase();
    for (const h of ['request-id', 'client-request-id', 'retry-after']) expect(exposed).toContain(h);
  });
});
