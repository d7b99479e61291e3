import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { formatCount } from '../../../lib/format-number';
import { jobProgress, type BulkJobState } from './job-state';

export interface KeptJobOfferProps {
  state: BulkJobState;
  canWrite: boolean;
  /** Why it could not be resumed just now (another tab has the script's job open), or null. */
  problem: string | null;
  onResume: () => void;
  onDiscard: () => void;
}

/** A bulk job that stopped when the page was left (a reload, a sign-in round trip), offered to go on where it stopped. */
export function KeptJobOffer({ state, canWrite, problem, onResume, onDiscard }: KeptJobOfferProps) {
  const progress = jobProgress(state);
  return (
    <Alert
      severity="warning"
      sx={{ mb: 2 }}
      action={
        <>
          {canWrite && (
            <Button color="inherit" size="small" onClick={onResume}>
              Resume bulk edit
            </Button>
          )}
          <Button color="inherit" size="small" onClick={onDiscard}>
            Discard
          </Button>
        </>
      }
    >
      A bulk edit of this script stopped before it finished: {formatCount(progress.done)} of{' '}
      {formatCount(progress.total)} rows done, {formatCount(progress.pending)} still to send. Nothing more is sent until
      you resume it; each row is checked against Graph first, so none is written twice.
      {problem !== null && <> {problem}</>}
    </Alert>
  );
}

/** A job that could not start because another tab has this script's job open. */
export function JobLockProblem({ text }: { text: string }) {
  return (
    <Alert severity="error" sx={{ mb: 2 }}>
      {text}
    </Alert>
  );
}
