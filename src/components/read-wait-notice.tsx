import Alert from '@mui/material/Alert';
import { useSyncExternalStore } from 'react';
import { retryNoticeText } from '../lib/graph/describe-error';
import { useReadWaits } from '../lib/graph/graph-context';
import { waitEndsAt, type WaitingRead } from '../lib/graph/read-waits';
import { useSecondsLeft } from './use-seconds-left';

const noWaits: readonly WaitingRead[] = [];
const noStore = () => () => {};

/**
 * "Loading is held up: Graph is throttling; retrying in 3 s (attempt 2)" while a list, a record, its
 * devices or its history wait out a retry, so a long "Loading…" says why. The reads go on by
 * themselves; saves have their own notice, with Cancel.
 */
export function ReadWaitNotice() {
  const store = useReadWaits();
  const waits = useSyncExternalStore(store?.subscribe ?? noStore, store?.current ?? (() => noWaits));
  return waits.length === 0 ? null : <WaitingReads waits={waits} />;
}

function WaitingReads({ waits }: { waits: readonly WaitingRead[] }) {
  // The wait that ends last: until then some read is still held back. Several reads held back
  // at once (a page and its devices) are throttled for the same reason, so one line says it.
  const last = waits.reduce((latest, wait) => (waitEndsAt(wait) > waitEndsAt(latest) ? wait : latest));
  const seconds = useSecondsLeft(last);
  if (seconds === null) return null;
  return (
    <Alert severity="info" role="status" sx={{ borderRadius: 0 }}>
      Loading is held up: {retryNoticeText(last, seconds)}
    </Alert>
  );
}
