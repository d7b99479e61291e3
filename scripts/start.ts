/**
 * `npm start`: build the production bundle, start the local emulator and serve the bundle,
 * exactly as the e2e suite and the benchmark use them. Extra arguments go to the emulator
 * (for example `npm start -- --fault-rate 0.1`).
 */
import { build, preview } from 'vite';
import { startEmulator, stopTogetherOnSignals } from './with-emulator.ts';

const emulatorArgs = process.argv.slice(2);
const appUrl = 'http://localhost:5173/';

async function waitForReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

await build({ logLevel: 'warn' });

const emulator = startEmulator(emulatorArgs);
await waitForReady('http://localhost:5174/common/v2.0/.well-known/openid-configuration', 60_000);

const server = await preview({ logLevel: 'warn' });

console.log(`\n  Dashboard: ${appUrl}`);
console.log('  Sign in as admin@contoso.onmicrosoft.com (read-write), helpdesk@contoso.onmicrosoft.com');
console.log('  (read-only) or someone@outlook.com (personal account). Stop with Ctrl+C.\n');

stopTogetherOnSignals(emulator, server);
