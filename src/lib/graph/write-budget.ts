import { loadUntilFailed } from '../load-until-failed';
import { defaultWriteLimit } from './write-limit';
import type { AcquireOptions, ReleaseSlots, WritePacer, WritePacerOptions } from './write-pacer';

/**
 * The client's default pacer. Browsing never writes, so the pacer's code (ledger, locks, storage)
 * loads on the first write instead of with the first screen.
 *
 * If that code cannot download (the connection dropped at the first write), the write goes out
 * without a slot rather than failing: the admin's edit is not held hostage to a part of the app,
 * and Graph's own 429 answers, which the client waits out, still pace it. A browser keeps a failed
 * module download for the page's life, so failing instead would refuse every save until a reload
 * that loses the typed values. The next write asks for the code again. A bulk job never meets
 * this: its own code imports the pacer's, so it cannot start without it.
 */
export function lazyWritePacer(options: WritePacerOptions = {}): WritePacer {
  const loadCode = loadUntilFailed(() => import('./write-pacer'));
  let pacer: WritePacer | undefined;
  return {
    limit: options.limit ?? defaultWriteLimit,
    async acquire(count, acquireOptions) {
      if (pacer === undefined) {
        const code = await loadCode().catch(() => null);
        if (code === null) return async () => undefined;
        // Only the download falls back: a pacer that cannot start is a fault to report, not a
        // reason to write unpaced.
        pacer ??= code.createWritePacer(options);
      }
      return pacer.acquire(count, acquireOptions);
    },
  };
}

/** Runs one write inside a slot of the pacer's budget (none: at once), saying when it has to wait for one. */
export async function withWriteSlot<T>(
  pacer: WritePacer | null,
  { signal, onWriteLimitWait }: { signal?: AbortSignal | undefined; onWriteLimitWait?: ((delayMs: number) => void) | undefined },
  run: () => Promise<T>,
): Promise<T> {
  const release = pacer
    ? await pacer.acquire(1, { ...(signal ? { signal } : {}), ...(onWriteLimitWait ? { onWait: onWriteLimitWait } : {}) })
    : null;
  try {
    return await run();
  } finally {
    await release?.();
  }
}

/** Up to `count` slots taken now, the pacer's whole window at most (`GraphClient.takeWriteSlots`). */
export async function takeWriteSlots(
  pacer: WritePacer | null,
  count: number,
  options?: AcquireOptions,
): Promise<{ count: number; release: ReleaseSlots }> {
  if (pacer === null) return { count, release: async () => {} };
  const taken = Math.min(count, pacer.limit);
  return { count: taken, release: await pacer.acquire(taken, options) };
}
