import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { ErrorPanel } from '../../../components/error-panel';
import { NotFoundState } from '../../../components/not-found';
import { useDocumentTitle } from '../../../components/use-document-title';
import { scriptsPath } from '../../../config/routes';
import { useWriteAccess } from '../../../lib/auth/auth-session';
import { whenIdle } from '../../../lib/when-idle';
import { isGraphError } from '../../../lib/graph/graph-error';
import { useUserStatesList } from '../api/list-user-states';
import type { EditableField, UserState, UserStateChanges } from '../api/schema';
import { SaveInterruptedError, takeStashedSaves } from '../api/save-stash';
import { EditConflictError, useUpdateUserState, type UpdateUserStateVariables } from '../api/update-user-state';
import { ConflictDialog } from './conflict-dialog';
import { FailedEditAlert } from './failed-edit-alert';
import { takeInlineDrafts } from './inline-drafts';
import {
  createIncrementalFilter,
  createPageSlicer,
  pageSize,
  sortRows,
  useListView,
  type SortDirection,
  type SortField,
} from './list-view';
import { RetryNoticeBanner } from './retry-notice';
import { UserStatesGrid, type UserStatesGridHandle } from './user-states-grid';

const numberFormat = new Intl.NumberFormat('en-US');

interface FailedEdit {
  variables: UpdateUserStateVariables;
  error: Error;
}

export interface UserStatesPageProps {
  scriptId: string;
  /** The script's display name, once known (the app reads it through the scripts feature). */
  scriptName: string | undefined;
  /** Why the script could not be read, if it could not. */
  scriptError: unknown;
  /** Only for tests: jsdom has no layout, so a virtualised grid would render no rows there. */
  virtualization?: boolean;
}

