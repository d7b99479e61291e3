import Link from '@mui/material/Link';
import { isRouteErrorResponse, Link as RouterLink, useRouteError } from 'react-router';
import { ErrorPanel } from '../components/error-panel';
import { NotFoundState } from '../components/not-found';
import { scriptsPath } from '../config/routes';

/** Route-level error boundary: a failure in one page never blanks the app or shows a stack. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <ErrorPanel error={error} title="This page could not be shown">
      <Link component={RouterLink} to={scriptsPath()}>
        Back to scripts
      </Link>
    </ErrorPanel>
  );
}

export function NotFoundPage() {
  return (
    <NotFoundState
      title="Page not found"
      message="There is no page at this address."
      backTo={scriptsPath()}
      backLabel="Back to scripts"
    />
  );
}
