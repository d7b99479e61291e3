import { defaultWriteLimit } from './write-limit';
import type { WritePacer, WritePacerOptions } from './write-pacer';

/**
 * The client's default pacer. Browsing never writes, so the pacer's code (ledger, locks, storage)
 * loads on the first write instead of with the first screen.
 */
export function lazyWritePacer(options: WritePacerOptions = {}): WritePacer {
  let pacer: Promise<WritePacer> | undefined;
  return {
    limit: options.limit ?? defaultWriteLimit,
    async acquire(count, acquireOptions) {
      pacer ??= import('./write-pacer').then(({ createWritePacer }) => createWritePacer(options));
      return (await pacer).acquire(count, acquireOptions);
    },
  };
}

/** Runs one write inside a slot of the pacer's budget (none: at once). */
export async function withWriteSlot<T>(pacer: WritePacer | null, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
  const release = pacer ? await pacer.acquire(1, signal ? { signal } : {}) : null;
  try {
    return await run();
  } finally {
    await release?.();
  }
}
