import { Navigate, type RouteObject } from 'react-router';
import { Loading } from '../components/loading';
import { routePatterns, scriptsPath } from '../config/routes';
import { RootLayout } from './layout';
import { NotFoundPage, RouteErrorBoundary } from './route-error';

/**
 * URLs mirror Graph's resource paths. Each page is its own chunk (React Router `lazy`), so the
 * first screen does not download the data grid or the form library.
 */
export const appRoutes: RouteObject[] = [
  {
    path: routePatterns.home,
    element: <RootLayout />,
    hydrateFallbackElement: <Loading label="Loading…" />,
    children: [
      { index: true, element: <Navigate to={scriptsPath()} replace /> },
      {
        ErrorBoundary: RouteErrorBoundary,
        children: [
          { path: routePatterns.scripts, lazy: () => import('./routes/scripts-route') },
          { path: routePatterns.userStates, lazy: () => import('./routes/user-states-route') },
          { path: routePatterns.userState, lazy: () => import('./routes/user-state-route') },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
