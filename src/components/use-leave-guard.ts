import { useEffect } from 'react';
import { isLeavingForSignIn } from '../lib/auth/interaction';

/**
 * While `active` (or, given a function, whenever it says so at that moment), closing or reloading
 * the tab asks first (the browser's own dialog). Not when the page leaves for an interactive
 * sign-in: what the user had not saved is kept for the way back (useStashBeforeSignIn). In-app
 * navigation is the page's to guard (react-router's useBlocker): a router allows one blocker.
 */
export function useLeaveGuard(active: boolean | (() => boolean)): void {
  useEffect(() => {
    if (active === false) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      if (isLeavingForSignIn()) return;
      if (typeof active === 'function' && !active()) return;
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
}
