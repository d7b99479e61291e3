import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';

export interface LoadStatusProps {
  /** What has arrived and what the filters leave, in words (list-status.ts). */
  text: string;
  loaded: number;
  /** Graph's count of all user states, when it gave one. */
  total: number | null;
  streaming: boolean;
}

/** The list's status line, and a progress bar while the pages stream in. */
export function LoadStatus({ text, loaded, total, streaming }: LoadStatusProps) {
  return (
    <Box sx={{ minWidth: 260, flexGrow: 1 }}>
      <Typography variant="body2" role="status" aria-live="polite">
        {text}
      </Typography>
      {streaming && (
        <LinearProgress
          aria-label="Loading user states"
          variant={total ? 'determinate' : 'indeterminate'}
          value={total ? Math.min(100, (loaded / total) * 100) : undefined}
        />
      )}
    </Box>
  );
}
