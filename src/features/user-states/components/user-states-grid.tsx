import {
  DataGrid,
  useGridApiRef,
  type GridPaginationModel,
  type GridSortModel,
} from '@mui/x-data-grid';
import { memo, useCallback, useMemo } from 'react';
import { notifications } from '../../../lib/notifications';
import type { ScriptKind } from '../../../lib/script-kinds';
import { changedFields, editableFields, userStateEditSchema, type UserState, type UserStateChanges } from '../api/schema';
import type { RowDraft } from '../drafts/draft-store';
import { useStashBeforeSignIn } from '../drafts/use-stash-before-sign-in';
import { gridActionClass } from './grid-action';
import { useUserStateColumns, type GridRow } from './grid/columns';
import { useEditBaselines } from './grid/edit-baselines';
import { KeptEditAlerts } from './grid/kept-edit-alerts';
import { collectOpenRows, useReopenDrafts } from './grid/reopen-drafts';
import { pageSize, type SortDirection, type SortField } from './list-view';

export interface UserStatesGridProps {
  kind: ScriptKind;
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
  /**
   * Rows to open in edit mode with the text the user had typed, as soon as they are on screen:
   * rows left in edit by a sign-in round trip, and refused saves the user chose to edit again.
   */
  drafts: readonly RowDraft[];
  /** These drafts' rows opened (or the user discarded the draft): they no longer wait. */
  onDraftsDone: (stateIds: string[]) => void;
  /** Every user state has arrived (a draft whose row is still not on screen is announced). */
  listComplete: boolean;
  /** Brings a row on screen (the page owns search, sort and paging). */
  onShowRow: (stateId: string) => void;
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
  const { kind, scriptId, rows, rowCount, page, sort, dir, loading, canEdit, onPageChange, onSortChange, onSave } = props;
  const { drafts, onDraftsDone, listComplete, onShowRow } = props;
  const apiRef = useGridApiRef();
  const baselines = useEditBaselines();
  const columns = useUserStateColumns(kind, scriptId, canEdit);
  const onRowModesModelChange = useReopenDrafts({ apiRef, rows, drafts, canEdit, baselines, onOpened: onDraftsDone });

  // Before MSAL leaves for interactive sign-in, every row still open in edit mode (and every draft
  // still waiting for its row) is kept; the page re-opens them when it is back.
  useStashBeforeSignIn(useCallback(() => collectOpenRows(kind, scriptId, apiRef, baselines, drafts), [kind, scriptId, apiRef, baselines, drafts]));

  const processRowUpdate = useCallback(
    (newRow: GridRow, oldRow: GridRow): GridRow => {
      const current = oldRow as UserState;
      const parsed = userStateEditSchema.safeParse({
        userPrincipalName: String(newRow.userPrincipalName),
        successDeviceCount: String(newRow.successDeviceCount),
        errorDeviceCount: String(newRow.errorDeviceCount),
      });
      // The editors already refuse invalid text; this guards the commit itself. Nothing is sent.
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'Invalid value');
      // A re-opened edit is checked against the record as the user first saw it.
      const original = baselines.take(current);
      const changes = changedFields(original, parsed.data);
      if (Object.keys(changes).length === 0) return current;
      onSave(original, changes);
      return { ...current, ...parsed.data };
    },
    [onSave, baselines],
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

  // Announced once the whole list is in and the row is still not on screen (only to an account
  // that can edit: it could not re-open them otherwise).
  const offScreen = listComplete && canEdit ? drafts.filter(({ baseline }) => !rows.some((row) => row.id === baseline.id)) : [];
  const discard = (stateId: string) => {
    onDraftsDone([stateId]);
    // The focused button goes away with its alert: keep the keyboard in the grid.
    const first = rows[0];
    if (first !== undefined) apiRef.current?.setCellFocus(first.id, 'userPrincipalName');
  };
  return (
    <>
      <KeptEditAlerts drafts={offScreen} onShow={onShowRow} onDiscard={discard} />
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
        onRowEditStart={baselines.onRowEditStart}
        onRowEditStop={baselines.onRowEditStop}
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
        sx={gridSx}
        slotProps={gridSlotProps}
      />
    </>
  );
});
