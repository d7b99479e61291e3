import Alert from '@mui/material/Alert';
import {
  DataGrid,
  gridPaginationModelSelector,
  useGridApiRef,
  type GridCallbackDetails,
  type GridPaginationModel,
  type GridRowSelectionModel,
  type GridSortModel,
} from '@mui/x-data-grid';
import { memo, useCallback, useEffect, useMemo, type RefObject } from 'react';
import { afterNextPaint } from '../../../lib/after-next-paint';
import { notifications } from '../../../lib/notifications';
import type { ScriptKind } from '../../../lib/script-kinds';
import { changedFields, editableFields, userStateEditSchemaFor, type UserState, type UserStateChanges } from '../api/schema';
import type { RowDraft } from '../drafts/draft-store';
import { useStashBeforeSignIn } from '../drafts/use-stash-before-sign-in';
import { useNarrowScreen } from '../../../components/use-narrow-screen';
import { useAheadOfUrl, usePageAheadOfUrl } from './grid/ahead-of-url';
import { useUserStateColumns, type GridRow } from './grid/columns';
import { useEditBaselines } from './grid/edit-baselines';
import { gridSetup } from './grid/grid-appearance';
import { RowActionTooltips } from './grid/grid-tooltips';
import { KeptEditAlerts } from './grid/kept-edit-alerts';
import { collectOpenRows, hasTypedChanges, useReopenDrafts } from './grid/reopen-drafts';
import { asPageSize, pageOfIndex, pageSizeOptions, type PageSize, type SortDirection, type SortField } from './list-view';

export interface UserStatesGridProps {
  kind: ScriptKind;
  scriptId: string;
  /** The rows of the current page only (≤ 100): the grid never holds the whole list. */
  rows: UserState[];
  /** Rows matching the search and the status (all pages); -1 while not known yet. */
  rowCount: number;
  page: number;
  pageSize: PageSize;
  sort: SortField | null;
  dir: SortDirection;
  loading: boolean;
  canEdit: boolean;
  onPageChange: (page: number, pageSize: PageSize) => void;
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
  /** Said above the grid when a link's page lay beyond the last one. */
  pageNote: string | null;
  /** Why there is no row to show, when there is none (the grid's own "No rows" otherwise). */
  emptyLabel: string | null;
  /** The grid's selection; an `exclude` model stands for every row of the view (see selection.tsx). */
  selection: GridRowSelectionModel;
  onSelectionChange: (model: GridRowSelectionModel) => void;
  /** Set by the grid: whether a row in edit mode holds typed text not yet saved (the page's leave guard asks it). */
  typedChanges: RefObject<() => boolean>;
}

function reportRefusedCommit(error: unknown): void {
  notifications.notify({ severity: 'error', message: error instanceof Error ? error.message : 'Could not save' });
}

/**
 * Memoised, with stable handlers for the DataGrid: the page re-renders for every streamed batch,
 * keystroke and save status, and none of those should re-render a grid whose props did not change.
 */
