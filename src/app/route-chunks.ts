import { matchPath } from 'react-router';
import { routePatterns } from '../config/routes';
import { loadUserStatesRoute } from './user-states-chunk';

// One import function per page chunk: the router, the start-up preload and the idle prefetch
// share the browser's module cache, so a chunk is fetched and evaluated once. Only routes.tsx and
// main.tsx import this module; route modules never do (that would make an import cycle).
export const loadScriptsRoute = () => import('./routes/scripts-route');
export const loadUserStateRoute = () => import('./routes/user-state-route');
export const loadDeviceStatesRoute = () => import('./routes/device-states-route');

/**
 * Starts downloading the page chunk a deep link needs while MSAL is still starting up, instead
 * of after the router has rendered. A head start that fails is not an error of its own: the
 * router asks for the same chunk when it renders the page, and shows that failure in its place.
 */
export function preloadRouteChunk(pathname: string): void {
  const load = chunkFor(pathname);
  load?.().catch(() => undefined);
}

function chunkFor(pathname: string): (() => Promise<unknown>) | null {
  if (matchPath(routePatterns.userStates, pathname)) return loadUserStatesRoute;
  if (matchPath(routePatterns.userState, pathname)) return loadUserStateRoute;
  if (matchPath(routePatterns.deviceStates, pathname)) return loadDeviceStatesRoute;
  if (matchPath({ path: routePatterns.scripts }, pathname) || pathname === routePatterns.home) return loadScriptsRoute;
  return null;
}
