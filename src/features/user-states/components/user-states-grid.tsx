import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import {
  DataGrid,
  GridActionsCell,
  gridEditRowsStateSelector,
  type GridApi,
  useGridApiRef,
  type GridColDef,
  type GridEventListener,
  type GridPaginationModel,
  type GridRowModesModel,
  type GridSortModel,
} from '@mui/x-data-grid';
import { memo, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import { useNavigate } from 'react-router';
import { absoluteUrl, userStatePath } from '../../../config/routes';
import { onBeforeInteraction } from '../../../lib/auth/interaction';
import { notifications } from '../../../lib/notifications';
import {
  changedFields,
  editableFields,
  fieldLabels,
  fieldProblem,
  userStateEditSchema,
  type EditableField,
  type UserState,
  type UserStateChanges,
} from '../api/schema';
import { EditCell } from './edit-cell';
import { GridAction, gridActionClass, linkIconPath, openIconPath } from './grid-action';
import { stashInlineDrafts, type InlineDraft, type InlineDrafts } from './inline-drafts';
import { pageSize, type SortDirection, type SortField } from './list-view';

/** A row in the grid: while edited, the editable cells hold the typed text. */
type GridRow = UserState | (Omit<UserState, EditableField> & Record<EditableField, string | number>);

export interface UserStatesGridHandle {
  /**
   * Re-opens a row in edit mode with the text the user had typed (after Graph refused it), as
   * soon as the row is on screen.
   */
  editAgain: (draft: InlineDraft) => void;
}

export interface UserStatesGridProps {
  scriptId: string;
  /** The rows of the current page only (≤ 100): the grid never holds the whole list. */
  rows: UserState[];
  /** Rows matching the search (all pages). */
  rowCount: number;
  page: number;
  sort: SortField | null;
  dir: SortDirection;
  loading: boolean;
  canEdit: boolean;
  onPageChange: (page: number) => void;
  onSortChange: (sort: SortField | null, dir: SortDirection) => void;
  onSave: (original: UserState, changes: UserStateChanges) => void;
  /** Rows that were open in edit mode before a sign-in round trip: re-opened with their text. */
  restoredDrafts?: InlineDrafts;
  /** Every user state has arrived (a restored row that is still not on screen is announced). */
  listComplete: boolean;
  /** Brings a row on screen (the page owns search, sort and paging). */
  onShowRow: (stateId: string) => void;
  handleRef?: Ref<UserStatesGridHandle>;
  /** Render only the visible rows (default). Off only in tests: jsdom has no layout. */
  virtualization?: boolean;
}

/** Resolves once the grid has set up the editors of a row it was asked to open. */
function whenEditing(api: GridApi, id: string): Promise<void> {
  return new Promise((resolve) => {
    if (api.getRowMode(id) === 'edit') {
      resolve();
      return;
    }
    const unsubscribe = api.subscribeEvent('stateChange', () => {
      if (api.getRowMode(id) !== 'edit') return;
      unsubscribe();
      resolve();
    });
  });
}

/**
 * Puts the text the user had typed into a row that is opening (or open) for editing. One field at
 * a time: the grid re-validates the whole row on each change, and two changes in flight at once
 * can leave the row with the older snapshot of the other field. If the row leaves edit mode
 * meanwhile (the user pressed Escape, paged away), there is nothing to fill.
 */
async function fillText(api: GridApi, id: string, values: InlineDraft['values']): Promise<void> {
  try {
    await whenEditing(api, id);
    for (const field of editableFields) {
      const value = values[field];
      if (value !== undefined && api.getRowMode(id) === 'edit') await api.setEditCellValue({ id, field, value });
    }
  } catch {
    // The row left edit mode between two steps: the user moved on.
  }
}

/** The first field the draft has text for: where the keyboard focus goes when the row opens. */
function firstDraftField(values: InlineDraft['values']): EditableField {
  return editableFields.find((field) => values[field] !== undefined) ?? 'userPrincipalName';
}

const gridSx = {
  height: 640,
  [`& .${gridActionClass}`]: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: 30,
    height: 30,
    p: 0,
    border: 0,
    borderRadius: '50%',
    bgcolor: 'transparent',
    color: 'action.active',
    cursor: 'pointer',
    '&:hover': { bgcolor: 'action.hover' },
    '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
    '& svg': { width: 20, height: 20, fill: 'currentColor' },
  },
} as const;

