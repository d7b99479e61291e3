import {
  DataGrid,
  GridActionsCell,
  GridActionsCellItem,
  useGridApiRef,
  type GridColDef,
  type GridPaginationModel,
  type GridSortModel,
} from '@mui/x-data-grid';
import { useCallback, useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import { useNavigate } from 'react-router';
import { absoluteUrl, userStatePath } from '../../../config/routes';
import { notifications } from '../../../lib/notifications';
import { changedFields, editableFields, fieldLabels, fieldProblem, userStateEditSchema, type EditableField, type UserState, type UserStateChanges } from '../api/schema';
import { EditCell } from './edit-cell';
import { LinkIcon, OpenIcon } from './icons';
import { pageSize, type SortDirection, type SortField } from './list-view';

/** A row in the grid: while edited, the editable cells hold the typed text. */
type GridRow = UserState | (Omit<UserState, EditableField> & Record<EditableField, string | number>);

export interface UserStatesGridHandle {
  /** Re-opens a row in edit mode with the text the user had typed (after Graph refused it). */
  editAgain: (stateId: string, drafts: Partial<Record<EditableField, string>>) => void;
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
  handleRef?: Ref<UserStatesGridHandle>;
  /** Render only the visible rows (default). Off only in tests: jsdom has no layout. */
  virtualization?: boolean;
}

export function UserStatesGrid(props: UserStatesGridProps) {
  const { scriptId, rows, rowCount, page, sort, dir, loading, canEdit, onPageChange, onSortChange, onSave, handleRef, virtualization = true } = props;
  const apiRef = useGridApiRef();
  const navigate = useNavigate();
  const drafts = useRef(new Map<string, Partial<Record<EditableField, string>>>());

  useImperativeHandle(
    handleRef,
    () => ({
      editAgain: (stateId, values) => {
        drafts.current.set(stateId, values);
        if (apiRef.current?.getRow(stateId) == null) return;
        apiRef.current.startRowEditMode({ id: stateId });
      },
    }),
    [apiRef],
  );

  // Columns depend only on these, so typing, paging and streaming never rebuild them.
  const columns = useMemo<GridColDef<GridRow>[]>(() => {
    const editColumn = (field: EditableField, extra: Partial<GridColDef<GridRow>>): GridColDef<GridRow> => ({
      field,
      headerName: fieldLabels[field],
      editable: canEdit,
      preProcessEditCellProps: ({ props: cell }) => ({ ...cell, error: fieldProblem(field, String(cell.value ?? '')) !== null }),
      renderEditCell: (params) => <EditCell {...params} field={field} draft={drafts.current.get(String(params.id))?.[field]} />,
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
            <GridActionsCell {...params}>
              <GridActionsCellItem
                icon={<LinkIcon fontSize="small" />}
                label="Copy link"
                onClick={() => {
                  navigator.clipboard.writeText(absoluteUrl(path)).then(
                    () => notifications.notify({ severity: 'success', message: 'Link copied' }),
                    () => notifications.notify({ severity: 'error', message: 'Could not copy the link' }),
                  );
                }}
              />
              <GridActionsCellItem
                icon={<OpenIcon fontSize="small" />}
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

  const processRowUpdate = useCallback(
    (newRow: GridRow, oldRow: GridRow): GridRow => {
      const original = oldRow as UserState;
      const parsed = userStateEditSchema.safeParse({
        userPrincipalName: String(newRow.userPrincipalName),
        successDeviceCount: String(newRow.successDeviceCount),
        errorDeviceCount: String(newRow.errorDeviceCount),
      });
      // The editors already refuse invalid text; this guards the commit itself. Nothing is sent.
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'Invalid value');
      drafts.current.delete(original.id);
      const changes = changedFields(original, parsed.data);
      if (Object.keys(changes).length === 0) return original;
      onSave(original, changes);
      return { ...original, ...parsed.data };
    },
    [onSave],
  );

  const paginationModel = useMemo<GridPaginationModel>(() => {
    // Keep a shared link's page while rows are still streaming in; the URL is not rewritten.
    const lastPage = Math.max(0, Math.ceil(rowCount / pageSize) - 1);
    return { page: Math.min(page - 1, lastPage), pageSize };
  }, [page, rowCount]);
  const sortModel = useMemo<GridSortModel>(() => (sort === null ? [] : [{ field: sort, sort: dir }]), [sort, dir]);

  return (
    <DataGrid<GridRow>
      apiRef={apiRef}
      aria-label="User run states"
      rows={rows}
      columns={columns}
      rowCount={rowCount}
      loading={loading}
      editMode="row"
      processRowUpdate={processRowUpdate}
      onProcessRowUpdateError={(error: unknown) =>
        notifications.notify({ severity: 'error', message: error instanceof Error ? error.message : 'Could not save' })
      }
      onRowEditStop={(params) => {
        if (params.reason === 'escapeKeyDown') drafts.current.delete(String(params.id));
      }}
      paginationMode="server"
      sortingMode="server"
      filterMode="server"
      disableColumnFilter
      disableRowSelectionOnClick
      paginationModel={paginationModel}
      onPaginationModelChange={(model) => {
        if (model.page !== paginationModel.page) onPageChange(model.page + 1);
      }}
      pageSizeOptions={[pageSize]}
      sortModel={sortModel}
      onSortModelChange={(model) => {
        const [first] = model;
        const field = editableFields.find((candidate) => candidate === first?.field) ?? null;
        onSortChange(field, first?.sort === 'desc' ? 'desc' : 'asc');
      }}
      density="compact"
      disableVirtualization={!virtualization}
      sx={{ height: 640 }}
    />
  );
}
