import type { ReactNode } from 'react';
import { ErrorBoundary } from '../components/error-boundary';
import { ErrorPanel } from '../components/error-panel';

/**
 * Last line of defence above the router: a failure outside a page (providers, sign-in gate) shows
 * plain words instead of a blank screen. Pages have their own route-level boundaries. Nothing is
 * logged by the app: error texts could carry request details; the panel shows what support needs.
 */
export function AppErrorBoundary({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary
      fallback={(error) => (
        <main style={{ maxWidth: 720, margin: '40px auto', padding: '0 16px' }}>
          <ErrorPanel error={error} title="The dashboard stopped working" onRetry={() => window.location.reload()} />
        </main>
      )}
    >
      {children}
    </ErrorBoundary>
  );
}
