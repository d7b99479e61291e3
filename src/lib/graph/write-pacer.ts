/**
 * Holds Graph writes under Intune's limit (200 writes per 20 s per app per tenant,
 * https://learn.microsoft.com/graph/throttling-limits), so a bulk job spends its time writing
 * rather than in 429s. A sliding-window ledger of taken slots, shared by every client of the same
 * key in this tab and, through localStorage guarded by the Web Locks API, by the other tabs of the
 * origin. Without Web Locks (jsdom, Node) it degrades to sharing within this JavaScript realm.
 * See docs/decisions/009-batch-and-write-pacing.md.
 */

import { cancelledErrorCode, GraphError } from './graph-error';
import { defaultWriteLimit, defaultWriteWindowMs } from './write-limit';

/** What the ledger is kept in; `localStorage` fits as it is. */
export interface LedgerStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The part of `navigator.locks` (LockManager) the pacer uses. */
export interface ExclusiveLocks {
  request<T>(name: string, callback: () => T | Promise<T>): Promise<T>;
}

export interface WritePacerOptions {
  /** Writes allowed per window (Intune: 200 per app per tenant). */
  limit?: number;
  windowMs?: number;
  /** Which budget: tabs and clients with the same key share it (e.g. the tenant id). */
  key?: string;
  /** Default: `localStorage` when there is one; null keeps the ledger in memory only. */
  storage?: LedgerStorage | null;
  /** Default: `navigator.locks` when there is one; without locks, tabs do not share the ledger. */
  locks?: ExclusiveLocks | null;
  /**
   * How long after it is taken an unanswered reservation may still reach Graph: the Graph
   * client's request timeout (60 s). Until its answer, a reservation counts from then.
   */
  unansweredMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface AcquireOptions {
  signal?: AbortSignal;
  /** Told before each wait for a free slot ("waiting 5 s for Graph's write limit"). */
  onWait?: (delayMs: number) => void;
}

/**
 * Call when the writes have been answered: the slots then count from that moment. `used`: how
 * many of them were written (a caller that took slots before checking its rows may write fewer);
 * the others are free at once. All of them by default.
 */
export type ReleaseSlots = (used?: number) => Promise<void>;

export interface WritePacer {
  readonly limit: number;
  /** Waits until `count` write slots are free in the window, then takes them. */
  acquire(count: number, options?: AcquireOptions): Promise<ReleaseSlots>;
}

/** One reservation: id, time it counts from (ms), number of writes. */
type Entry = [id: string, at: number, count: number];

const storagePrefix = 'graph-write-pacer:';

// Ledgers kept without storage, shared by the pacers of one key in this realm.
const memoryLedgers = new Map<string, Entry[]>();

function defaultStorage(): LedgerStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage can be switched off (privacy settings); pace within the tab then.
    return null;
  }
}

function defaultLocks(): ExclusiveLocks | null {
  return typeof navigator !== 'undefined' && 'locks' in navigator && navigator.locks ? navigator.locks : null;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function isEntry(value: unknown): value is Entry {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'number' &&
    typeof value[2] === 'number'
  );
}

export function createWritePacer(options: WritePacerOptions = {}): WritePacer {
  const limit = options.limit ?? defaultWriteLimit;
  const windowMs = options.windowMs ?? defaultWriteWindowMs;
  if (!Number.isInteger(limit) || limit < 1 || !(windowMs > 0)) throw new RangeError('A write pacer needs a limit of 1 or more and a window.');
  const key = `${storagePrefix}${options.key ?? 'default'}`;
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const locks = options.locks === undefined ? defaultLocks() : options.locks;
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? abortableSleep;
  const unansweredMs = options.unansweredMs ?? 60_000;
  let sequence = 0;

  function read(): Entry[] {
    if (storage === null) return memoryLedgers.get(key) ?? [];
    try {
      const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      // A torn or foreign value: start a fresh ledger rather than stop writing.
      return [];
    }
  }

  function write(entries: Entry[]): void {
    if (storage === null) memoryLedgers.set(key, entries);
    else storage.setItem(key, JSON.stringify(entries));
  }

  /** Read-modify-write of the ledger, exclusive across tabs when Web Locks exist. */
  function update<T>(change: (entries: Entry[], at: number) => { entries: Entry[]; result: T }): Promise<T> {
    const run = () => {
      const at = now();
      const { entries, result } = change(
        read().filter(([, since]) => since + windowMs > at),
        at,
      );
      write(entries);
      return result;
    };
    // Without locks the critical section is synchronous, so it is atomic within this realm.
    return locks === null ? Promise.resolve(run()) : locks.request(key, run);
  }

  return {
    limit,
    async acquire(count, acquireOptions = {}) {
      if (!Number.isInteger(count) || count < 0 || count > limit) {
        throw new RangeError(`A reservation must be 0-${limit} writes, got ${count}.`);
      }
      if (count === 0) return async () => {};
      sequence += 1;
      const id = `${Math.random().toString(36).slice(2)}-${sequence}`;
      const { signal } = acquireOptions;
      const cancelled = () =>
        new GraphError({ status: 0, code: cancelledErrorCode, message: 'The request was cancelled.' });
      for (;;) {
        if (signal?.aborted) throw cancelled();
        const waitMs = await update((entries, at) => {
          const used = entries.reduce((sum, [, , n]) => sum + n, 0);
          // Counted from the latest moment Graph may count them until they are answered: a tab
          // reloaded or closed mid-request never answers, and its writes did reach Graph.
          if (used + count <= limit) return { entries: [...entries, [id, at + unansweredMs, count]], result: 0 };
          // The earliest moment enough old reservations have left the window.
          const byTime = [...entries].sort((a, b) => a[1] - b[1]);
          let freed = 0;
          for (const [, since, n] of byTime) {
            freed += n;
            if (used - freed + count <= limit) return { entries, result: since + windowMs - at };
          }
          return { entries, result: windowMs };
        });
        if (waitMs <= 0) break;
        acquireOptions.onWait?.(waitMs);
        try {
          await sleep(waitMs, signal);
        } catch (error) {
          if (signal?.aborted) throw cancelled();
          throw error;
        }
      }
      // Graph counted the writes somewhere between sending and answering; counting them from the
      // answer is the safe side of that.
      return (used = count) =>
        update((entries, at) => ({
          entries: entries.flatMap((entry): Entry[] => (entry[0] !== id ? [entry] : used > 0 ? [[id, at, Math.min(used, entry[2])]] : [])),
          result: undefined,
        }));
    },
  };
}
