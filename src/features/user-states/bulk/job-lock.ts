import type { ScriptKind } from '../../../lib/script-kinds';

/** Held while a tab has a bulk job of a script open; `release` lets another tab start one. */
export interface JobLock {
  release: () => void;
}

/**
 * One bulk job per script across the browser's tabs (a duplicated tab carries the same kept job):
 * a Web Lock held for as long as the job's panel is open. Null when another tab holds it. Where
 * Web Locks are missing (an old browser, an insecure origin) every tab gets the lock.
 */
export async function takeJobLock(scriptKind: ScriptKind, scriptId: string): Promise<JobLock | null> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks === undefined) return { release: () => {} };
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const granted = await new Promise<boolean>((resolveGranted) => {
    void locks.request(`intune-states.bulk-job:${scriptKind}:${scriptId}`, { ifAvailable: true }, async (lock) => {
      resolveGranted(lock !== null);
      // The lock is held until the promise returned here settles.
      if (lock !== null) await held;
    });
  });
  return granted ? { release } : null;
}
