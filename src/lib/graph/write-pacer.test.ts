import * as z from 'zod/mini';
import type { BatchWaitNotice } from './batch-types';
import { createGraphClient } from './graph-client';
import { createWritePacer, type ExclusiveLocks, type LedgerStorage, type WritePacerOptions } from './write-pacer';
import { fakeClock } from '../../testing/fake-clock';

function memoryStorage(): LedgerStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

/** Web Locks' contract (one holder per name at a time), recording which names were locked. */
function exclusiveLocks(): ExclusiveLocks & { names: string[]; overlaps: number } {
  let tail = Promise.resolve();
  let holding = false;
  const locks = {
    names: [] as string[],
    overlaps: 0,
    request<T>(name: string, callback: () => T | Promise<T>): Promise<T> {
      locks.names.push(name);
      const run = tail.then(async () => {
        if (holding) locks.overlaps += 1;
        holding = true;
        try {
          return await callback();
        } finally {
          holding = false;
        }
      });
      tail = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },
  };
  return locks;
}

function pacer(time: ReturnType<typeof fakeClock>, extra: WritePacerOptions = {}) {
  return createWritePacer({ limit: 5, windowMs: 1000, unansweredMs: 0, storage: memoryStorage(), locks: null, now: time.now, sleep: time.sleep, ...extra });
}

describe('write pacer', () => {
  it('admits writes up to the limit in a sliding window and waits for the oldest to leave it', async () => {
    const time = fakeClock();
    const writes = pacer(time);
    await writes.acquire(3);
    time.clock.t += 400;
    await writes.acquire(2);
    expect(time.clock.sleeps).toEqual([]);
    const waits: number[] = [];
    await writes.acquire(3, { onWait: (delayMs) => waits.push(delayMs) });
    // The first 3 leave the window 1000 ms after they were taken, 600 ms from now.
    expect(waits).toEqual([600]);
    expect(time.clock.sleeps).toEqual([600]);
  });

  it('counts released writes from their answer, the safe side of when Graph counted them', async () => {
    const time = fakeClock();
    const writes = pacer(time);
    const release = await writes.acquire(5);
    time.clock.t += 300;
    await release();
    await writes.acquire(1);
    expect(time.clock.sleeps).toEqual([1000]);
  });

  it('frees at once the slots a release says were not written', async () => {
    const time = fakeClock();
    const writes = pacer(time);
    const release = await writes.acquire(5);
    await release(2);
    await writes.acquire(3);
    expect(time.clock.sleeps).toEqual([]);
    const none = await writes.acquire(0);
    await none();
    await writes.acquire(1);
    expect(time.clock.sleeps).toEqual([1000]);
  });

  it('counts a reservation never answered (its tab reloaded mid-request) from the latest moment Graph may have counted it', async () => {
    const time = fakeClock();
    const storage = memoryStorage();
    const closedTab = pacer(time, { storage, unansweredMs: 300 });
    await closedTab.acquire(5);
    // The tab is gone without an answer; the next page's pacer reads the same ledger.
    const nextPage = pacer(time, { storage, unansweredMs: 300 });
    await nextPage.acquire(1);
    expect(time.clock.sleeps).toEqual([1300]);
  });

  it('shares one budget between tabs through storage, under an exclusive lock', async () => {
    const time = fakeClock();
    const storage = memoryStorage();
    const locks = exclusiveLocks();
    const tabA = pacer(time, { storage, locks, key: 'tenant-1' });
    const tabB = pacer(time, { storage, locks, key: 'tenant-1' });
    const otherTenant = pacer(time, { storage, locks, key: 'tenant-2' });
    await Promise.all([tabA.acquire(3), tabB.acquire(2), otherTenant.acquire(5)]);
    expect(time.clock.sleeps).toEqual([]);
    await tabB.acquire(1);
    expect(time.clock.sleeps).toEqual([1000]);
    expect(locks.names).toContain('graph-write-pacer:tenant-1');
    expect(locks.overlaps).toBe(0);
    expect([...storage.data.keys()].sort()).toEqual(['graph-write-pacer:tenant-1', 'graph-write-pacer:tenant-2']);
  });

  it('without Web Locks (jsdom) keeps the ledger in localStorage, shared by the pacers of a key', async () => {
    const time = fakeClock();
    const first = createWritePacer({ limit: 2, windowMs: 1000, key: 'jsdom', now: time.now, sleep: time.sleep });
    const second = createWritePacer({ limit: 2, windowMs: 1000, key: 'jsdom', now: time.now, sleep: time.sleep });
    const release = await first.acquire(2);
    await release();
    await (await second.acquire(1))();
    expect(time.clock.sleeps).toEqual([1000]);
    expect(localStorage.getItem('graph-write-pacer:jsdom')).toContain(String(time.clock.t));
  });

  it('refuses a reservation larger than the limit and stops waiting when cancelled', async () => {
    const time = fakeClock();
    const writes = pacer(time);
    await expect(writes.acquire(6)).rejects.toBeInstanceOf(RangeError);
    expect(() => pacer(time, { limit: 0 })).toThrow(RangeError);
    await writes.acquire(5);
    const controller = new AbortController();
    const waiting = writes.acquire(1, { signal: controller.signal, onWait: () => controller.abort() });
    await expect(waiting).rejects.toMatchObject({ code: 'Cancelled' });
  });
});

