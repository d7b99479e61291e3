import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useSecondsLeft } from '../../../components/use-seconds-left';
import { retryNoticeText } from '../../../lib/graph/describe-error';
import type { SaveWait, WaitingSave } from '../api/save-retries';

/** One banner per save that is waiting out a retry or for Intune's write limit. */
export function RetryNotices({ waiting }: { waiting: readonly WaitingSave[] }) {
  return waiting.map((save) => <RetryNoticeBanner key={save.id} notice={save.notice} onCancel={save.cancel} />);
}

/** "Graph is unavailable; retrying in 5 s (attempt 2)", counting down, with a way to give up. */
function RetryNoticeBanner({ notice, onCancel }: { notice: SaveWait | null; onCancel: () => void }) {
  // Once the wait is over the request is on its way again and can no longer be called off safely.
  const seconds = useSecondsLeft(notice);
  if (notice === null || seconds === null) return null;
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
      {notice.kind === 'write-limit'
        ? `Waiting for Intune's write limit, which bulk edits are using; sending in ${seconds} s`
        : retryNoticeText(notice, seconds)}
    </Alert>
  );
}
