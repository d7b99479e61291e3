/**
 * The processes `npm run bench` starts (emulator, app server, floor server, browser), each
 * bounded by a timeout, and a cleanup list that stops all of them, also on error or Ctrl+C.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { preview, type PreviewServer } from 'vite';
import { startEmulator as startEmulatorProcess } from '../scripts/load/emulator-process.ts';
import { repoRoot, withEnv } from './bundle-size.ts';

/** The app's and the emulator's ports: 5173 and 5174 (docs/decisions/001-local-emulator-contract.md). */
export interface Ports {
  app: number;
  emulator: number;
}

export const standardPorts: Ports = { app: 5173, emulator: 5174 };

export function appOriginOf(ports: Ports): string {
  return `http://localhost:${ports.app}`;
}

export function emulatorOriginOf(ports: Ports): string {
  return `http://localhost:${ports.emulator}`;
}

/**
 * The VITE_ settings that point a build (and the preview server's CSP) at an emulator on another
 * port. Empty for the standard ports: then .env applies as it does for `npm start`.
 */
export function appEnvFor(ports: Ports): Record<string, string> {
  if (ports.emulator === standardPorts.emulator) return {};
  const origin = emulatorOriginOf(ports);
  return {
    VITE_AUTH_AUTHORITY: `https://localhost:${ports.emulator}/common`,
    VITE_AUTH_KNOWN_AUTHORITIES: `localhost:${ports.emulator}`,
    VITE_AUTH_METADATA_ORIGIN: origin,
    VITE_GRAPH_BASE_URL: `${origin}/beta`,
  };
}

/** A problem the user can act on: printed without a stack trace. */
export class BenchSetupError extends Error {
  override readonly name = 'BenchSetupError';
}

export function log(message: string): void {
  process.stdout.write(`bench: ${message}\n`);
}

/** Runs `task`, failing with `what` if it takes longer than `ms`. */
export async function withTimeout<T>(what: string, ms: number, task: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([task, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Stops what was started, last first; each step is bounded so a stuck one cannot hang the exit. */
export class Cleanup {
  private readonly steps: Array<{ name: string; run: () => Promise<void> }> = [];
  private running: Promise<void> | null = null;

  add(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await withTimeout(`stopping ${step.name}`, 10_000, step.run());
        } catch (error) {
          process.stderr.write(
            `bench: could not stop ${step.name}: ${error instanceof Error ? error.message : String(error)}\n`,
          );
        }
      }
      this.steps.length = 0;
    })();
    return this.running;
  }
}

function isListening(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function portInUse(port: number): Promise<boolean> {
  const [v4, v6] = await Promise.all([isListening(port, '127.0.0.1'), isListening(port, '::1')]);
  return v4 || v6;
}

/**
 * The app must be served on 5173 (the only redirect URI the emulator accepts) and the emulator on
 * 5174. Another `npm start` or e2e run may hold them: wait up to `waitSeconds`, then give up
 * with a clear message rather than touching someone else's process.
 */
export async function requireFreePorts(ports: readonly number[], waitSeconds: number): Promise<void> {
  const standard = ports.every((port) => port === standardPorts.app || port === standardPorts.emulator);
  const deadline = Date.now() + waitSeconds * 1000;
  let announced = false;
  for (;;) {
    const busy: number[] = [];
    for (const port of ports) if (await portInUse(port)) busy.push(port);
    if (busy.length === 0) return;
    if (Date.now() >= deadline) {
      throw new BenchSetupError(
        `port${busy.length > 1 ? 's' : ''} ${busy.join(' and ')} ${busy.length > 1 ? 'are' : 'is'} in use ` +
          (standard
            ? '(another `npm start`, `npm run dev` or e2e run?). The benchmark serves the app on 5173 (the only redirect URI the ' +
              'emulator accepts) and the emulator on 5174: stop the other server, or pass --wait-for-ports <seconds> to wait for it.'
            : '. Pick other ports, or pass --wait-for-ports <seconds>.'),
      );
    }
    if (!announced) {
      log(`port ${busy.join(' and ')} in use; waiting up to ${waitSeconds} s for it to be free`);
      announced = true;
    }
    await delay(2000);
  }
}

export interface StartedEmulator {
  startupMs: number;
}

/**
 * `emulator/main.ts` with a fresh data dir and `bigScriptSize` user states in the big script,
 * started as `npm run load` starts it (waits for its own "ready on" line, so another process on
 * the port cannot be mistaken for it).
 */
export async function startEmulator(
  ports: Ports,
  dataDir: string,
  bigScriptSize: number,
  cleanup: Cleanup,
  graphLatencyMs = 0,
): Promise<StartedEmulator> {
  const started = performance.now();
  const args = ['--data-dir', dataDir, '--reset', '--big-script-size', String(bigScriptSize)];
  if (graphLatencyMs > 0) args.push('--latency-min', String(graphLatencyMs), '--latency-max', String(graphLatencyMs));
  if (ports.app !== standardPorts.app) args.push('--app-origin', appOriginOf(ports));
  const emulator = await startEmulatorProcess({ port: ports.emulator, args, startTimeoutMs: 180_000 });
  cleanup.add('the emulator', () => emulator.stop());
  return { startupMs: performance.now() - started };
}

/** The production bundle in `outDir`, served by Vite's preview server as `npm start` serves `dist/`. */
export async function startAppServer(ports: Ports, outDir: string, cleanup: Cleanup): Promise<PreviewServer> {
  const server = await withTimeout(
    'starting the app server',
    30_000,
    // The env reaches vite.config.ts's Content-Security-Policy, which names the emulator's origin.
    withEnv(appEnvFor(ports), () =>
      preview({
        root: repoRoot,
        configFile: join(repoRoot, 'vite.config.ts'),
        mode: 'production',
        logLevel: 'warn',
        build: { outDir },
        preview: { port: ports.app, strictPort: true, host: 'localhost', open: false },
      }),
    ),
  );
  cleanup.add('the app server', () => server.close());
  return server;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** A static file server on a free loopback port for the floor page's build. */
export async function startStaticServer(root: string, cleanup: Cleanup): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    stat(file).then(
      (info) => {
        if (!info.isFile()) {
          response.writeHead(404).end();
          return;
        }
        response.writeHead(200, {
          'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
          'Content-Length': info.size,
        });
        createReadStream(file).pipe(response);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  cleanup.add('the floor page server', () => new Promise((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://localhost:${port}` };
}
