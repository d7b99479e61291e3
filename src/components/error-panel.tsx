import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { describeError } from '../lib/graph/describe-error';
import { CopyButton } from './copy-button';

export interface ErrorPanelProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  /** More actions (e.g. a link back). */
  children?: ReactNode;
}

/**
 * A failure in plain words with the Graph error code and the request id (copyable for support).
 * Never shows a stack trace or Graph's developer message.
 */
export function ErrorPanel({ error, title = 'Something went wrong', onRetry, children }: ErrorPanelProps) {
  const description = describeError(error);
  return (
    <Alert severity="error" role="alert" sx={{ my: 2 }}>
      <AlertTitle>{title}</AlertTitle>
      <Typography variant="body2">{description.message}</Typography>
      <ErrorIds code={description.code} requestId={description.requestId} />
      {(onRetry !== undefined || children !== undefined) && (
        <Box sx={{ mt: 1, display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
          {onRetry !== undefined && (
            <Button size="small" variant="outlined" color="inherit" onClick={onRetry}>
              Try again
            </Button>
          )}
          {children}
        </Box>
      )}
    </Alert>
  );
}

export function ErrorIds({ code, requestId }: { code: string | null; requestId: string | null }) {
  if (code === null && requestId === null) return null;
  return (
    <Box sx={{ mt: 1, display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
      {code !== null && (
        <Typography variant="body2">
          Error code: <code>{code}</code>
        </Typography>
      )}
      {requestId !== null && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Typography variant="body2">
            Request ID: <code>{requestId}</code>
          </Typography>
          <CopyButton text={requestId} label="Copy request ID" color="inherit" />
        </Box>
      )}
    </Box>
  );
}