/** A script's user run states: streamed in, searchable, sortable, paged, editable inline. */
export function UserStatesPage({ scriptId, scriptName, scriptError, virtualization = true }: UserStatesPageProps) {
  const list = useUserStatesList(scriptId);
  const writeAccess = useWriteAccess();
  const [view, setView] = useListView();
  const gridRef = useRef<UserStatesGridHandle>(null);
  // Saves interrupted by an interactive sign-in come back here, unsent, for the user to retry.
  const [failed, setFailed] = useState<FailedEdit[]>(() =>
    takeStashedSaves((save) => save.scriptId === scriptId).map((variables) => ({
      variables,
      error: new SaveInterruptedError(),
    })),
  );
  // Rows that were open in inline edit when sign-in interrupted: the grid re-opens them.
  const [restoredDrafts] = useState(() => takeInlineDrafts(scriptId));
  const [conflict, setConflict] = useState<EditConflictError | null>(null);
  // At most one failed edit per user state: a newer outcome replaces the older one.
  const forgetFailed = (stateId: string) =>
    setFailed((current) => current.filter((entry) => entry.variables.original.id !== stateId));
  const addFailed = (entry: FailedEdit) =>
    setFailed((current) => [
      ...current.filter((old) => old.variables.original.id !== entry.variables.original.id),
      entry,
    ]);

  const { mutation, retryNotice, cancel } = useUpdateUserState({
    onError: (error, variables) => {
      if (error instanceof EditConflictError) setConflict(error);
      else addFailed({ variables, error });
    },
    onSuccess: (_row, variables) => forgetFailed(variables.original.id),
  });
  const { mutate } = mutation;
  const save = useCallback(
    (original: UserState, changes: UserStateChanges) => mutate({ scriptId, original, changes }),
    [mutate, scriptId],
  );

  useDocumentTitle(scriptName === undefined ? 'User run states' : `${scriptName} – user run states`);

  // Search, sort and page come from the URL. Filtering 100,000 rows follows the typing at a
  // lower priority (deferred), so the text box itself never lags.
  const [searchDraft, setSearchDraft] = useSearchDraft(view.q, (q) => setView({ q, page: 1 }, { replace: true }));
  const rows = list.data?.rows;
  const query = useDeferredValue(searchDraft);
  const typingAhead = searchDraft !== view.q;
  const pageNumber = typingAhead ? 1 : view.page;
  // Sorted once per list or sort change, then searched: a keystroke filters the sorted rows (the
  // order survives filtering) instead of sorting its matches again.
  const sorted = useMemo(() => sortRows(rows ?? [], view.sort, view.dir), [rows, view.sort, view.dir]);
  const [filter] = useState(createIncrementalFilter);
  // The first search would otherwise lower-case 100,000 UPNs while the user waits.
  useEffect(() => whenIdle(() => filter.prepare(sorted)), [filter, sorted]);
  const matching = useMemo(() => filter(sorted, query), [filter, sorted, query]);
  const pageStart = (pageNumber - 1) * pageSize;
  const [slicePage] = useState(createPageSlicer);
  const pageRows = useMemo(() => slicePage(matching, pageStart), [slicePage, matching, pageStart]);

  const changePage = useCallback((page: number) => setView({ page }), [setView]);
  const changeSort = useCallback(
    (sort: SortField | null, dir: SortDirection) => setView({ sort, dir, page: 1 }),
    [setView],
  );
  const showRow = useCallback(
    (stateId: string) => {
      const position = (list: readonly UserState[]) => list.findIndex((row) => row.id === stateId);
      const inSearch = position(matching);
      if (inSearch !== -1) {
        setView({ page: Math.floor(inSearch / pageSize) + 1 });
        return;
      }
      // Not among the matches: clear the search and go to the row's page in the whole list.
      const inAll = position(sorted);
      setSearchDraft('');
      setView({ q: '', page: inAll === -1 ? 1 : Math.floor(inAll / pageSize) + 1 });
    },
    [matching, sorted, setView, setSearchDraft],
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

  const firstPageFailed = list.isError && list.data === undefined;
  // Retry and Edit again start from what the grid shows now (after a conflict: the other admin's
  // values, which the user has seen), not from the record the failed save started from.
  const shownRow = (original: UserState): UserState => rows?.find((row) => row.id === original.id) ?? original;
  const loaded = rows?.length ?? 0;
  const total = list.data?.total ?? null;
  const streaming = list.isFetching;

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
      <RetryNoticeBanner notice={retryNotice} onCancel={cancel} />
      {failed.map(({ variables, error }) => (
        <FailedEditAlert
          key={variables.original.id}
          variables={variables}
          error={error}
          onRetry={() => {
            forgetFailed(variables.original.id);
            mutation.mutate({ ...variables, original: shownRow(variables.original) });
          }}
          onEditAgain={() => {
            forgetFailed(variables.original.id);
            const drafts: Partial<Record<EditableField, string>> = {};
            for (const [field, value] of Object.entries(variables.changes))
              drafts[field as EditableField] = String(value);
            gridRef.current?.editAgain({ baseline: shownRow(variables.original), values: drafts });
          }}
          onDismiss={() => forgetFailed(variables.original.id)}
        />
      ))}
      {conflict !== null && (
        <ConflictDialog
          conflict={conflict}
          onOverwrite={() => {
            setConflict(null);
            mutation.mutate({ ...conflict.variables, original: conflict.current, overwrite: true });
          }}
          onKeepTheirs={() => setConflict(null)}
          onCancel={() => {
            setConflict(null);
            addFailed({ variables: conflict.variables, error: conflict });
          }}
        />
      )}

      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <SearchField value={searchDraft} onChange={setSearchDraft} />
        {!firstPageFailed && (
          <Box sx={{ minWidth: 260, flexGrow: 1 }}>
            <Typography variant="body2" role="status" aria-live="polite">
              {list.data === undefined
                ? 'Loading user states…'
                : `Loaded ${numberFormat.format(loaded)} of ${numberFormat.format(total ?? loaded)}`}
              {list.data !== undefined && query.trim() !== ''
                ? ` · ${numberFormat.format(matching.length)} matching`
                : ''}
            </Typography>
            {streaming && (
              <LinearProgress
                aria-label="Loading user states"
                variant={total ? 'determinate' : 'indeterminate'}
                value={total ? Math.min(100, (loaded / total) * 100) : undefined}
              />
            )}
          </Box>
        )}
      </Box>

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
          handleRef={gridRef}
          scriptId={scriptId}
          rows={pageRows}
          rowCount={matching.length}
          page={pageNumber}
          sort={view.sort}
          dir={view.dir}
          loading={pageRows.length === 0 && (list.isPending || streaming)}
          canEdit={writeAccess.status === 'granted'}
          onPageChange={changePage}
          onSortChange={changeSort}
          onSave={save}
          restoredDrafts={restoredDrafts}
          listComplete={!streaming}
          onShowRow={showRow}
          virtualization={virtualization}
        />
      )}
    </>
  );
}

/**
 * The search box filters as the user types; the URL (one history entry, replaced) follows 250 ms
 * after the last keystroke, and back/forward put the URL's search back in the box.
 */
function useSearchDraft(urlValue: string, onCommit: (q: string) => void) {
  const [draft, setDraft] = useState(urlValue);
  const [seenUrlValue, setSeenUrlValue] = useState(urlValue);
  const [committed, setCommitted] = useState(urlValue);
  if (urlValue !== seenUrlValue) {
    setSeenUrlValue(urlValue);
    // Back/forward (or a link) changed the search; our own commit must not undo newer typing.
    if (urlValue !== committed) {
      setCommitted(urlValue);
      setDraft(urlValue);
    }
  }
  const onCommitRef = useRef(onCommit);
  useEffect(() => {
    onCommitRef.current = onCommit;
  });
  useEffect(() => {
    if (draft === committed) return undefined;
    const timer = setTimeout(() => {
      setCommitted(draft);
      onCommitRef.current(draft);
    }, 250);
    return () => clearTimeout(timer);
  }, [draft, committed]);
  return [draft, setDraft] as const;
}

function SearchField({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  return (
    <TextField
      label="Search by user principal name"
      type="search"
      size="small"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      sx={{ minWidth: 320 }}
    />
  );
}
