import Alert from '@mui/material/Alert';
import { Component, type ReactNode } from 'react';

/**
 * Keeps a run summary that could not load (its chart code did not download: the connection
 * dropped just after the page opened, say) from taking the page with it. The grid, the edits being
 * typed and the saves waiting for the network go on; the summary's place says it is missing.
 */
export class RunSummaryBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Alert severity="warning" sx={{ mb: 2 }}>
        The run summary could not load. The list below is complete; reload the page to see the summary.
      </Alert>
    );
  }
}
