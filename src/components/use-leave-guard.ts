import { useEffect } from 'react';

/**
 * While `active`, closing or reloading the tab asks first (the browser's own dialog). In-app
 * navigation is the page's to guard (react-router's useBlocker): a router allows one blocker.
 */
export function useLeaveGuard(active: boolean): void {
  useEffect(() => {
    if (!active) return undefined;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
}