// While the first page is on its way the grid shows a progress bar, not its default skeleton: a
// skeleton fills the viewport with placeholder cells that are mounted only to be thrown away.
const gridSlotProps = { loadingOverlay: { variant: 'linear-progress', noRowsVariant: 'linear-progress' } } as const;

function reportRefusedCommit(error: unknown): void {
  notifications.notify({ severity: 'error', message: error instanceof Error ? error.message : 'Could not save' });
}

/**
 * Memoised, with stable handlers for the DataGrid: the page re-renders for every streamed batch,
 * keystroke and save status, and none of those should re-render a grid whose props did not change.
 */
export const UserStatesGrid = memo(function UserStatesGrid(props: UserStatesGridProps) {
  const {
    scriptId,
    rows,
    rowCount,
    page,
    sort,
    dir,
    loading,
    canEdit,
    onPageChange,
    onSortChange,
    onSave,
    handleRef,
    virtualization = true,
  } = props;
  const { restoredDrafts, listComplete, onShowRow } = props;
  const apiRef = useGridApiRef();
  const navigate = useNavigate();
  // The record each open edit started from: what the conflict check compares Graph against.
  const baselines = useRef(new Map<string, UserState>());
  // Drafts waiting for their row to be on screen before it opens in edit mode.
  const [waiting, setWaiting] = useState<ReadonlyMap<string, InlineDraft>>(() => new Map(restoredDrafts));
  const stopWaiting = (stateIds: readonly string[]) =>
    setWaiting((current) => new Map([...current].filter(([id]) => !stateIds.includes(id))));
  // A row opened for a draft checks its save against the draft's baseline and gets its text.
  const applyDraft = (api: GridApi, draft: InlineDraft) => {
    baselines.current.set(draft.baseline.id, draft.baseline);
    void fillText(api, draft.baseline.id, draft.values);
  };

  useImperativeHandle(
    handleRef,
    () => ({
      editAgain: (draft) => {
        const api = apiRef.current;
        const id = draft.baseline.id;
        if (api !== null && api.getRow(id) !== null && api.getRowMode(id) === 'edit') {
          // Open already (the user re-opened it): the typed text goes into its editors.
          applyDraft(api, draft);
          return;
        }
        setWaiting((current) => new Map(current).set(id, draft));
      },
    }),
    [apiRef],
  );

  // A waiting draft's row is on screen: open it. The text goes in, and the draft leaves `waiting`,
  // when the grid reports the row in edit mode (onRowModesModelChange).
  useEffect(() => {
    if (!canEdit) return;
    for (const [id, draft] of waiting) {
      if (!rows.some((row) => row.id === id) || apiRef.current?.getRowMode(id) !== 'view') continue;
      apiRef.current.startRowEditMode({ id, fieldToFocus: firstDraftField(draft.values) });
    }
  }, [apiRef, rows, waiting, canEdit]);

  // Before MSAL leaves for interactive sign-in, every row still open in edit mode (and every draft
  // still waiting for its row) goes to sessionStorage; the page re-opens them when it is back.
  useEffect(
    () =>
      onBeforeInteraction(() => {
        const open: InlineDraft[] = [...waiting.values()];
        const editing = apiRef.current === null ? {} : gridEditRowsStateSelector(apiRef);
        for (const [id, cells] of Object.entries(editing)) {
          const baseline = baselines.current.get(id);
          if (baseline == null) continue;
          const values: Partial<Record<EditableField, string>> = {};
          for (const field of editableFields) {
            const cell = cells[field];
            if (cell !== undefined)
              values[field] = cell.value === null || cell.value === undefined ? '' : String(cell.value);
          }
          open.push({ baseline, values });
        }
        stashInlineDrafts(scriptId, open);
      }),
    [apiRef, scriptId, waiting],
  );

  // Columns depend only on these, so typing, paging and streaming never rebuild them.
  const columns = useMemo<GridColDef<GridRow>[]>(() => {
    const editColumn = (field: EditableField, extra: Partial<GridColDef<GridRow>>): GridColDef<GridRow> => ({
      field,
      headerName: fieldLabels[field],
      editable: canEdit,
      preProcessEditCellProps: ({ props: cell }) => ({
        ...cell,
        error: fieldProblem(field, String(cell.value ?? '')) !== null,
      }),
      renderEditCell: (params) => <EditCell {...params} field={field} />,
      ...extra,
    });
    return [
      editColumn('userPrincipalName', { flex: 2, minWidth: 240 }),
      editColumn('successDeviceCount', { flex: 1, minWidth: 170, align: 'right', headerAlign: 'right' }),
      editColumn('errorDeviceCount', { flex: 1, minWidth: 170, align: 'right', headerAlign: 'right' }),
      {
        field: 'actions',
        type: 'actions',
        headerName: 'Actions',
        width: 110,
        renderCell: (params) => {
          const path = userStatePath(scriptId, String(params.id));
          return (
            <GridActionsCell {...params} suppressChildrenValidation>
              <GridAction
                iconPath={linkIconPath}
                label="Copy link"
                onClick={() => {
                  navigator.clipboard.writeText(absoluteUrl(path)).then(
                    () => notifications.notify({ severity: 'success', message: 'Link copied' }),
                    () => notifications.notify({ severity: 'error', message: 'Could not copy the link' }),
                  );
                }}
              />
              <GridAction
                iconPath={openIconPath}
                label="Open"
                href={path}
                onClick={(event) => {
                  // A real link (open in a new tab works), navigated in-app on a plain click.
                  if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
                  event.preventDefault();
                  void navigate(path);
                }}
              />
            </GridActionsCell>
          );
        },
      },
    ];
  }, [canEdit, scriptId, navigate]);

  const forgetBaseline = useCallback((id: string) => {
    baselines.current.delete(id);
  }, []);

  const processRowUpdate = useCallback(
    (newRow: GridRow, oldRow: GridRow): GridRow => {
      const current = oldRow as UserState;
      // A re-opened edit is checked against the record as the user first saw it.
      const original = baselines.current.get(current.id) ?? current;
      const parsed = userStateEditSchema.safeParse({
        userPrincipalName: String(newRow.userPrincipalName),
        successDeviceCount: String(newRow.successDeviceCount),
        errorDeviceCount: String(newRow.errorDeviceCount),
      });
      // The editors already refuse invalid text; this guards the commit itself. Nothing is sent.
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'Invalid value');
      forgetBaseline(current.id);
      const changes = changedFields(original, parsed.data);
      if (Object.keys(changes).length === 0) return current;
      onSave(original, changes);
      return { ...current, ...parsed.data };
    },
    [onSave, forgetBaseline],
  );

  const paginationModel = useMemo<GridPaginationModel>(() => {
    // Keep a shared link's page while rows are still streaming in; the URL is not rewritten.
    const lastPage = Math.max(0, Math.ceil(rowCount / pageSize) - 1);
    return { page: Math.min(page - 1, lastPage), pageSize };
  }, [page, rowCount]);
  const sortModel = useMemo<GridSortModel>(() => (sort === null ? [] : [{ field: sort, sort: dir }]), [sort, dir]);

  const onPaginationModelChange = useCallback(
    (model: GridPaginationModel) => {
      if (model.page !== paginationModel.page) onPageChange(model.page + 1);
    },
    [paginationModel.page, onPageChange],
  );
  const onSortModelChange = useCallback(
    (model: GridSortModel) => {
      const [first] = model;
      const field = editableFields.find((candidate) => candidate === first?.field) ?? null;
      onSortChange(field, first?.sort === 'desc' ? 'desc' : 'asc');
    },
    [onSortChange],
  );
  // Rows with a waiting draft that open for editing (by the effect above, or because the user
  // opened one themselves) get the draft's text and its baseline, and leave `waiting`.
  const onRowModesModelChange = useCallback(
    (model: GridRowModesModel) => {
      const api = apiRef.current;
      const opened = [...waiting.values()].filter((draft) => model[draft.baseline.id]?.mode === 'edit');
      if (api === null || opened.length === 0) return;
      for (const draft of opened) applyDraft(api, draft);
      stopWaiting(opened.map((draft) => draft.baseline.id));
    },
    [apiRef, waiting],
  );
  // Remembers the record as it was when the user started editing a row (the grid's row then).
  const onRowEditStart = useCallback<GridEventListener<'rowEditStart'>>((params) => {
    baselines.current.set(String(params.id), params.row as UserState);
  }, []);
  const onRowEditStop = useCallback<GridEventListener<'rowEditStop'>>(
    (params) => {
      if (params.reason === 'escapeKeyDown') forgetBaseline(String(params.id));
    },
    [forgetBaseline],
  );

  // Announced once the whole list is in and the row is still not on screen (only to an account
  // that can edit: it could not re-open them otherwise).
  const offScreen =
    listComplete && canEdit
      ? [...waiting.values()].filter(({ baseline }) => !rows.some((row) => row.id === baseline.id))
      : [];
  const discard = (stateId: string) => {
    stopWaiting([stateId]);
    // The focused button goes away with its alert: keep the keyboard in the grid.
    const first = rows[0];
    if (first !== undefined) apiRef.current?.setCellFocus(first.id, 'userPrincipalName');
  };
  return (
    <>
      {offScreen.map(({ baseline }) => (
        <Alert
          key={baseline.id}
          severity="info"
          sx={{ mb: 1 }}
          action={
            <>
              <Button
                size="small"
                color="inherit"
                aria-label={`Show the unsaved edit of ${baseline.userPrincipalName || baseline.id}`}
                onClick={() => onShowRow(baseline.id)}
              >
                Show it
              </Button>
              <Button
                size="small"
                color="inherit"
                aria-label={`Discard the unsaved edit of ${baseline.userPrincipalName || baseline.id}`}
                onClick={() => discard(baseline.id)}
              >
                Discard
              </Button>
            </>
          }
        >
          {`Your unsaved edit of ${baseline.userPrincipalName || baseline.id} was kept. It opens when its row is shown.`}
        </Alert>
      ))}
      <DataGrid<GridRow>
        apiRef={apiRef}
        aria-label="User run states"
        rows={rows}
        columns={columns}
        rowCount={rowCount}
        loading={loading}
        editMode="row"
        processRowUpdate={processRowUpdate}
        onProcessRowUpdateError={reportRefusedCommit}
        onRowModesModelChange={onRowModesModelChange}
        onRowEditStart={onRowEditStart}
        onRowEditStop={onRowEditStop}
        paginationMode="server"
        sortingMode="server"
        filterMode="server"
        disableColumnFilter
        disableRowSelectionOnClick
        paginationModel={paginationModel}
        onPaginationModelChange={onPaginationModelChange}
        pageSizeOptions={[pageSize]}
        sortModel={sortModel}
        onSortModelChange={onSortModelChange}
        density="compact"
        disableVirtualization={!virtualization}
        sx={gridSx}
        slotProps={gridSlotProps}
      />
    </>
  );
});
