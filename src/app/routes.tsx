import type { QueryClient } from '@tanstack/react-query';
import { matchPath, Navigate, type RouteObject } from 'react-router';
import { Loading } from '../components/loading';
import { routePatterns, scriptsPath } from '../config/routes';
import type { GraphClient } from '../lib/graph/graph-client';
import { RootLayout } from './layout';
import { NotFoundPage, RouteErrorBoundary } from './route-error';

/** What a route needs to start its data before its page renders. */
export interface RouteServices {
  queryClient: QueryClient;
  graph: GraphClient;
}

// One import function per page chunk: the router, the start-up preload and the idle prefetch
// share the browser's module cache, so a chunk is fetched and evaluated once.
const loadScriptsRoute = () => import('./routes/scripts-route');
const loadUserStatesRoute = () => import('./routes/user-states-route');
const loadUserStateRoute = () => import('./routes/user-state-route');

/**
 * Starts downloading the page chunk a deep link needs while MSAL is still starting up, instead
 * of after the router has rendered.
 */
export function preloadRouteChunk(pathname: string): void {
  if (matchPath(routePatterns.userStates, pathname)) void loadUserStatesRoute();
  else if (matchPath(routePatterns.userState, pathname)) void loadUserStateRoute();
  else if (matchPath({ path: routePatterns.scripts }, pathname) || pathname === routePatterns.home) void loadScriptsRoute();
}

/** The user-states page is where a script link leads: its chunk is fetched once the list is idle. */
export function prefetchUserStatesChunk(): void {
  void loadUserStatesRoute();
}

/**
 * URLs mirror Graph's resource paths. Each page is its own chunk (React Router `lazy`), so the
 * first screen does not download the data grid or the form library. A page's loader starts its
 * Graph reads as soon as its chunk is in, without waiting for them (the page shows them as they
 * arrive), so the requests overlap the page's first render instead of following it.
 */
export function createAppRoutes(services: RouteServices): RouteObject[] {
  return [
    {
      path: routePatterns.home,
      element: <RootLayout />,
      hydrateFallbackElement: <Loading label="Loading…" />,
      children: [
        { index: true, element: <Navigate to={scriptsPath()} replace /> },
        {
          ErrorBoundary: RouteErrorBoundary,
          children: [
            { path: routePatterns.scripts, lazy: loadScriptsRoute },
            {
              path: routePatterns.userStates,
              lazy: async () => {
                const route = await loadUserStatesRoute();
                return {
                  Component: route.Component,
                  loader: ({ params }) => {
                    route.startLoading(services, params.scriptId ?? '');
                    return null;
                  },
                  // Search, sort and page live in the URL: the list itself does not change with them.
                  shouldRevalidate: ({ currentParams, nextParams }) => currentParams.scriptId !== nextParams.scriptId,
                };
              },
            },
            { path: routePatterns.userState, lazy: loadUserStateRoute },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ];
}
