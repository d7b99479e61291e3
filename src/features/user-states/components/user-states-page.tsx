import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { ErrorIds, ErrorPanel } from '../../../components/error-panel';
import { Loading } from '../../../components/loading';
import { NotFoundState } from '../../../components/not-found';
import { useDocumentTitle } from '../../../components/use-document-title';
import { scriptsPath } from '../../../config/routes';
import { useWriteAccess } from '../../../lib/auth/auth-session';
import { describeError } from '../../../lib/graph/describe-error';
import { isGraphError } from '../../../lib/graph/graph-error';
import { useUserStatesList } from '../api/list-user-states';
import { fieldLabels, type EditableField, type UserState, type UserStateChanges } from '../api/schema';
import { EditConflictError, useUpdateUserState, type UpdateUserStateVariables } from '../api/update-user-state';
import { ConflictDialog } from './conflict-dialog';
import { filterRows, pageSize, sortRows, useListView } from './list-view';
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
}

/** A script's user run states: streamed in, searchable, sortable, paged, editable inline. */
export function UserStatesPage({ scriptId, scriptName, scriptError }: UserStatesPageProps) {
  const list = useUserStatesList(scriptId);
  const writeAccess = useWriteAccess();
  const [view, setView] = useListView();
  const gridRef = useRef<UserStatesGridHandle>(null);
  const [failed, setFailed] = useState<FailedEdit[]>([]);
  const [conflict, setConflict] = useState<EditConflictError | null>(null);

  const { mutation, retryNotice, cancel } = useUpdateUserState({
    onError: (error, variables) => {
      if (error instanceof EditConflictError) setConflict(error);
      else setFailed((current) => [...current.filter((entry) => entry.variables.original.id !== variables.original.id), { variables, error }]);
    },
    onSuccess: (_row, variables) =>
      setFailed((current) => current.filter((entry) => entry.variables.original.id !== variables.original.id)),
  });
  const save = useCallback(
    (original: UserState, changes: UserStateChanges) => mutation.mutate({ scriptId, original, changes }),
    [mutation, scriptId],
  );

  useDocumentTitle(scriptName === undefined ? 'User run states' : `${scriptName} – user run states`);

  // Search, sort and page come from the URL. Searching 100,000 rows is deferred so typing stays responsive.
  const rows = list.data?.rows;
  const query = useDeferredValue(view.q);
  const matching = useMemo(() => filterRows(rows ?? [], query), [rows, query]);
  const sorted = useMemo(() => sortRows(matching, view.sort, view.dir), [matching, view.sort, view.dir]);
  const pageStart = (view.page - 1) * pageSize;
  const pageRows = useMemo(() => sorted.slice(pageStart, pageStart + pageSize), [sorted, pageStart]);

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
            setFailed((current) => current.filter((entry) => entry.variables !== variables));
            const original = list.data?.rows.find((row) => row.id === variables.original.id) ?? variables.original;
            mutation.mutate({ ...variables, original });
          }}
          onEditAgain={() => {
            setFailed((current) => current.filter((entry) => entry.variables !== variables));
            const drafts: Partial<Record<EditableField, string>> = {};
            for (const [field, value] of Object.entries(variables.changes)) drafts[field as EditableField] = String(value);
            gridRef.current?.editAgain(variables.original.id, drafts);
          }}
          onDismiss={() => setFailed((current) => current.filter((entry) => entry.variables !== variables))}
        />
      ))}
      {conflict !== null && (
        <ConflictDialog
          yours={{ ...conflict.variables.original, ...conflict.variables.changes }}
          changes={conflict.variables.changes}
          current={conflict.current}
          onOverwrite={() => {
            setConflict(null);
            mutation.mutate({ ...conflict.variables, original: conflict.current, overwrite: true });
          }}
          onKeepTheirs={() => setConflict(null)}
          onCancel={() => {
            setConflict(null);
            setFailed((current) => [...current, { variables: conflict.variables, error: conflict }]);
          }}
        />
      )}

      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <SearchField value={view.q} onSearch={(q) => setView({ q, page: 1 }, { replace: true })} />
        {list.data !== undefined && (
          <Box sx={{ minWidth: 260, flexGrow: 1 }}>
            <Typography variant="body2" role="status" aria-live="polite">
              {`Loaded ${numberFormat.format(loaded)} of ${numberFormat.format(total ?? loaded)}`}
              {view.q.trim() !== '' ? ` · ${numberFormat.format(matching.length)} matching` : ''}
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

      {list.isPending && <Loading label="Loading user states…" />}
      {list.isError && (
        <ErrorPanel
          error={list.error}
          title={list.data === undefined ? 'Could not load the user states' : 'Not all user states could be loaded'}
          onRetry={() => void list.refetch()}
        />
      )}
      {list.data !== undefined && (
        <UserStatesGrid
          handleRef={gridRef}
          scriptId={scriptId}
          rows={pageRows}
          rowCount={matching.length}
          page={view.page}
          sort={view.sort}
          dir={view.dir}
          loading={streaming && pageRows.length === 0}
          canEdit={writeAccess.status === 'granted'}
          onPageChange={(page) => setView({ page })}
          onSortChange={(sort, dir) => setView({ sort, dir, page: 1 })}
          onSave={save}
        />
      )}
    </>
  );
}

/** Debounced: the URL (and the filter over all rows) changes 250 ms after the last keystroke. */
function SearchField({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [draft, setDraft] = useState(value);
  const [urlValue, setUrlValue] = useState(value);
  if (value !== urlValue) {
    // Back/forward changed the URL: show its search.
    setUrlValue(value);
    setDraft(value);
  }
  const onSearchRef = useRef(onSearch);
  useEffect(() => {
    onSearchRef.current = onSearch;
  });
  useEffect(() => {
    if (draft === urlValue) return undefined;
    const timer = setTimeout(() => onSearchRef.current(draft), 250);
    return () => clearTimeout(timer);
  }, [draft, urlValue]);
  return (
    <TextField
      label="Search by user principal name"
      type="search"
      size="small"
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      sx={{ minWidth: 320 }}
    />
  );
}

function FailedEditAlert({
  variables,
  error,
  onRetry,
  onEditAgain,
  onDismiss,
}: {
  variables: UpdateUserStateVariables;
  error: Error;
  onRetry: () => void;
  onEditAgain: () => void;
  onDismiss: () => void;
}) {
  const description = error instanceof EditConflictError ? null : describeError(error);
  const typed = Object.entries(variables.changes)
    .map(([field, value]) => `${fieldLabels[field as EditableField]}: ${String(value)}`)
    .join(', ');
  return (
    <Alert severity="error" role="alert" sx={{ mb: 2 }}>
      <AlertTitle>{`Not saved: ${variables.original.userPrincipalName || variables.original.id}`}</AlertTitle>
      <Typography variant="body2">
        {description?.message ?? 'Someone else changed this user state; your change was not sent.'}
      </Typography>
      <Typography variant="body2">{`Your values: ${typed}`}</Typography>
      {description !== null && <ErrorIds code={description.code} requestId={description.requestId} />}
      <Box sx={{ mt: 1, display: 'flex', gap: 1 }}>
        <Button size="small" variant="outlined" color="inherit" onClick={onRetry}>
          Retry
        </Button>
        <Button size="small" variant="outlined" color="inherit" onClick={onEditAgain}>
          Edit again
        </Button>
        <Button size="small" color="inherit" onClick={onDismiss}>
          Discard
        </Button>
      </Box>
    </Alert>
  );
}
