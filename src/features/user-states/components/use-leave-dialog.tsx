import type { ReactNode } from 'react';
import { useBlocker, type Location } from 'react-router';
import { useLeaveGuard } from '../../../components/use-leave-guard';
import { LeaveDialog } from './leave-dialog';

export interface LeaveDialogGuard {
  /** Work would be lost; a function is asked at the moment of leaving (typing re-renders nothing for it). */
  unsaved: boolean | (() => boolean);
  /** Which in-app navigations leave the work behind: another path by default (search and paging stay). */
  leaves?: (from: Location, to: Location) => boolean;
  /** Run when the user chooses to leave, before the navigation goes on. */
  onLeave?: () => void;
}

const otherPath = (from: Location, to: Location) => from.pathname !== to.pathname;

/**
 * A page's guard for unsaved work: an in-app navigation that leaves it asks "Leave without
 * saving?" first, and so do a reload and closing the tab (the browser's own prompt, not when
 * leaving for sign-in: useLeaveGuard). Returns the dialog to render while a navigation waits.
 */
export function useLeaveDialog({ unsaved, leaves = otherPath, onLeave }: LeaveDialogGuard): ReactNode {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      leaves(currentLocation, nextLocation) && (typeof unsaved === 'function' ? unsaved() : unsaved),
  );
  useLeaveGuard(unsaved);
  if (blocker.state !== 'blocked') return null;
  return (
    <LeaveDialog
      onStay={() => blocker.reset()}
      onLeave={() => {
        onLeave?.();
        blocker.proceed();
      }}
    />
  );
}
