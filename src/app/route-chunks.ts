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
 * of after the router has rendered.
 */
export function preloadRouteChunk(pathname: string): void {
  if (matchPath(routePatterns.userStates, pathname)) void loadUserStatesRoute();
  else if (matchPath(routePatterns.userState, pathname)) void loadUserStateRoute();
  else if (matchPath({ path: routePatterns.scripts }, pathname) || pathname === routePatterns.home) void loadScriptsRoute();
}
