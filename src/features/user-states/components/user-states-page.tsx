import Alert from '@mui/material/Alert';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useCallback, useDeferredValue, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { ErrorPanel } from '../../../components/error-panel';
import { NotFoundState } from '../../../components/not-found';
import { useDocumentTitle } from '../../../components/use-document-title';
import { scriptsPath } from '../../../config/routes';
import { useWriteAccess } from '../../../lib/auth/auth-session';
import { isGraphError } from '../../../lib/graph/graph-error';
import type { ScriptKind } from '../../../lib/script-kinds';
import { useLatestRef } from '../../../lib/use-latest-ref';
import type { UserState } from '../api/schema';
import { useUserStatesList } from '../api/use-user-state-queries';
import type { BulkJobRequest, BulkPlan } from '../bulk/plan';
import type { PageDrafts, RowDraft } from '../drafts/draft-store';
import { clampedPageNote, emptyGridLabel, loadedStatus, matchingStatus } from './list-status';
import { useListView, type PageSize, type SortDirection, type SortField } from './list-view';
import { useSearchDraft } from './search-field';
import { SaveNotices, usePageSaves } from './page-saves';
import { useRowSelection } from './selection';
import { SelectionArea } from './selection-area';
import { stateStatusLabels, type StateStatus } from './state-status';
import { useLeaveDialog } from './use-leave-dialog';
import { useMarkPending } from './use-pending-rows';
import { useShownAfterFirstRows } from './use-shown-after-first-rows';
import { pageOfRow, useUserStatesView } from './use-user-states-view';
import { UserStatesGrid } from './user-states-grid';
import { UserStatesToolbar } from './user-states-toolbar';

export interface UserStatesPageProps {
  /** The script's collection (Graph's path segment): Windows PowerShell, macOS shell or custom attribute. */
  kind: ScriptKind;
  scriptId: string;
  /** The script's display name, once known (the app reads it through the scripts feature). */
  scriptName: string | undefined;
  /** Why the script could not be read, if it could not. */
  scriptError: unknown;
  /** What a sign-in round trip kept for this script (the route's loader takes it: restorePageDrafts). */
  restored: PageDrafts;
  /**
   * Above the grid: the script's summary, whose parts apply a status filter (the route composes it).
   * `shown` is false until the grid's first rows are painted: until then only its space is held.
   */
  summary?: (view: {
    applyStatus: (status: StateStatus) => void;
    userCount: number | null;
    shown: boolean;
  }) => ReactNode;
}

