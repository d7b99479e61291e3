import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useRef, useState } from 'react';
import { ErrorPanel } from '../../../components/error-panel';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { Loading } from '../../../components/loading';
import { useAuthSession } from '../../../lib/auth/auth-session';
import { isGraphError } from '../../../lib/graph/graph-error';
import { plainUserPrincipalName } from '../../../lib/hidden-characters';
import { auditReadScopeName, retentionDays, useHistory } from '../api/list-audit-events';
import type { AuditEvent } from '../api/schema';
import { historyCsvColumns, historyCsvLines, type HistoryCsvLine } from '../history-csv';
import type { EditableField } from '../../user-states/api/schema';
import { historyRows, localTime, rowsChanging, type SessionEdit } from '../history-rows';
import { FieldFilter } from './field-filter';
import { HistoryTable } from './history-table';

export interface RecordHistoryProps {
  /** The user state's id: its audit events' `resourceId`. */
  stateId: string;
  /** The record's UPN once read: names the export file. */
  userPrincipalName?: string | undefined;
  /** This session's saves of the record, oldest first (the edit coordinator's log; the route hands it in). */
  sessionEdits: readonly SessionEdit[];
}

const loadHistoryCsvColumns = async () => historyCsvColumns;

/**
 * "History": Intune's audit events for one record, newest first, a window at a time, with this
 * session's saves shown at once (before the log has them). Asks for the audit permission the
 * first time it loads (incremental consent) and says which one is missing when it is.
 */
export function RecordHistory({ stateId, userPrincipalName, sessionEdits }: RecordHistoryProps) {
  const headingId = useId();
  const history = useHistory(stateId);
  const { account } = useAuthSession();
  useRereadAfterSave(sessionEdits.length, history.refetch);
  const pages = history.data?.pages;
  const rowsOf = (events: readonly AuditEvent[]) => historyRows(events, sessionEdits, stateId, account.username);
  const [field, setField] = useState<EditableField | null>(null);
  const rows = rowsChanging(rowsOf(pages?.flatMap((page) => page.events) ?? []), field);
  const now = useClock();
  const refused = isGraphError(history.error) && history.error.status === 403;

  const collectRows = async (): Promise<readonly HistoryCsvLine[]> => {
    // The export holds everything Intune still keeps: the older windows are read first.
    let { data, hasNextPage } = history;
    while (hasNextPage) ({ data, hasNextPage } = await history.fetchNextPage({ throwOnError: true }));
    return historyCsvLines(rowsChanging(rowsOf(data?.pages.flatMap((page) => page.events) ?? []), field));
  };

  return (
    <Box component="section" aria-labelledby={headingId} sx={{ mt: 3 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 2, flexWrap: 'wrap', mb: 1 }}>
        <Typography id={headingId} variant="h6" component="h2">
          History
        </Typography>
        {history.isSuccess && (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
            <FieldFilter value={field} onChange={setField} />
            <ExportCsvButton
              collectRows={collectRows}
              loadColumns={loadHistoryCsvColumns}
              noun={['history line', 'history lines']}
              complete={!history.isFetching}
              fileLabel={`${userPrincipalName ? plainUserPrincipalName(userPrincipalName) : stateId} history`}
            />
          </Box>
        )}
      </Box>
      {history.isPending && <Loading label="Loading history…" />}
      {refused && (
        <Typography variant="body2" role="note" sx={{ my: 1 }}>
          {`The history is not shown: it needs the ${auditReadScopeName} permission (Intune's audit log), which this account does not have.`}
        </Typography>
      )}
      {history.isError && !refused && <ErrorPanel error={history.error} title="Could not load the history" onRetry={() => void history.refetch()} />}
      {rows.length > 0 && <HistoryTable rows={rows} now={now} />}
      {history.isSuccess && (
        <HistoryFooter
          empty={rows.length === 0}
          hasOlder={history.hasNextPage}
          loadingOlder={history.isFetchingNextPage}
          searchedBack={pages?.at(-1)?.searchedBack}
          onLoadOlder={() => void history.fetchNextPage()}
        />
      )}
    </Box>
  );
}

/**
 * After a save of this record the log is read again, so its event takes the place of the save's
 * own row once Intune has it (at once in the emulator, within minutes in a tenant).
 */
function useRereadAfterSave(saves: number, refetch: () => Promise<unknown>): void {
  const seen = useRef(saves);
  useEffect(() => {
    if (saves === seen.current) return;
    seen.current = saves;
    void refetch();
  }, [saves, refetch]);
}

/** The time "3 days ago" counts from, kept within half a minute of now ("now" spans a minute). */
function useClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

function HistoryFooter(props: { empty: boolean; hasOlder: boolean; loadingOlder: boolean; searchedBack: string | undefined; onLoadOlder: () => void }) {
  const since = props.searchedBack === undefined ? '' : localTime(Date.parse(props.searchedBack));
  let text: string;
  if (props.hasOlder) text = props.empty ? `Intune's audit log has nothing for this record since ${since}.` : `Showing changes since ${since}.`;
  else text = props.empty
    ? `Intune's audit log has nothing for this record within the ${retentionDays} days it keeps events.`
    : `No older changes: Intune keeps audit events for ${retentionDays} days.`;
  return (
    <Box sx={{ mt: 1, display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
      <Typography variant="body2" role="status">
        {text}
      </Typography>
      {props.hasOlder && (
        <Button variant="outlined" size="small" onClick={props.onLoadOlder} disabled={props.loadingOlder}>
          {props.loadingOlder ? 'Loading older…' : 'Load older'}
        </Button>
      )}
    </Box>
  );
}

