/**
 * `npm run dev`: the hot-reloading variant of `npm start` for development: the emulator plus
 * Vite's dev server on the same ports.
 */
import { createServer } from 'vite';
import { startEmulator, stopTogetherOnSignals } from './with-emulator.ts';

const emulator = startEmulator(process.argv.slice(2));
const server = await createServer();
await server.listen();
server.printUrls();
stopTogetherOnSignals(emulator, server);
