/**
 * A clock that moves only when the code under test sleeps: waits are exact and instant whatever
 * the machine's load (with real time, the work between an answer and a wait eats into its delay).
 */
export function fakeClock() {
  const clock = { t: 1_000_000, sleeps: [] as number[] };
  return {
    clock,
    now: () => clock.t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
}