export const UserStatesGrid = memo(function UserStatesGrid(props: UserStatesGridProps) {
  const { kind, scriptId, rows, rowCount, page, pageSize, sort, dir, loading, canEdit, onPageChange, onSortChange, onSave } = props;
  const { drafts, onDraftsDone, listComplete, onShowRow, emptyLabel, pageNote, selection, onSelectionChange, typedChanges } = props;
  const apiRef = useGridApiRef();
  const baselines = useEditBaselines();
  const columns = useUserStateColumns(kind, scriptId, canEdit);
  const narrow = useNarrowScreen();
  const onRowModesModelChange = useReopenDrafts({ apiRef, rows, drafts, canEdit, baselines, onOpened: onDraftsDone });

  // Before MSAL leaves for interactive sign-in, every row still open in edit mode (and every draft
  // still waiting for its row) is kept; the page re-opens them when it is back.
  useStashBeforeSignIn(useCallback(() => collectOpenRows(kind, scriptId, apiRef, baselines, drafts), [kind, scriptId, apiRef, baselines, drafts]));
  useEffect(() => {
    typedChanges.current = () => hasTypedChanges(kind, scriptId, apiRef, baselines);
  }, [typedChanges, kind, scriptId, apiRef, baselines]);

  const processRowUpdate = useCallback(
    (newRow: GridRow, oldRow: GridRow): GridRow => {
      const current = oldRow as UserState;
      const parsed = userStateEditSchemaFor(current).safeParse({
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
      // The grid paints the returned row itself; the save (and the list update that re-renders
      // the page around 100,000 rows) starts a frame later, so the value shows in the next frame.
      afterNextPaint(() => onSave(original, changes));
      return { ...current, ...parsed.data };
    },
    [onSave, baselines],
  );

  // The page comes already held to the final count (useUserStatesView); the URL is not rewritten.
  const paginationModel = useMemo<GridPaginationModel>(() => ({ page: page - 1, pageSize }), [page, pageSize]);
  // An unknown count (a search while rows stream in) still lets the user page on.
  const paginationMeta = useMemo(() => ({ hasNextPage: rowCount < 0 ? true : undefined }), [rowCount]);
  const localeText = useMemo(() => (emptyLabel === null ? undefined : { noRowsLabel: emptyLabel }), [emptyLabel]);
  const urlSort = useMemo<GridSortModel>(() => (sort === null ? [] : [{ field: sort, sort: dir }]), [sort, dir]);
  const [sortModel, showSort] = useAheadOfUrl(urlSort);

  const pageAskedFor = usePageAheadOfUrl(paginationModel.page);
  const onPaginationModelChange = useCallback(
    (model: GridPaginationModel, details: GridCallbackDetails) => {
      // A change without a reason is the grid fitting a new page prop to the row count of the
      // previous render (showing a row clears the search or status: page and count change at
      // once) and would send the user back to page 1. The page number is ours; the user's moves have a reason.
      if (details.reason === undefined) return;
      const size = asPageSize(model.pageSize) ?? pageSize;
      if (size !== pageSize) {
        // Another page size keeps the first row the user was looking at on screen.
        onPageChange(pageOfIndex(paginationModel.page * pageSize, size), size);
        return;
      }
      const lastPage = rowCount < 0 ? null : Math.max(0, Math.ceil(rowCount / pageSize) - 1);
      const next = pageAskedFor(model.page, gridPaginationModelSelector(apiRef).page, lastPage);
      if (next !== paginationModel.page) onPageChange(next + 1, size);
    },
    [paginationModel.page, pageSize, rowCount, apiRef, pageAskedFor, onPageChange],
  );
  const onSortModelChange = useCallback(
    (model: GridSortModel) => {
      const [first] = model;
      const field = editableFields.find((candidate) => candidate === first?.field) ?? null;
      const direction = first?.sort === 'desc' ? 'desc' : 'asc';
      showSort(field === null ? [] : [{ field, sort: direction }]);
      onSortChange(field, direction);
    },
    [showSort, onSortChange],
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
      {pageNote !== null && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {pageNote}
        </Alert>
      )}
      <KeptEditAlerts drafts={offScreen} onShow={onShowRow} onDiscard={discard} />
      <RowActionTooltips>
        <DataGrid<GridRow>
          {...gridSetup}
          apiRef={apiRef}
          aria-label="User run states"
          rows={rows}
          columns={columns}
          rowCount={rowCount}
          paginationMeta={paginationMeta}
          loading={loading}
          processRowUpdate={processRowUpdate}
          onProcessRowUpdateError={reportRefusedCommit}
          onRowModesModelChange={onRowModesModelChange}
          onRowEditStart={baselines.onRowEditStart}
          onRowEditStop={baselines.onRowEditStop}
          // The grid holds one page; rows picked on other pages stay picked.
          keepNonExistentRowsSelected
          rowSelectionModel={selection}
          onRowSelectionModelChange={onSelectionChange}
          paginationModel={paginationModel}
          onPaginationModelChange={onPaginationModelChange}
          pageSizeOptions={pageSizeOptions}
          sortModel={sortModel}
          onSortModelChange={onSortModelChange}
          // Compact density takes 70 %: three lines of a wrapped header on a phone, one otherwise.
          columnHeaderHeight={narrow ? 80 : 56}
          localeText={localeText}
        />
      </RowActionTooltips>
    </>
  );
});
