import { useEffect, useRef, useState } from 'react';
import { onBeforeInteraction } from '../../../lib/auth/interaction';
import type { BulkJob } from './job';
import { forgetKeptJob, keepJob, type KeptJobMeta } from './job-storage';

/** A job this page runs, with what it needs to be taken up again as the same job. */
export interface OpenJob {
  job: BulkJob;
  meta: KeptJobMeta;
}

/** Writing a 1,000-row job takes a few milliseconds: often enough to lose little, rarely enough to cost nothing. */
const keepEveryMs = 1000;

const isActive = (job: BulkJob) => {
  const { status } = job.getState();
  return status === 'running' || status === 'paused';
};

/**
 * Keeps the open job in sessionStorage while it runs (throttled, and at once when the page is
 * hidden or MSAL is about to navigate for sign-in), asks before the tab is closed or reloaded,
 * pauses it while the browser is offline, and pauses it when the page goes (it is offered again
 * there). Returns false when the tab's storage cannot hold the job.
 */
export function useKeptJob(open: OpenJob | null): boolean {
  const [fits, setFits] = useState(true);
  const mounted = useRef<OpenJob | null>(null);
  useEffect(() => {
    if (open === null) return undefined;
    const { job, meta } = open;
    mounted.current = open;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let leavingForSignIn = false;
    const flush = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      const state = job.getState();
      if (isActive(job)) setFits(keepJob(state, meta, Date.now()));
      else forgetKeptJob(state.scriptKind, state.scriptId);
    };
    const schedule = () => {
      timer ??= setTimeout(flush, keepEveryMs);
    };
    const warn = (event: BeforeUnloadEvent) => {
      if (isActive(job) && !leavingForSignIn) event.preventDefault();
    };
    const wentOffline = () => job.pauseWhileOffline();
    const cameBack = () => {
      if (job.getState().pausedOffline) job.resume();
    };
    const unsubscribe = job.subscribe(schedule);
    const stopWatchingSignIn = onBeforeInteraction(() => {
      leavingForSignIn = true;
      flush();
    });
    window.addEventListener('beforeunload', warn);
    window.addEventListener('pagehide', flush);
    window.addEventListener('offline', wentOffline);
    window.addEventListener('online', cameBack);
    if (!navigator.onLine) wentOffline();
    flush();
    return () => {
      unsubscribe();
      stopWatchingSignIn();
      window.removeEventListener('beforeunload', warn);
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('offline', wentOffline);
      window.removeEventListener('online', cameBack);
      mounted.current = null;
      if (timer !== null) clearTimeout(timer);
      // Now, before the next job of this script is kept under the same key.
      if (!isActive(job)) {
        forgetKeptJob(job.getState().scriptKind, job.getState().scriptId);
        return;
      }
      // Checked a task later: StrictMode runs the effect again at once, and that is no leaving.
      setTimeout(() => {
        if (mounted.current === open) return;
        // The page went mid-job: the job stops after its batch in flight and is kept as it then
        // stands, to be offered when the page is opened again.
        job.pause();
        void job.idle().then(() => keepJob(job.getState(), meta, Date.now()));
      }, 0);
    };
  }, [open]);
  return fits;
}
