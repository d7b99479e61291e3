/**
 * `npm run test:e2e`: the Playwright suite in two shards side by side. Every test resets the one
 * emulator it talks to, so tests within a run go one at a time (playwright.config.ts); two runs,
 * each with its own emulator and production build on its own ports, share nothing and together
 * take about 70 % of the time of one (measured on the 2-core CI machine: 753 s against 1,054 s),
 * much of a test being waits for Graph answers, pacing and the browser rather than CPU.
 *
 * Shard 1 uses E2E_APP_PORT / E2E_EMULATOR_PORT (default 5173 / 5174), shard 2 the two ports above
 * them. Arguments (a spec file, `--grep`) run one unsharded Playwright instead, as `npx playwright
 * test` does. E2E_SHARDS=1 runs the whole suite unsharded.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const args = process.argv.slice(2);
const shards = args.length > 0 ? 1 : Number(process.env.E2E_SHARDS ?? '2');
const appPort = Number(process.env.E2E_APP_PORT ?? '5173');
const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? '5174');

if (!Number.isInteger(shards) || shards < 1 || shards > 4) {
  console.error(`E2E_SHARDS must be 1-4, got ${process.env.E2E_SHARDS ?? ''}`);
  process.exit(2);
}

/** Runs one shard, its output prefixed with the shard's number; resolves with its exit code. */
function runShard(index: number): Promise<number> {
  const shardArgs = shards === 1 ? args : [`--shard=${index + 1}/${shards}`, `--output=test-results/shard-${index + 1}`];
  const child = spawn('npx', ['playwright', 'test', ...shardArgs], {
    env: {
      ...process.env,
      E2E_APP_PORT: String(appPort + 2 * index),
      E2E_EMULATOR_PORT: String(emulatorPort + 2 * index),
      ...(shards === 1 ? {} : { PLAYWRIGHT_HTML_OUTPUT_DIR: `playwright-report/shard-${index + 1}` }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = shards === 1 ? '' : `[shard ${index + 1}] `;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`${prefix}${line}`));
  }
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`${prefix}could not start Playwright: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
}

const codes = await Promise.all(Array.from({ length: shards }, (_, index) => runShard(index)));
const failed = codes.map((code, index) => ({ code, shard: index + 1 })).filter(({ code }) => code !== 0);
if (failed.length > 0 && shards > 1) console.error(`e2e: shard ${failed.map(({ shard }) => shard).join(' and ')} failed`);
process.exit(failed.length > 0 ? 1 : 0);
