import type { ReactNode } from 'react';
import { useBlocker } from 'react-router';
import { useLeaveGuard } from '../../../components/use-leave-guard';
import { LeaveDialog } from './leave-dialog';

/**
 * The grid page's guard: leaving it (another page of the app, a reload, closing the tab) asks
 * first while `hasUnsaved` says work would be lost: a row with typed text not yet saved, a refused
 * save still offering Retry, a kept edit waiting for its row. Asked at the moment of leaving, so
 * typing does not re-render anything for it. Search, sort and paging stay on the page: not asked.
 * Returns the dialog to render while a navigation waits for the answer.
 */
export function usePageLeaveGuard(hasUnsaved: () => boolean): ReactNode {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && hasUnsaved());
  useLeaveGuard(hasUnsaved);
  return blocker.state === 'blocked' ? <LeaveDialog onStay={() => blocker.reset()} onLeave={() => blocker.proceed()} /> : null;
}
