import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../app.ts';
import {
  ACCOUNTS,
  HOSTILE_RESULT_MESSAGES,
  HOSTILE_RESULT_USER_STATE,
  MAC_ATTRIBUTE_PAGED_SCRIPT_ID,
  MAC_ATTRIBUTE_SCRIPT_ID,
  MAC_SHELL_PAGED_SCRIPT_ID,
  MAC_SHELL_SCRIPT_ID,
  MAC_SHELL_USER_STATES,
  MAIN_SCRIPT_ID,
  MEDIUM_SCRIPT_ID,
  SCRIPT_IDS_BY_KIND,
  seededUserStateCount,
} from '../constants.ts';
import { signIn } from '../testing/sign-in.ts';

const O = 'http://localhost:5174';
const DM = `${O}/beta/deviceManagement`;
const SHELL = `${DM}/deviceShellScripts`;
const ATTRIBUTES = `${DM}/deviceCustomAttributeShellScripts`;
const WINDOWS = `${DM}/deviceManagementScripts`;
const EXPAND_NAMES = '$expand=managedDevice($select=deviceName,operatingSystem,osVersion)';

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

beforeAll(async () => {
  emulator = await createEmulator({ bigScriptSize: 50, throttle: false });
  admin = (await signIn((r) => emulator.fetch(r), { upn: ACCOUNTS.admin.upn })).accessToken;
  helpdesk = (await signIn((r) => emulator.fetch(r), { upn: ACCOUNTS.helpdesk.upn, scopes: ['DeviceManagementScripts.Read.All'] })).accessToken;
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await emulator.reset();
});

function call(url: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = { Authorization: `Bearer ${init.token ?? admin}` };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  return emulator.fetch(new Request(url, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) }));
}

async function list(url: string, token = admin): Promise<Collection> {
  const response = await call(url, { token });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Collection;
}

async function walk(url: string): Promise<{ rows: Json[]; pages: number }> {
  const rows: Json[] = [];
  let next: string | undefined = url;
  let pages = 0;
  while (next) {
    const page = await list(next);
    rows.push(...page.value);
    next = page['@odata.nextLink'];
    pages += 1;
    expect(pages).toBeLessThan(100);
  }
  return { rows, pages };
}

async function errorOf(response: Response, status: number): Promise<{ code: string; message: string; details?: { target?: string }[] }> {
  expect(response.status).toBe(status);
  return ((await response.json()) as { error: { code: string; message: string; details?: { target?: string }[] } }).error;
}

