import Alert from '@mui/material/Alert';
import type { ReactNode } from 'react';
import { ErrorBoundary } from '../../../components/error-boundary';

const missingSummary = () => (
  <Alert severity="warning" sx={{ mb: 2 }}>
    The run summary could not load. The list below is complete; reload the page to see the summary.
  </Alert>
);

/**
 * Keeps a run summary that could not load (its chart code did not download: the connection
 * dropped just after the page opened, say) from taking the page with it. The grid, the edits being
 * typed and the saves waiting for the network go on; the summary's place says it is missing.
 */
export function RunSummaryBoundary({ children }: { children: ReactNode }) {
  return <ErrorBoundary fallback={missingSummary}>{children}</ErrorBoundary>;
}
