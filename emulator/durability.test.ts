import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, MAC_ATTRIBUTE_SCRIPT_ID, MAC_SHELL_SCRIPT_ID, MAC_SHELL_USER_STATES, MAIN_SCRIPT_ID, MAIN_SCRIPT_USER_STATES, PAGED_SCRIPT_ID } from './constants.ts';
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
});