describe('macOS script collections', () => {
  it('lists each kind in its own collection, with its own type and properties', async () => {
    const shell = await list(SHELL);
    expect(shell['@odata.context']).toBe(`${O}/beta/$metadata#deviceManagement/deviceShellScripts`);
    expect(shell.value.map((s) => s.id)).toEqual(SCRIPT_IDS_BY_KIND.shell);
    expect(shell.value.length).toBeGreaterThanOrEqual(2);
    expect(shell.value[0]).toMatchObject({ '@odata.type': '#microsoft.graph.deviceShellScript', retryCount: expect.any(Number), blockExecutionNotifications: expect.any(Boolean) });
    expect(shell.value[0]).not.toHaveProperty('enforceSignatureCheck');

    const attributes = await list(ATTRIBUTES);
    expect(attributes.value.map((s) => s.id)).toEqual(SCRIPT_IDS_BY_KIND.customAttribute);
    expect(attributes.value.length).toBeGreaterThanOrEqual(2);
    expect(attributes.value.find((s) => s.id === MAC_ATTRIBUTE_SCRIPT_ID)).toMatchObject({
      '@odata.type': '#microsoft.graph.deviceCustomAttributeShellScript',
      customAttributeName: 'BatteryCycleCount',
      customAttributeType: 'integer',
    });
    expect(Buffer.from(String(attributes.value[0]?.scriptContent), 'base64').toString()).toMatch(/^#!\/bin\/sh/);

    // The Windows collection keeps only Windows scripts.
    expect((await list(WINDOWS)).value.map((s) => s.id)).toEqual(SCRIPT_IDS_BY_KIND.powerShell);
    expect(seededUserStateCount(MAC_SHELL_PAGED_SCRIPT_ID)).toBeGreaterThan(1000);
    expect(seededUserStateCount(MAC_ATTRIBUTE_PAGED_SCRIPT_ID)).toBeGreaterThan(1000);
  });

  it('finds a script only under its own kind', async () => {
    expect((await call(`${SHELL}/${MAC_SHELL_SCRIPT_ID}`)).status).toBe(200);
    const wrong = await errorOf(await call(`${WINDOWS}/${MAC_SHELL_SCRIPT_ID}`), 404);
    expect(wrong.code).toBe('ResourceNotFound');
    expect((await errorOf(await call(`${SHELL}/${MAIN_SCRIPT_ID}/userRunStates`), 404)).message).toMatch(/deviceShellScript/);
    await errorOf(await call(`${ATTRIBUTES}/${MAC_SHELL_SCRIPT_ID}/runSummary`), 404);
    await errorOf(await call(`${WINDOWS}/${MAC_SHELL_SCRIPT_ID}/userRunStates/${MAC_SHELL_USER_STATES[0]?.id ?? ''}`), 404);
  });

  it('serves userRunStates and runSummary exactly as for Windows', async () => {
    const states = await list(`${SHELL}/${MAC_SHELL_SCRIPT_ID}/userRunStates?$count=true`);
    expect(states['@odata.context']).toBe(`${O}/beta/$metadata#deviceManagement/deviceShellScripts('${MAC_SHELL_SCRIPT_ID}')/userRunStates`);
    expect(states['@odata.count']).toBe(MAC_SHELL_USER_STATES.length);
    expect(states.value[0]).toEqual({ '@odata.type': '#microsoft.graph.deviceManagementScriptUserState', ...MAC_SHELL_USER_STATES[0] });
    const paged = await walk(`${SHELL}/${MAC_SHELL_PAGED_SCRIPT_ID}/userRunStates?$top=1000&$orderby=userPrincipalName`);
    expect(paged.rows).toHaveLength(seededUserStateCount(MAC_SHELL_PAGED_SCRIPT_ID));
    expect(paged.pages).toBe(2);
    const summary = (await (await call(`${ATTRIBUTES}/${MAC_ATTRIBUTE_SCRIPT_ID}/runSummary`)).json()) as Json;
    const rows = emulator.store.allUserStates(MAC_ATTRIBUTE_SCRIPT_ID);
    expect(summary).toMatchObject({
      '@odata.type': '#microsoft.graph.deviceManagementScriptRunSummary',
      '@odata.context': `${O}/beta/$metadata#deviceManagement/deviceCustomAttributeShellScripts('${MAC_ATTRIBUTE_SCRIPT_ID}')/runSummary/$entity`,
      successDeviceCount: rows.reduce((n, r) => n + r.successDeviceCount, 0),
      errorDeviceCount: rows.reduce((n, r) => n + r.errorDeviceCount, 0),
      errorUserCount: rows.filter((r) => r.errorDeviceCount > 0).length,
    });
  });

  it('PATCH on a macOS user state updates the store, with the Windows validation and conflicts', async () => {
    const target = MAC_SHELL_USER_STATES[1];
    if (!target) throw new Error('no user state');
    const url = `${SHELL}/${MAC_SHELL_SCRIPT_ID}/userRunStates/${target.id}`;
    const response = await call(url, { method: 'PATCH', body: { successDeviceCount: 7, errorDeviceCount: 2 } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ '@odata.type': '#microsoft.graph.deviceManagementScriptUserState', ...target, successDeviceCount: 7, errorDeviceCount: 2 });
    expect(emulator.store.getUserState(MAC_SHELL_SCRIPT_ID, target.id)).toMatchObject({ successDeviceCount: 7, errorDeviceCount: 2 });
    const raw = (await (await emulator.fetch(new Request(`${O}/_emulator/store/deviceShellScripts/${MAC_SHELL_SCRIPT_ID}/userRunStates/${target.id}`))).json()) as Json;
    expect(raw).toMatchObject({ successDeviceCount: 7, errorDeviceCount: 2 });
    expect((await emulator.fetch(new Request(`${O}/_emulator/store/deviceManagementScripts/${MAC_SHELL_SCRIPT_ID}/userRunStates/${target.id}`))).status).toBe(404);

    expect((await errorOf(await call(url, { method: 'PATCH', body: { successDeviceCount: 1, foo: 1 } }), 400)).details?.[0]?.target).toBe('foo');
    expect((await errorOf(await call(url, { method: 'PATCH', body: { userPrincipalName: '<b>x</b>@contoso.com' } }), 400)).details?.[0]?.target).toBe('userPrincipalName');
    await errorOf(await call(url, { method: 'PATCH', body: { successDeviceCount: 1 }, token: helpdesk }), 403);
    expect(emulator.store.getUserState(MAC_SHELL_SCRIPT_ID, target.id)).toMatchObject({ successDeviceCount: 7, errorDeviceCount: 2 });
    await errorOf(await call(`${ATTRIBUTES}/${MAC_ATTRIBUTE_SCRIPT_ID}/userRunStates`, { method: 'POST', body: { userPrincipalName: 'x@contoso.com', id: emulator.store.allUserStates(MAC_ATTRIBUTE_SCRIPT_ID)[0]?.id } }), 409);
  });
});

describe('deviceRunStates', () => {
  it('seeds every run state, with errors and multi-line output for failed runs', async () => {
    const { rows } = await walk(`${ATTRIBUTES}/${MAC_ATTRIBUTE_PAGED_SCRIPT_ID}/deviceRunStates?$top=1000`);
    const states = new Set(rows.map((r) => r.runState));
    for (const state of ['success', 'fail', 'scriptError', 'pending', 'notApplicable', 'unknown']) expect(states).toContain(state);
    const failed = rows.filter((r) => r.runState === 'fail' || r.runState === 'scriptError');
    for (const row of failed) {
      expect(row.errorCode).not.toBe(0);
      expect(row.errorDescription).toEqual(expect.any(String));
      expect(String(row.resultMessage)).toContain('\n');
    }
    const pending = await list(`${ATTRIBUTES}/${MAC_ATTRIBUTE_PAGED_SCRIPT_ID}/deviceRunStates?$filter=${encodeURIComponent("runState eq 'pending'")}&$count=true&$top=5`);
    expect(pending['@odata.count']).toBe(rows.filter((r) => r.runState === 'pending').length);
    expect(pending.value.every((r) => r.runState === 'pending')).toBe(true);
  });

  it('pages a script’s device states: every user state’s devices, in order, summing to the counts', async () => {
    const script = `${SHELL}/${MAC_SHELL_PAGED_SCRIPT_ID}`;
    const first = await list(`${script}/deviceRunStates?$count=true&$top=250`);
    expect(first['@odata.context']).toBe(`${O}/beta/$metadata#deviceManagement/deviceShellScripts('${MAC_SHELL_PAGED_SCRIPT_ID}')/deviceRunStates`);
    const next = new URL(first['@odata.nextLink'] ?? '');
    expect(next.searchParams.get('$top')).toBe('250');
    const { rows, pages } = await walk(`${script}/deviceRunStates?$top=250`);
    expect(rows).toHaveLength(first['@odata.count'] ?? -1);
    expect(pages).toBe(Math.ceil(rows.length / 250));
    // The same states, in the same order, as each user state's own deviceRunStates.
    const userStates = emulator.store.allUserStates(MAC_SHELL_PAGED_SCRIPT_ID).slice(0, 40);
    const perUser: Json[] = [];
    for (const state of userStates) perUser.push(...(await list(`${script}/userRunStates/${state.id}/deviceRunStates?$top=1000`)).value);
    expect(rows.slice(0, perUser.length)).toEqual(perUser);
    const summary = emulator.store.runSummary(MAC_SHELL_PAGED_SCRIPT_ID);
    expect(rows.filter((r) => r.runState === 'success')).toHaveLength(summary.successDeviceCount);
    expect(rows.filter((r) => r.runState === 'fail' || r.runState === 'scriptError')).toHaveLength(summary.errorDeviceCount);
    const one = await call(`${script}/deviceRunStates/${String(rows[rows.length - 1]?.id)}`);
    expect(await one.json()).toMatchObject({ id: rows[rows.length - 1]?.id, '@odata.context': expect.stringContaining('/deviceRunStates/$entity') });
    await errorOf(await call(`${script}/deviceRunStates/nope`), 404);
  });

  it('follows a write: more devices after a PATCH, on the user state and the script', async () => {
    const target = MAC_SHELL_USER_STATES[0];
    if (!target) throw new Error('no user state');
    const script = `${SHELL}/${MAC_SHELL_SCRIPT_ID}`;
    const before = (await list(`${script}/deviceRunStates?$count=true&$top=1`))['@odata.count'] ?? 0;
    const mine = (await list(`${script}/userRunStates/${target.id}/deviceRunStates?$count=true`))['@odata.count'] ?? 0;
    await call(`${script}/userRunStates/${target.id}`, { method: 'PATCH', body: { successDeviceCount: target.successDeviceCount + 3 } });
    expect((await list(`${script}/userRunStates/${target.id}/deviceRunStates?$count=true`))['@odata.count']).toBe(mine + 3);
    expect((await list(`${script}/deviceRunStates?$count=true&$top=1`))['@odata.count']).toBe(before + 3);
  });

  it('carries the hostile result message as it is', async () => {
    const states = await list(`${SHELL}/${MAC_SHELL_SCRIPT_ID}/userRunStates/${HOSTILE_RESULT_USER_STATE.id}/deviceRunStates`);
    const messages = states.value.map((s) => s.resultMessage);
    expect(messages).toContain(HOSTILE_RESULT_MESSAGES[0]);
    expect(HOSTILE_RESULT_MESSAGES.join('')).toContain("=cmd|' /C calc'!A0");
    expect(HOSTILE_RESULT_MESSAGES.join('')).toContain('\u202E');
  });
});

describe('$expand=managedDevice', () => {
  it('expands with $select inside, with devices of the script’s platform', async () => {
    const mac = await list(`${SHELL}/${MAC_SHELL_SCRIPT_ID}/deviceRunStates?$top=50&${EXPAND_NAMES}`);
    expect(mac['@odata.context']).toBe(`${O}/beta/$metadata#deviceManagement/deviceShellScripts('${MAC_SHELL_SCRIPT_ID}')/deviceRunStates(managedDevice(deviceName,operatingSystem,osVersion))`);
    for (const row of mac.value) {
      const device = row.managedDevice as Json;
      expect(Object.keys(device).sort()).toEqual(['@odata.type', 'deviceName', 'id', 'operatingSystem', 'osVersion']);
      expect(device).toMatchObject({ '@odata.type': '#microsoft.graph.managedDevice', operatingSystem: 'macOS', osVersion: expect.stringMatching(/^1\d\.\d+(\.\d+)? \(\w+\)$/) });
      expect(String(device.deviceName)).toMatch(/’s (MacBook Air|MacBook Pro|iMac|Mac mini)$/);
    }
    const windows = await list(`${WINDOWS}/${MEDIUM_SCRIPT_ID}/deviceRunStates?$top=50&${EXPAND_NAMES}`);
    for (const row of windows.value) expect(row.managedDevice).toMatchObject({ operatingSystem: 'Windows', osVersion: expect.stringMatching(/^10\.0\.\d+\.\d+$/), deviceName: expect.stringMatching(/^CT-/) });
  });

  it('expands the whole device without $select, the same device /managedDevices serves', async () => {
    const state = MAC_SHELL_USER_STATES[2];
    if (!state) throw new Error('no user state');
    const body = await list(`${SHELL}/${MAC_SHELL_SCRIPT_ID}/userRunStates/${state.id}/deviceRunStates?$expand=managedDevice&$select=runState`);
    expect(body['@odata.context']).toMatch(/deviceRunStates\(runState,managedDevice\(\)\)$/);
    expect(body.value.length).toBeGreaterThan(0);
    for (const row of body.value) {
      expect(Object.keys(row).sort()).toEqual(['@odata.type', 'id', 'managedDevice', 'runState']);
      const device = row.managedDevice as Json;
      expect(device).toMatchObject({ userPrincipalName: state.userPrincipalName, operatingSystem: 'macOS', manufacturer: 'Apple', serialNumber: expect.any(String) });
      const direct = (await (await call(`${DM}/managedDevices/${String(device.id)}`)).json()) as Json;
      expect(direct).toEqual({ '@odata.context': `${O}/beta/$metadata#deviceManagement/managedDevices/$entity`, ...device });
    }
    // Without $expand there is no managedDevice.
    expect((await list(`${SHELL}/${MAC_SHELL_SCRIPT_ID}/userRunStates/${state.id}/deviceRunStates`)).value[0]).not.toHaveProperty('managedDevice');
  });

  it.each(['users', 'managedDevice($filter=deviceName eq 1)', 'managedDevice($select=nope)', 'managedDevice,managedDevice', 'managedDevice(($select=deviceName)'])('refuses $expand=%s with 400', async (expand) => {
    expect((await errorOf(await call(`${SHELL}/${MAC_SHELL_SCRIPT_ID}/deviceRunStates?$expand=${encodeURIComponent(expand)}`), 400)).code).toBe('BadRequest');
  });

  it('needs a device read scope: 403 for the whole request without one', async () => {
    const url = `${SHELL}/${MAC_SHELL_SCRIPT_ID}/deviceRunStates?${EXPAND_NAMES}`;
    expect((await call(url.split('?')[0] ?? '', { token: helpdesk })).status).toBe(200);
    const denied = await errorOf(await call(url, { token: helpdesk }), 403);
    expect(denied.code).toBe('Forbidden');
    expect(denied.message).toContain('DeviceManagementManagedDevices.Read.All');
    const perUser = `${SHELL}/${MAC_SHELL_SCRIPT_ID}/userRunStates/${MAC_SHELL_USER_STATES[0]?.id ?? ''}/deviceRunStates?$expand=managedDevice`;
    await errorOf(await call(perUser, { token: helpdesk }), 403);
    await errorOf(await call(`${DM}/managedDevices`, { token: helpdesk }), 403);
    expect((await call(url)).status).toBe(200);
    const mint = async (scopes: string[]): Promise<string> =>
      ((await (await emulator.fetch(new Request(`${O}/_emulator/tokens`, { method: 'POST', body: JSON.stringify({ upn: ACCOUNTS.admin.upn, scopes }) }))).json()) as { access_token: string }).access_token;
    expect((await call(url, { token: await mint(['DeviceManagementScripts.Read.All', 'DeviceManagementManagedDevices.ReadWrite.All']) })).status).toBe(200);
    expect(ACCOUNTS.admin.graphScopes).toContain('DeviceManagementManagedDevices.Read.All');
    expect(ACCOUNTS.helpdesk.graphScopes.some((s) => s.startsWith('DeviceManagementManagedDevices.'))).toBe(false);
  });
});

describe('managedDevices', () => {
  it('pages every device behind the device states, and gets one by id', async () => {
    const first = await list(`${DM}/managedDevices?$count=true&$top=1000&$select=deviceName,operatingSystem`);
    const total = first['@odata.count'] ?? 0;
    expect(first['@odata.context']).toBe(`${O}/beta/$metadata#deviceManagement/managedDevices(deviceName,operatingSystem)`);
    const { rows, pages } = await walk(`${DM}/managedDevices?$top=1000`);
    expect(rows).toHaveLength(total);
    expect(pages).toBe(Math.ceil(total / 1000));
    expect(new Set(rows.map((r) => r.id)).size).toBe(total);
    expect(new Set(rows.map((r) => r.operatingSystem))).toEqual(new Set(['Windows', 'macOS']));
    const last = rows[rows.length - 1];
    expect((await (await call(`${DM}/managedDevices/${String(last?.id)}`)).json())).toMatchObject({ id: last?.id, deviceName: last?.deviceName });
    expect((await errorOf(await call(`${DM}/managedDevices/00000000-0000-0000-0000-000000000000`), 404)).code).toBe('ResourceNotFound');
    await errorOf(await call(`${DM}/managedDevices?$filter=${encodeURIComponent("operatingSystem eq 'macOS'")}`), 400);
  });
});