describe('Graph client write pacing', () => {
  const schema = z.object({ id: z.string() });
  const batchFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const sent: unknown = await request.json();
    if (!request.url.endsWith('/$batch')) return new Response(JSON.stringify({ id: 'single' }), { status: 200 });
    const { requests } = sent as { requests: { id: string }[] };
    const responses = requests.map((inner) => ({ id: inner.id, status: 200, headers: {}, body: { id: inner.id } }));
    return new Response(JSON.stringify({ responses }), { status: 200 });
  };

  /** `key`: pacers of one key share their ledger for the whole run (storage null), so each test has its own. */
  function paced(time: ReturnType<typeof fakeClock>, limit: number, key = `client-${limit}`) {
    const writePacer = createWritePacer({ limit, windowMs: 20_000, storage: null, locks: null, key, now: time.now, sleep: time.sleep });
    return createGraphClient({ baseUrl: 'https://graph.example.test/beta', fetch: batchFetch, getToken: async () => 't', writePacer });
  }

  it('counts each inner PATCH, not each batch, and not reads', async () => {
    const time = fakeClock();
    const client = paced(time, 20);
    const notices: BatchWaitNotice[] = [];
    const reads = Array.from({ length: 40 }, (_, index) => ({ method: 'GET' as const, path: `/r/${index}`, schema }));
    await client.batch(reads, { onWait: (notice) => notices.push(notice) });
    expect(time.clock.sleeps).toEqual([]);
    const writes = Array.from({ length: 30 }, (_, index) => ({ method: 'PATCH' as const, path: `/w/${index}`, body: {}, schema }));
    const results = await client.batch(writes, { onWait: (notice) => notices.push(notice) });
    expect(results.every((result) => result.ok)).toBe(true);
    // 20 writes fill the window; the next 10 wait for it to move on.
    expect(time.clock.sleeps).toEqual([20_000]);
    expect(notices).toEqual([{ reason: 'pacing', delayMs: 20_000, requests: 10, status: null }]);
  });

  it('never puts more writes in one batch than the window holds', async () => {
    const time = fakeClock();
    const client = paced(time, 5);
    const writes = Array.from({ length: 12 }, (_, index) => ({ method: 'PATCH' as const, path: `/w/${index}`, body: {}, schema }));
    const results = await client.batch([...writes, { method: 'GET', path: '/r/1', schema }]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(time.clock.sleeps).toEqual([20_000, 20_000]);
  });

  it('lets a caller take the slots before it checks its rows, and sends those writes without waiting again', async () => {
    const time = fakeClock();
    const client = paced(time, 20, 'slots-taken-first');
    const notices: number[] = [];
    const slots = await client.takeWriteSlots(25, { onWait: (delayMs) => notices.push(delayMs) });
    // No more than the window holds.
    expect(slots.count).toBe(20);
    const writes = Array.from({ length: 12 }, (_, index) => ({ method: 'PATCH' as const, path: `/w/${index}`, body: {}, schema }));
    await client.batch(writes, { slotsTaken: 12 });
    expect(time.clock.sleeps).toEqual([]);
    await slots.release(12);
    // 12 of the window's 20 are written; the 8 not written are free for the next 8 writes.
    await client.batch(writes.slice(0, 8));
    expect(time.clock.sleeps).toEqual([]);
    await client.batch(writes.slice(0, 1));
    expect(time.clock.sleeps).toEqual([20_000]);
    expect(notices).toEqual([]);
  });

  it('makes a single PATCH take a slot of the same budget', async () => {
    const time = fakeClock();
    const client = paced(time, 3);
    await client.patch('/w/1', {}, schema);
    await client.batch([1, 2].map((index) => ({ method: 'PATCH' as const, path: `/w/${index}`, body: {}, schema })));
    expect(time.clock.sleeps).toEqual([]);
    await client.patch('/w/2', {}, schema);
    expect(time.clock.sleeps).toEqual([20_000]);
  });
});
