import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorPanel } from '../components/error-panel';

/**
 * Last line of defence above the router: a failure outside a page (providers, sign-in gate) shows
 * plain words instead of a blank screen. Pages have their own route-level boundaries.
 */
export class AppErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    // Nothing is logged: error texts could carry request details; the panel shows what support needs.
  }

  override render(): ReactNode {
    if (this.state.error !== null) {
      return (
        <main style={{ maxWidth: 720, margin: '40px auto', padding: '0 16px' }}>
          <ErrorPanel error={this.state.error} title="The dashboard stopped working" onRetry={() => window.location.reload()} />
        </main>
      );
    }
    return this.props.children;
  }
}
