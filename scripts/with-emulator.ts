/** What `npm start` and `npm run dev` share: the emulator as a child process, stopped with the server. */
import { spawn, type ChildProcess } from 'node:child_process';

/** Starts `emulator/main.ts` with the given arguments; if it stops on its own, so does this process. */
export function startEmulator(args: readonly string[]): ChildProcess {
  const emulator = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  emulator.on('exit', (code) => {
    console.error(`The emulator stopped (exit code ${code ?? 'none'}).`);
    process.exit(code ?? 1);
  });
  return emulator;
}

/** On Ctrl+C or SIGTERM: stop the emulator, close the web server, exit. */
export function stopTogetherOnSignals(emulator: ChildProcess, server: { close: () => Promise<void> }): void {
  const stop = () => {
    emulator.removeAllListeners('exit');
    emulator.kill('SIGTERM');
    void server.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
