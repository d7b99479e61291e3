import { useEffect, useState } from 'react';

/** A wait announced at `at` (a `Date.now()` time) for `delayMs`. */
export interface AnnouncedWait {
  at: number;
  delayMs: number;
}

/**
 * Whole seconds left of `wait`, rounded up and counted down twice a second, or null once it is
 * over (or when there is nothing to wait for): "retrying in 3 s".
 */
export function useSecondsLeft(wait: AnnouncedWait | null): number | null {
  const [tick, setTick] = useState<{ wait: AnnouncedWait; now: number } | null>(null);
  useEffect(() => {
    if (wait === null) return undefined;
    const timer = setInterval(() => {
      const now = Date.now();
      setTick({ wait, now });
      // Over: nothing more to count down until another wait is announced.
      if (now >= wait.at + wait.delayMs) clearInterval(timer);
    }, 500);
    return () => clearInterval(timer);
  }, [wait]);
  if (wait === null) return null;
  // A new wait counts from its own announcement until the first tick for it.
  const now = tick?.wait === wait ? tick.now : wait.at;
  const remainingMs = wait.at + wait.delayMs - now;
  return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : null;
}
