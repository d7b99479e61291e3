import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createEmulator, type Emulator } from '../app.ts';
import { ACCOUNTS } from '../constants.ts';
import { signIn } from './sign-in.ts';

/**
 * For a test file: one small in-process emulator without throttling, the seeded admin's access
 * token (through the real authorize and token endpoints), and a reseed before every test.
 * `ready` receives both once they exist.
 */
export function useSignedInEmulator(ready: (emulator: Emulator, token: string) => void): void {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    const created = await createEmulator({ bigScriptSize: 10, throttle: false });
    emulator = created;
    ready(created, (await signIn((r) => created.fetch(r), { upn: ACCOUNTS.admin.upn })).accessToken);
  });
  afterAll(async () => {
    await emulator?.close();
  });
  beforeEach(async () => {
    await emulator?.reset();
  });
}
