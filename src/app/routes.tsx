import { Navigate, type RouteObject } from 'react-router';
import { Loading } from '../components/loading';
import { routePatterns, scriptsPath } from '../config/routes';
import { RootLayout } from './layout';
import { loadDeviceStatesRoute, loadScriptsRoute, loadUserStateRoute } from './route-chunks';
import type { RouteServices } from './route-services';
import { NotFoundPage, RouteErrorBoundary } from './route-error';
import { loadUserStatesRoute } from './user-states-chunk';

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
                  // Starts the page's reads and takes what a sign-in round trip kept for it.
                  loader: ({ params }) => route.startLoading(services, params),
                  // Search, sort and page live in the URL: the list itself does not change with them.
                  shouldRevalidate: ({ currentParams, nextParams }) =>
                    currentParams.kind !== nextParams.kind || currentParams.scriptId !== nextParams.scriptId,
                };
              },
            },
            {
              path: routePatterns.userState,
              lazy: async () => {
                const route = await loadUserStateRoute();
                return { Component: route.Component, loader: ({ params }) => route.startLoading(services, params) };
              },
            },
            { path: routePatterns.deviceStates, lazy: loadDeviceStatesRoute },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ];
}