/** A script's user run states: streamed in, searchable, sortable, paged, editable inline. */
export function UserStatesPage({ kind, scriptId, scriptName, scriptError, restored, summary }: UserStatesPageProps) {
  const list = useUserStatesList(kind, scriptId);
  const writeAccess = useWriteAccess();
  const [view, setView] = useListView();
  // An import's valid changes, and the undo of a bulk job, run as bulk jobs like an edit of selected rows.
  const [queuedJob, setQueuedJob] = useState<BulkJobRequest | null>(null);
  const queuedJobStarted = useCallback(() => setQueuedJob(null), []);
  const saves = usePageSaves(kind, scriptId, restored, setQueuedJob);
  const { save, pending, undo } = saves;
  // Rows to open in edit mode: those left open by sign-in, then those the user edits again.
  const [drafts, setDrafts] = useState<readonly RowDraft[]>(restored.openRows);
  const draftsDone = useCallback(
    (stateIds: string[]) => setDrafts((current) => current.filter((draft) => !stateIds.includes(draft.baseline.id))),
    [],
  );
  // Leaving asks first while work would be lost: typed text in a row, a refused save, a kept edit.
  const typedChanges = useRef(() => false);
  const refusedRef = useLatestRef(saves.failedEdits.failed);
  const draftsRef = useLatestRef(drafts);
  const unsaved = useCallback(
    () => refusedRef.current.length > 0 || draftsRef.current.length > 0 || typedChanges.current(),
    [refusedRef, draftsRef],
  );
  const leaveDialog = useLeaveDialog({ unsaved });

  useDocumentTitle(scriptName === undefined ? 'User run states' : `${scriptName} – user run states`);

  // Search, sort and page come from the URL. Filtering 100,000 rows follows the typing at a
  // lower priority (deferred), so the text box itself never lags.
  const [searchDraft, setSearchDraft] = useSearchDraft(view.q, (q) => setView({ q, page: 1 }, { replace: true }));
  const rows = list.data?.rows;
  const query = useDeferredValue(searchDraft);
  const askedPage = searchDraft !== view.q ? 1 : view.page;
  const streaming = list.isFetching;
  const complete = !streaming;
  const viewRequest = {
    sort: view.sort,
    dir: view.dir,
    query,
    status: view.status,
    page: askedPage,
    pageSize: view.pageSize,
    complete,
  };
  const { sorted, matching, pageRows, page: pageNumber } = useUserStatesView(rows, viewRequest);
  const shownRows = useMarkPending(pageRows, pending);

  const selection = useRowSelection(matching, sorted);

  const changePage = useCallback((page: number, pageSize: PageSize) => setView({ page, pageSize }), [setView]);
  const changeSort = useCallback(
    (sort: SortField | null, dir: SortDirection) => setView({ sort, dir, page: 1 }),
    [setView],
  );
  // Stable, for the memoised chart and toolbar: a keystroke re-renders this page, not them.
  const applyStatus = useCallback((status: StateStatus | null) => setView({ status, page: 1 }), [setView]);
  const applyImport = useCallback((plan: BulkPlan) => setQueuedJob({ plan }), []);
  // Export CSV reads the matches when clicked, so a keystroke's new matches do not re-render the toolbar.
  const matchingRef = useLatestRef(matching);
  const collectMatching = useCallback(async () => matchingRef.current, [matchingRef]);
  const showRow = useCallback(
    (stateId: string) => {
      const inSearch = pageOfRow(matching, stateId, view.pageSize);
      if (inSearch !== null) {
        setView({ page: inSearch });
        return;
      }
      // Not among the matches: clear the search and the status, and go to the row's page in the whole list.
      setSearchDraft('');
      setView({ q: '', status: null, page: pageOfRow(sorted, stateId, view.pageSize) ?? 1 });
    },
    [matching, sorted, view.pageSize, setView, setSearchDraft],
  );

  const firstPageFailed = list.isError && list.data === undefined;
  const summaryShown = useShownAfterFirstRows(pageRows.length > 0 || list.isError || (list.isSuccess && !streaming));
  // Retry and Edit again start from what the grid shows now (after a conflict: the other admin's
  // values, which the user has seen), not from the record the failed save started from.
  const shownRow = (original: UserState): UserState => rows?.find((row) => row.id === original.id) ?? original;
  const loaded = rows?.length ?? 0;
  const total = list.data?.total ?? null;
  const loadText =
    list.data === undefined
      ? 'Loading user states…'
      : `${loadedStatus(loaded, total, !streaming)}${matchingStatus(query, matching.length, view.status !== null)}`;
  const loadStatus = useMemo(
    () => (firstPageFailed ? null : { text: loadText, loaded, total, streaming }),
    [firstPageFailed, loadText, loaded, total, streaming],
  );

  const scriptMissing = isGraphError(scriptError) && scriptError.status === 404;
  const listMissing = isGraphError(list.error) && list.error.status === 404 && list.data === undefined;
  if (scriptMissing || listMissing) {
    return (
      <NotFoundState
        title="Script not found"
        message="There is no device management script with this id in your tenant. It may have been deleted."
        backTo={scriptsPath()}
        backLabel="Back to scripts"
      />
    );
  }

  return (
    <>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 1 }}>
        <Link component={RouterLink} to={scriptsPath()}>
          Scripts
        </Link>
        <Typography color="text.primary">{scriptName ?? scriptId}</Typography>
      </Breadcrumbs>
      <Typography variant="h5" component="h1" gutterBottom>
        User run states
      </Typography>

      {writeAccess.status === 'denied' && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {writeAccess.reason}
        </Alert>
      )}
      <SaveNotices saves={saves} shownRow={shownRow} setDrafts={setDrafts} />

      {summary?.({
        applyStatus,
        userCount: total ?? (list.isSuccess && !streaming ? loaded : null),
        shown: summaryShown,
      })}
      <UserStatesToolbar
        kind={kind}
        scriptId={scriptId}
        search={searchDraft}
        onSearchChange={setSearchDraft}
        status={view.status}
        onStatusChange={applyStatus}
        collectMatching={collectMatching}
        complete={list.isSuccess && !streaming}
        fileLabel={`${scriptName ?? scriptId} user run states`}
        loadStatus={loadStatus}
        onUndo={undo}
        rows={sorted}
        onApplyImport={applyImport}
      />

      <SelectionArea
        kind={kind}
        scriptId={scriptId}
        selected={selection.rows}
        onClear={selection.clear}
        canEdit={writeAccess.status === 'granted'}
        queuedJob={queuedJob}
        onQueuedJobStarted={queuedJobStarted}
      />
      {list.isError && (
        <ErrorPanel
          error={list.error}
          title={list.data === undefined ? 'Could not load the user states' : 'Not all user states could be loaded'}
          onRetry={() => void list.refetch()}
        />
      )}
      {/* Mounted before the first page arrives: the grid's own start-up overlaps the request. */}
      {!firstPageFailed && (
        <UserStatesGrid
          kind={kind}
          scriptId={scriptId}
          rows={shownRows}
          rowCount={complete ? matching.length : query.trim() === '' ? (list.data?.total ?? -1) : -1}
          page={pageNumber}
          pageSize={view.pageSize}
          sort={view.sort}
          dir={view.dir}
          loading={pageRows.length === 0 && (list.isPending || streaming)}
          canEdit={writeAccess.status === 'granted'}
          onPageChange={changePage}
          onSortChange={changeSort}
          onSave={save}
          drafts={drafts}
          onDraftsDone={draftsDone}
          listComplete={!streaming}
          pageNote={complete && pageNumber < askedPage ? clampedPageNote(askedPage, pageNumber) : null}
          emptyLabel={emptyGridLabel(
            loaded,
            !streaming && list.data !== undefined,
            query,
            view.status === null ? null : stateStatusLabels[view.status],
          )}
          onShowRow={showRow}
          selection={selection.model}
          onSelectionChange={selection.setModel}
          typedChanges={typedChanges}
        />
      )}
      {leaveDialog}
    </>
  );
}
