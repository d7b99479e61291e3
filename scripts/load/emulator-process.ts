import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface EmulatorProcess {
  /** e.g. http://localhost:51234 (the emulator's public origin: token issuer, nextLinks). */
  origin: string;
  port: number;
  pid: number | undefined;
  /** The line the emulator printed when it was ready. */
  readyLine: string;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
  /** Last resort from a synchronous exit handler. */
  killNow(): void;
}

export interface StartOptions {
  /** Arguments for emulator/main.ts (without --port, which is added). */
  args: string[];
  port: number;
  startTimeoutMs: number;
  /** Where the emulator's own output goes, line by line. */
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Starts `emulator/main.ts` (the `npm run emulator` CLI) as a child process on 127.0.0.1 and waits
 * for its "ready on" line. Its output is read to the end, so a full pipe never stalls it.
 */
export async function startEmulator(options: StartOptions): Promise<EmulatorProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'emulator/main.ts', '--port', String(options.port), ...options.args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const recent: string[] = [];
  const remember = (line: string): void => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
  };

  const stop = async (graceMs = 5000): Promise<void> => {
    if (exited(child)) return;
    const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!exited(child)) child.kill('SIGKILL');
    }, graceMs);
    await done;
    clearTimeout(timer);
  };

  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`the emulator was not ready within ${options.startTimeoutMs / 1000} s:\n${recent.join('\n')}`),
        ),
      options.startTimeoutMs,
    );
    const finish = (): void => clearTimeout(timer);
    const out = createInterface({ input: child.stdout });
    out.on('line', (line) => {
      remember(line);
      options.onLine?.('stdout', line);
      if (/ready on http:\/\/localhost:\d+/.test(line)) {
        finish();
        resolve(line);
      }
    });
    const err = createInterface({ input: child.stderr });
    err.on('line', (line) => {
      remember(line);
      options.onLine?.('stderr', line);
    });
    child.once('error', (error) => {
      finish();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      finish();
      reject(
        new Error(
          `the emulator exited before it was ready (${signal ?? `exit code ${code ?? '?'}`}):\n${recent.join('\n')}`,
        ),
      );
    });
  });

  let readyLine: string;
  try {
    readyLine = await ready;
  } catch (error) {
    await stop(1000);
    throw error;
  }
  return {
    origin: `http://localhost:${options.port}`,
    port: options.port,
    pid: child.pid,
    readyLine,
    stop,
    killNow: () => {
      if (!exited(child)) child.kill('SIGKILL');
    },
  };
}
