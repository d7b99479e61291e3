import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, MAC_ATTRIBUTE_SCRIPT_ID, MAC_SHELL_SCRIPT_ID, MAC_SHELL_USER_STATES, MAIN_SCRIPT_ID, MAIN_SCRIPT_USER_STATES, PAGED_SCRIPT_ID } from './constants.ts';
import { createEmulator } from './app.ts';
import { JOURNAL_FILE } from './store/journal.ts';
import { freePort } from './testing/free-port.ts';

// Spawns the real CLI, acknowledges writes over HTTP, kills it with SIGKILL mid-run, restarts it
// on the same data dir and checks that every acknowledged write is there.
const dataDir = mkdtempSync(join(tmpdir(), 'emulator-durability-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(port: number, extra: string[] = []): Promise<ChildProcess> {
  // `node --import tsx` is what `npx tsx` runs, minus the wrapper processes, so that SIGKILL hits
  // the server itself rather than a launcher that would leave it running.
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', '--port', String(port), '--data-dir', dataDir, '--big-script-size', '2000', '--no-throttle', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${output}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready on http://localhost:')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${String(code)}): ${output}`));
    });
  });
  return child;
}

async function stopHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

describe('durability', () => {
  it('keeps every acknowledged write across kill -9', async () => {
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    let child = await start(port, ['--reset']);
    const token = ((await (await fetch(`${origin}/_emulator/tokens`, { method: 'POST', body: JSON.stringify({ upn: ACCOUNTS.admin.upn }) })).json()) as { access_token: string }).access_token;
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const base = `${origin}/beta/deviceManagement/deviceManagementScripts`;

    const acknowledged = new Map<string, number>();
    let created: string | undefined;
    const createResponse = await fetch(`${base}/${PAGED_SCRIPT_ID}/userRunStates`, { method: 'POST', headers, body: JSON.stringify({ userPrincipalName: 'durable.user@contoso.onmicrosoft.com' }) });
    if (createResponse.status === 201) created = ((await createResponse.json()) as { id: string }).id;
    const deleted = MAIN_SCRIPT_USER_STATES[39]?.id ?? '';
    expect((await fetch(`${base}/${MAIN_SCRIPT_ID}/userRunStates/${deleted}`, { method: 'DELETE', headers })).status).toBe(204);

    // Several writers in parallel; the process is killed while they are still sending.
    let stop = false;
    const writer = async (offset: number): Promise<void> => {
      for (let round = 0; !stop; round += 1) {
        const state = MAIN_SCRIPT_USER_STATES[(offset + round * 4) % 39];
        if (!state) continue;
        const value = 1000 + round * 10 + offset;
        try {
          const response = await fetch(`${base}/${MAIN_SCRIPT_ID}/userRunStates/${state.id}`, { method: 'PATCH', headers, body: JSON.stringify({ successDeviceCount: value }) });
          if (response.status === 200) acknowledged.set(state.id, value);
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const writers = [0, 1, 2, 3].map((o) => writer(o));
    while (acknowledged.size < 30) await new Promise((r) => setTimeout(r, 5));
    await stopHard(child);
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.size).toBeGreaterThanOrEqual(30);

    child = await start(port, ['--big-script-size', '2000']);
    for (const [id, value] of acknowledged) {
      const row = (await (await fetch(`${origin}/_emulator/store/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates/${id}`)).json()) as { successDeviceCount: number };
      expect(row.successDeviceCount).toBe(value);
    }
    expect((await fetch(`${origin}/_emulator/store/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates/${deleted}`)).status).toBe(404);
    if (created) expect((await fetch(`${origin}/_emulator/store/deviceManagementScripts/${PAGED_SCRIPT_ID}/userRunStates/${created}`)).status).toBe(200);
    // Tokens survive too: the signing key lives in the data dir.
    expect((await fetch(`${base}/${MAIN_SCRIPT_ID}`, { headers })).status).toBe(200);

    // --reset starts from the seed again.
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
    expect(child.exitCode).toBe(0);
    child = await start(port, ['--reset']);
    const first = MAIN_SCRIPT_USER_STATES[0];
    const row = (await (await fetch(`${origin}/_emulator/store/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates/${first?.id ?? ''}`)).json()) as { successDeviceCount: number };
    expect(row.successDeviceCount).toBe(first?.successDeviceCount);
    await stopHard(child);
  }, 60_000);

  it('keeps acknowledged writes to macOS user states across kill -9, each under its own kind', async () => {
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    let child = await start(port, ['--reset']);
    const token = ((await (await fetch(`${origin}/_emulator/tokens`, { method: 'POST', body: JSON.stringify({ upn: ACCOUNTS.admin.upn }) })).json()) as { access_token: string }).access_token;
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const shell = `${origin}/beta/deviceManagement/deviceShellScripts/${MAC_SHELL_SCRIPT_ID}/userRunStates`;
    const attributes = `${origin}/beta/deviceManagement/deviceCustomAttributeShellScripts/${MAC_ATTRIBUTE_SCRIPT_ID}/userRunStates`;
    const edited = MAC_SHELL_USER_STATES[5]?.id ?? '';
    expect((await fetch(`${shell}/${edited}`, { method: 'PATCH', headers, body: JSON.stringify({ errorDeviceCount: 9, userPrincipalName: 'mac.user@contoso.onmicrosoft.com' }) })).status).toBe(200);
    const created = await fetch(attributes, { method: 'POST', headers, body: JSON.stringify({ userPrincipalName: 'attribute.user@contoso.onmicrosoft.com', successDeviceCount: 4 }) });
    expect(created.status).toBe(201);
    const createdId = ((await created.json()) as { id: string }).id;
    await stopHard(child);

    child = await start(port);
    const row = (await (await fetch(`${origin}/_emulator/store/deviceShellScripts/${MAC_SHELL_SCRIPT_ID}/userRunStates/${edited}`)).json()) as Record<string, unknown>;
    expect(row).toMatchObject({ errorDeviceCount: 9, userPrincipalName: 'mac.user@contoso.onmicrosoft.com' });
    const graphRow = (await (await fetch(`${shell}/${edited}`, { headers })).json()) as Record<string, unknown>;
    expect(graphRow).toMatchObject({ errorDeviceCount: 9 });
    expect((await fetch(`${origin}/_emulator/store/deviceCustomAttributeShellScripts/${MAC_ATTRIBUTE_SCRIPT_ID}/userRunStates/${createdId}`)).status).toBe(200);
    expect((await fetch(`${origin}/_emulator/store/deviceManagementScripts/${MAC_ATTRIBUTE_SCRIPT_ID}/userRunStates/${createdId}`)).status).toBe(404);
    await stopHard(child);
  }, 60_000);

  it('keeps the audit event of every acknowledged write, from the same journal line, across kill -9', async () => {
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    let child = await start(port, ['--reset']);
    const token = ((await (await fetch(`${origin}/_emulator/tokens`, { method: 'POST', body: JSON.stringify({ upn: ACCOUNTS.admin.upn }) })).json()) as { access_token: string }).access_token;
    const headers = (clientRequestId: string): Record<string, string> => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'client-request-id': clientRequestId });
    const states = `${origin}/beta/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates`;
    const patched = MAIN_SCRIPT_USER_STATES[5]?.id ?? '';
    const deleted = MAIN_SCRIPT_USER_STATES[6]?.id ?? '';
    const batched = MAIN_SCRIPT_USER_STATES[7]?.id ?? '';
    expect((await fetch(`${states}/${patched}`, { method: 'PATCH', headers: headers('durable-patch'), body: JSON.stringify({ errorDeviceCount: 4 }) })).status).toBe(200);
    expect((await fetch(states, { method: 'POST', headers: headers('durable-create'), body: JSON.stringify({ userPrincipalName: 'audited.user@contoso.onmicrosoft.com' }) })).status).toBe(201);
    expect((await fetch(`${states}/${deleted}`, { method: 'DELETE', headers: headers('durable-delete') })).status).toBe(204);
    const inner = { id: '1', method: 'PATCH', url: `/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates/${batched}`, headers: { 'Content-Type': 'application/json', 'client-request-id': 'durable-batch' }, body: { successDeviceCount: 8 } };
    expect((await fetch(`${origin}/beta/$batch`, { method: 'POST', headers: headers('durable-batch-envelope'), body: JSON.stringify({ requests: [inner] }) })).status).toBe(200);

    interface Listed {
      value: { id: string; correlationId: string; activityOperationType: string; resources: { resourceId: string; modifiedProperties: unknown[] }[] }[];
      '@odata.nextLink'?: string;
    }
    const list = async (): Promise<Listed['value']> => {
      const out: Listed['value'] = [];
      let next: string | undefined = `${origin}/beta/deviceManagement/auditEvents?$top=50`;
      while (next) {
        const body = (await (await fetch(next, { headers: headers('durable-read') })).json()) as Listed;
        out.push(...body.value);
        next = body['@odata.nextLink'];
      }
      return out;
    };
    const before = await list();
    const written = before.filter((e) => e.correlationId.startsWith('durable-'));
    expect(written.map((e) => [e.correlationId, e.activityOperationType]).sort()).toEqual([
      ['durable-batch', 'Patch'],
      ['durable-create', 'Create'],
      ['durable-delete', 'Delete'],
      ['durable-patch', 'Patch'],
    ]);

    await stopHard(child);
    child = await start(port);
    const after = await list();
    // The same events in the same order (seeded history included), the written ones unchanged.
    expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id));
    expect(after.filter((e) => e.correlationId.startsWith('durable-'))).toEqual(written);
    expect(after.find((e) => e.correlationId === 'durable-patch')?.resources[0]).toMatchObject({
      resourceId: patched,
      modifiedProperties: [{ displayName: 'errorDeviceCount', oldValue: String(MAIN_SCRIPT_USER_STATES[5]?.errorDeviceCount), newValue: '4' }],
    });
    await stopHard(child);
  }, 60_000);

  it('loses a torn last line whole: neither the write nor its audit event comes back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-torn-audit-'));
    try {
      let emulator = await createEmulator({ dataDir: dir, resetData: true, bigScriptSize: 0, throttle: false });
      const token = ((await (await emulator.fetch(new Request('http://localhost:5174/_emulator/tokens', { method: 'POST', body: JSON.stringify({ upn: ACCOUNTS.admin.upn }) }))).json()) as { access_token: string }).access_token;
      const state = MAIN_SCRIPT_USER_STATES[9];
      const url = `http://localhost:5174/beta/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates/${state?.id ?? ''}`;
      const patch = await emulator.fetch(new Request(url, { method: 'PATCH', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'client-request-id': 'kept' }, body: JSON.stringify({ errorDeviceCount: 6 }) }));
      expect(patch.status).toBe(200);
      await emulator.close();
      // The last line, cut short as by a crash mid-write: the same write again, with its event.
      const path = join(dir, JOURNAL_FILE);
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
      const last = JSON.parse(lines[lines.length - 1] ?? '{}') as { set: object; audit: { id: string; correlationId: string } };
      const torn = JSON.stringify({ ...last, set: { errorDeviceCount: 7 }, audit: { ...last.audit, id: '11111111-2222-4333-8444-555555555555', correlationId: 'torn' } });
      appendFileSync(path, torn.slice(0, torn.length - 5));

      emulator = await createEmulator({ dataDir: dir, bigScriptSize: 0, throttle: false });
      expect(emulator.store.getUserState(MAIN_SCRIPT_ID, state?.id ?? '')?.errorDeviceCount).toBe(6);
      expect(emulator.store.getAuditEvent(last.audit.id)?.correlationId).toBe('kept');
      expect(emulator.store.getAuditEvent('11111111-2222-4333-8444-555555555555')).toBeUndefined();
      await emulator.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
