import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import type { Emulator } from './app.ts';
import { DropSignal } from './http.ts';

export interface RunningServer {
  server: Server;
  port: number;
  /** http://localhost:{port} */
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves an emulator over HTTP on loopback only. A `drop` fault destroys the socket without an
 * answer, as a failed network or a crashed proxy would.
 */
export async function startServer(emulator: Emulator, options: { port: number; hostname?: string }): Promise<RunningServer> {
  const listener = getRequestListener(async (request: Request, env: HttpBindings | object) => {
    try {
      return await emulator.fetch(request);
    } catch (error) {
      if (error instanceof DropSignal && 'incoming' in env) {
        env.incoming.socket.destroy();
        return new Response(null, { status: 499 });
      }
      throw error;
    }
  });
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void listener(req, res);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const hostname = options.hostname ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    port,
    origin: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
