import { GridActionsCell, type GridColDef } from '@mui/x-data-grid';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { absoluteUrl, userStatePath } from '../../../../config/routes';
import { notifications } from '../../../../lib/notifications';
import type { ScriptKind } from '../../../../lib/script-kinds';
import { fieldLabels, fieldProblem, type EditableField, type UserState } from '../../api/schema';
import { useNarrowScreen } from '../../../../components/use-narrow-screen';
import { UserPrincipalName } from '../../../../components/user-principal-name';
import { EditCell } from '../edit-cell';
import { GridAction, linkIconPath, openIconPath } from '../grid-action';
import { SavePendingMark } from './save-pending-mark';

/**
 * A row in the grid: while edited, the editable cells hold the typed text. `savePending` marks a
 * row whose save Graph has not answered yet.
 */
export type GridRow = (UserState | (Omit<UserState, EditableField> & Record<EditableField, string | number>)) & {
  savePending?: true;
};

/**
 * The grid's columns. They depend only on these (and the screen being narrow), so typing, paging
 * and streaming never rebuild them.
 */
export function useUserStateColumns(kind: ScriptKind, scriptId: string, canEdit: boolean): GridColDef<GridRow>[] {
  const navigate = useNavigate();
  // On a phone the name gives up width (it is cut with an ellipsis) and the count headers wrap.
  const narrow = useNarrowScreen();
  return useMemo<GridColDef<GridRow>[]>(() => {
    const countWidth = narrow ? { width: 80 } : { flex: 1, minWidth: 170 };
    const editColumn = (field: EditableField, extra: Partial<GridColDef<GridRow>>): GridColDef<GridRow> => ({
      field,
      headerName: fieldLabels[field],
      editable: canEdit,
      // The value the row holds passes as it is (userStateEditSchemaFor); what is typed is checked.
      preProcessEditCellProps: ({ props: cell, row }) => ({
        ...cell,
        error: fieldProblem(field, String(cell.value ?? ''), String(row[field])) !== null,
      }),
      // `params.row` carries the values being typed; the row as the grid holds it is the kept one.
      renderEditCell: (params) => <EditCell {...params} field={field} kept={String(params.api.getRow<GridRow>(params.id)?.[field] ?? '')} />,
      ...extra,
    });
    return [
      editColumn('userPrincipalName', {
        flex: 2,
        // On a phone it leaves room for the selection's checkboxes too.
        minWidth: narrow ? 80 : 240,
        // Shown as it really is: bidi controls cannot reverse the name.
        renderCell: (params) => <UserPrincipalName value={String(params.value ?? '')} />,
      }),
      editColumn('successDeviceCount', { ...countWidth, align: 'right', headerAlign: 'right' }),
      editColumn('errorDeviceCount', { ...countWidth, align: 'right', headerAlign: 'right' }),
      {
        field: 'actions',
        type: 'actions',
        headerName: 'Actions',
        width: narrow ? 72 : 110,
        renderCell: (params) => {
          const path = userStatePath(kind, scriptId, String(params.id));
          return (
            <GridActionsCell {...params} suppressChildrenValidation>
              {params.row.savePending === true && <SavePendingMark />}
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
  }, [canEdit, kind, scriptId, navigate, narrow]);
}
