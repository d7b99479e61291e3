import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useSecondsLeft } from '../../../components/use-seconds-left';
import { retryNoticeText } from '../../../lib/graph/describe-error';
import type { SaveWait, WaitingSave } from '../api/save-retries';

/** One banner per save that is waiting out a retry or for Intune's write limit. */
export function RetryNotices({ waiting }: { waiting: readonly WaitingSave[] }) {
  return waiting.map((save) => <RetryNoticeBanner key={save.id} notice={save.notice} onCancel={save.cancel} />);
}

/**
 * "Graph is unavailable; retrying in 5 s (attempt 2)", counting down, with a way to give up; then,
 * while the record is read again before the resend, that (nothing more has been sent yet).
 */
function RetryNoticeBanner({ notice, onCancel }: { notice: SaveWait; onCancel: () => void }) {
  // Once a wait is over the request is on its way again and can no longer be called off safely.
  const seconds = useSecondsLeft(notice.kind === 'check' ? null : notice);
  if (notice.kind !== 'check' && seconds === null) return null;
  return (
    <Alert
      severity="info"
      role="status"
      sx={{ mb: 2 }}
      action={
        <Button color="inherit" size="small" onClick={onCancel}>
          Cancel save
        </Button>
      }
    >
      {waitText(notice, seconds ?? 0)}
    </Alert>
  );
}

function waitText(notice: SaveWait, seconds: number): string {
  if (notice.kind === 'check') return 'Checking that no one changed the record meanwhile, then sending the save again';
  if (notice.kind === 'write-limit') return `Waiting for Intune's write limit, which bulk edits are using; sending in ${seconds} s`;
  return retryNoticeText(notice, seconds);
}
