import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { UserPrincipalName } from '../../../components/user-principal-name';
import { formatCount } from '../../../lib/format-number';
import { defaultWriteLimit, defaultWriteWindowMs } from '../../../lib/graph/write-limit';
import { plainUserPrincipalName } from '../../../lib/hidden-characters';
import type { BulkJob } from './job';
import { jobProgress, rowsPerSecond, secondsLeft, type JobRow } from './job-state';
import { outcomeText } from './outcome-text';

/** Rows listed in the panel (conflicts and failures first); the export holds them all. */
const listLimit = 200;
const intuneLimit = { writes: defaultWriteLimit, windowMs: defaultWriteWindowMs };
const rateFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

const order: Record<JobRow['outcome']['kind'], number> = { conflict: 0, failed: 1, pending: 2, saved: 3, skipped: 4 };

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${seconds % 60} s`;
}

/** The time, moving each second while `ticking`: the rate and time left follow a job that waits. */
function useClock(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

export interface JobPanelProps {
  job: BulkJob;
  /** Only an account that may write can overwrite or retry. */
  canWrite: boolean;
  /** "Export CSV" of the job's rows (the route's Export CSV button). */
  renderExport: (rows: readonly JobRow[]) => ReactNode;
  /** False when the tab's storage cannot hold the job: a reload or sign-in would end it. */
  keptAcrossReload: boolean;
  onClose: () => void;
}

/** The running (or finished) bulk job: progress, pace, controls and every row's outcome. */
export function JobPanel({ job, canWrite, renderExport, keptAcrossReload, onClose }: JobPanelProps) {
  const titleId = useId();
  const state = useSyncExternalStore(job.subscribe, job.getState);
  const progress = jobProgress(state);
  const active = state.status === 'running' || state.status === 'paused';
  const now = useClock(state.status === 'running');
  const rate = rowsPerSecond(state, now);
  const left = secondsLeft(state, now, intuneLimit);
  const listed = useMemo(() => state.rows.slice().sort((a, b) => order[a.outcome.kind] - order[b.outcome.kind]).slice(0, listLimit), [state.rows]);
  const statusWord = { running: 'Running', paused: 'Paused', cancelled: 'Cancelled', finished: 'Finished' }[state.status];

  return (
    <Paper component="section" aria-labelledby={titleId} variant="outlined" sx={{ p: 2, mb: 2 }}>
      <Typography variant="h6" component="h2" id={titleId}>
        Bulk edit: {statusWord}
      </Typography>
      <LinearProgress
        variant="determinate"
        aria-label="Bulk edit progress"
        value={progress.total === 0 ? 100 : (progress.done / progress.total) * 100}
        sx={{ my: 1 }}
      />
      <Typography variant="body2" role="status">
        {formatCount(progress.done)} of {formatCount(progress.total)} done
        {rate === null ? '' : ` · ${rateFormat.format(rate)} rows per second`}
        {active && progress.pending > 0 ? ` · about ${duration(left)} left at Intune's limit of ${defaultWriteLimit} writes per ${defaultWriteWindowMs / 1000} s` : ''}
      </Typography>
      <Typography variant="body2">
        Saved {formatCount(progress.saved)} · Skipped {formatCount(progress.skipped)} · Conflicts {formatCount(progress.conflicts)} · Failed{' '}
        {formatCount(progress.failed)}
      </Typography>
      {state.waiting !== null && <Typography variant="body2">{state.waiting}</Typography>}
      {active && !keptAcrossReload && (
        <Typography variant="body2">
          This job is too large for the tab&apos;s storage: a reload or a sign-in would end it. Keep this tab open until it finishes.
        </Typography>
      )}
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'flex-start', my: 1 }}>
        {state.status === 'running' && <Button onClick={job.pause}>Pause</Button>}
        {state.status === 'paused' && <Button onClick={job.resume}>Resume</Button>}
        {active && <Button onClick={job.cancel}>Cancel</Button>}
        {!active && canWrite && progress.failed > 0 && <Button onClick={job.retryFailed}>Retry failed</Button>}
        {canWrite && progress.conflicts > 0 && <Button onClick={job.overwriteAllConflicts}>Overwrite all conflicts</Button>}
        {!active && (
          <>
            {renderExport(state.rows)}
            <Button onClick={onClose}>Close</Button>
          </>
        )}
      </Box>
      <Table size="small" aria-label="Bulk edit rows">
        <TableHead>
          <TableRow>
            <TableCell>User principal name</TableCell>
            <TableCell>Outcome</TableCell>
            <TableCell>
              <Box component="span" sx={visuallyHidden}>
                Action
              </Box>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {listed.map((row) => (
            <TableRow key={row.id} data-id={row.id}>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>
                <UserPrincipalName value={row.before.userPrincipalName} />
              </TableCell>
              <TableCell>{outcomeText(row)}</TableCell>
              <TableCell>
                {canWrite && row.outcome.kind === 'conflict' && (
                  <Button size="small" onClick={() => job.overwrite([row.id])} aria-label={`Overwrite ${plainUserPrincipalName(row.before.userPrincipalName)}`}>
                    Overwrite
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {state.rows.length > listLimit && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {formatCount(state.rows.length - listLimit)} more rows are in the export.
        </Typography>
      )}
    </Paper>
  );
}

// In `sx` a bare 1 means 100 %: the pixel is spelled out (the header once made the page 2,700 px wide).
const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;
