/**
 * `npm run emulator`: the local Microsoft Graph beta + identity platform emulator on
 * http://localhost:5174 (loopback only). `--help` lists the options.
 */
import { parseArgs } from 'node:util';
import { createEmulator, type EmulatorOptions } from './app.ts';
import { DEFAULT_APP_ORIGINS, DEFAULT_BIG_SCRIPT_SIZE, DEFAULT_PORT } from './constants.ts';
import { DEFAULT_RANDOM_STATUSES } from './faults/faults.ts';
import { INTUNE_LIMITS } from './faults/throttle.ts';
import { startServer } from './server.ts';

const HELP = `Local Microsoft Graph beta + Microsoft identity platform emulator

Usage: npm run emulator -- [options]

  --port <n>               port on 127.0.0.1 (default ${DEFAULT_PORT})
  --data-dir <dir>         journal and signing key (default .emulator-data); "" or --in-memory keeps no data
  --in-memory              no data dir: nothing survives a restart
  --reset                  discard the journal and reseed before starting
  --big-script-size <n>    user states in the big script (default ${DEFAULT_BIG_SCRIPT_SIZE})
  --token-lifetime <s>     access-token lifetime in seconds (default 3600)
  --no-throttle            switch Intune's throttling off
  --write-limit <n>        writes per app per tenant per ${INTUNE_LIMITS.windowSeconds} s (default ${INTUNE_LIMITS.writesPerApp}; per tenant 2n)
  --fault-rate <0..1>      random fault mode: share of Graph requests that fail (default 0)
  --fault-statuses <list>  statuses for random faults (default ${DEFAULT_RANDOM_STATUSES.join(',')})
  --latency-min <ms>       random latency added to every Graph request, lower bound
  --latency-max <ms>       upper bound
  --fault-seed <n>         seed for random faults and latency (default 1): same seed, same faults
  --app-origin <origin>    dashboard origin for CORS and redirect URIs (repeatable; default ${DEFAULT_APP_ORIGINS.join(', ')})
  --help                   show this help

Per-request faults: header x-emulator-fault (e.g. 429, 503;retry-after=2, latency=10000, drop,
expired-token) or rules via PUT /_emulator/faults. See emulator/README.md.`;

function fail(message: string): never {
  process.stderr.write(`emulator: ${message}\n\n${HELP}\n`);
  process.exit(2);
}

function integer(value: string | undefined, name: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) fail(`${name} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min) fail(`${name} must be at least ${min}`);
  return n;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'in-memory': { type: 'boolean' },
        reset: { type: 'boolean' },
        'big-script-size': { type: 'string' },
        'token-lifetime': { type: 'string' },
        'no-throttle': { type: 'boolean' },
        'write-limit': { type: 'string' },
        'fault-rate': { type: 'string' },
        'fault-statuses': { type: 'string' },
        'latency-min': { type: 'string' },
        'latency-max': { type: 'string' },
        'fault-seed': { type: 'string' },
        'app-origin': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const port = integer(v.port, '--port', 0) ?? DEFAULT_PORT;
  const dataDir = v['in-memory'] ? undefined : v['data-dir'] === '' ? undefined : (v['data-dir'] ?? '.emulator-data');
  const options: EmulatorOptions = { port, resetData: v.reset === true };
  if (dataDir) options.dataDir = dataDir;
  const big = integer(v['big-script-size'], '--big-script-size');
  if (big !== undefined) options.bigScriptSize = big;
  const lifetime = integer(v['token-lifetime'], '--token-lifetime');
  if (lifetime !== undefined) options.tokenLifetimeSeconds = lifetime;
  const writeLimit = integer(v['write-limit'], '--write-limit', 1);
  if (v['no-throttle']) options.throttle = false;
  else if (writeLimit !== undefined) options.throttle = { writesPerApp: writeLimit, writesPerTenant: writeLimit * 2 };
  if (v['fault-rate'] !== undefined || v['latency-min'] !== undefined || v['latency-max'] !== undefined) {
    const rate = v['fault-rate'] === undefined ? 0 : Number(v['fault-rate']);
    if (!Number.isFinite(rate) || rate < 0 || rate > 1) fail('--fault-rate must be between 0 and 1');
    const statuses = v['fault-statuses']?.split(',').map((s) => Number(s.trim()));
    if (statuses?.some((s) => !Number.isInteger(s) || s < 400 || s > 599)) fail('--fault-statuses must be HTTP error statuses, e.g. 429,503');
    const latencyMinMs = integer(v['latency-min'], '--latency-min') ?? 0;
    options.faults = {
      rate,
      latencyMinMs,
      latencyMaxMs: integer(v['latency-max'], '--latency-max') ?? latencyMinMs,
      seed: integer(v['fault-seed'], '--fault-seed') ?? 1,
      ...(statuses ? { statuses } : {}),
    };
  }
  if (v['app-origin'] && v['app-origin'].length > 0) options.appOrigins = v['app-origin'].map((o) => o.replace(/\/$/, ''));

  const started = performance.now();
  const emulator = await createEmulator(options);
  const server = await startServer(emulator, { port });
  for (const note of emulator.startupNotes) process.stdout.write(`emulator: ${note}\n`);
  const config = emulator.config();
  process.stdout.write(
    `emulator: ready on ${server.origin} in ${Math.round(performance.now() - started)} ms ` +
      `(Graph ${server.origin}/beta, identity ${server.origin}/common/v2.0, controls ${server.origin}/_emulator; ` +
      `throttle ${config.throttle ? `${config.throttle.writesPerApp} writes/${config.throttle.windowSeconds}s` : 'off'}, data ${config.dataDir ?? 'in memory'})\n`,
  );

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    process.stdout.write(`emulator: ${signal}, shutting down\n`);
    void server
      .close()
      .then(() => emulator.close())
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
