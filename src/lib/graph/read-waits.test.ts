import { ReadWaits, waitEndsAt } from './read-waits';

describe('ReadWaits', () => {
  it('holds each read that waits, with when its wait ends, until it settles', () => {
    let now = 1_000;
    const waits = new ReadWaits(() => now);
    const changes: number[] = [];
    waits.subscribe(() => changes.push(waits.current().length));
    waits.waiting('a', { attempt: 1, delayMs: 2_000, status: 429 });
    now = 1_500;
    waits.waiting('b', { attempt: 1, delayMs: 500, status: 503 });
    expect(waits.current().map(waitEndsAt)).toEqual([3_000, 2_000]);
    // A second retry of the same read replaces its first wait.
    waits.waiting('a', { attempt: 2, delayMs: 4_000, status: 429 });
    expect(waits.current()).toEqual([
      { attempt: 2, delayMs: 4_000, status: 429, at: 1_500 },
      { attempt: 1, delayMs: 500, status: 503, at: 1_500 },
    ]);
    waits.settled('a');
    waits.settled('a');
    waits.settled('b');
    expect(waits.current()).toEqual([]);
    expect(changes).toEqual([1, 2, 2, 1, 0]);
  });

  it('gives the same array until something changes (useSyncExternalStore needs that)', () => {
    const waits = new ReadWaits();
    waits.waiting('a', { attempt: 1, delayMs: 1, status: null });
    expect(waits.current()).toBe(waits.current());
  });
});
