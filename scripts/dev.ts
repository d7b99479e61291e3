/**
 * `npm run dev`: the hot-reloading variant of `npm start` for development: the emulator plus
 * Vite's dev server on the same ports.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'vite';

const emulator = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', ...process.argv.slice(2)], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
emulator.on('exit', (code) => process.exit(code ?? 1));

const server = await createServer();
await server.listen();
server.printUrls();

function stop(): void {
  emulator.removeAllListeners('exit');
  emulator.kill('SIGTERM');
  void server.close().finally(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
