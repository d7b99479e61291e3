import type { DataGridProps } from '@mui/x-data-grid';
import { gridActionClass } from '../grid-action';
import type { GridRow } from './columns';
import { NamedTooltip, PagingButton } from './grid-tooltips';
import { RowCheckbox, rowCheckboxClass } from './row-checkbox';

/**
 * How the user-states grid looks: its styles and the components in its slots. Shared by the grid
 * and its warm-up (grid-warm-up.tsx), which must produce the very same styles to leave them cached.
 */
const gridSx = {
  height: 640,
  // On a phone a count's header takes two or three short lines rather than an ellipsis.
  '& .MuiDataGrid-columnHeaderTitle': { whiteSpace: { xs: 'normal', sm: 'nowrap' }, lineHeight: { xs: 1.2 } },
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
  // MUI's Checkbox look (24 px icon, 9 px around it) for the plain row checkboxes (row-checkbox.tsx).
  [`& .${rowCheckboxClass}`]: {
    position: 'relative',
    display: 'inline-flex',
    p: '9px',
    borderRadius: '50%',
    color: 'text.secondary',
    '&:hover': { bgcolor: 'action.hover' },
    '&[data-state="checked"], &[data-state="mixed"]': { color: 'primary.main' },
    '&:has(> input:disabled)': { color: 'action.disabled' },
    '&:has(> input:focus-visible)': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 },
    '& > input': { position: 'absolute', inset: 0, width: '100%', height: '100%', m: 0, p: 0, opacity: 0, cursor: 'pointer', zIndex: 1 },
    '& > svg': { width: 24, height: 24, fill: 'currentColor' },
  },
} as const;

// While the first page is on its way the grid shows a progress bar, not its default skeleton: a
// skeleton fills the viewport with placeholder cells that are mounted only to be thrown away.
// A thousand pages of 100 are crossed with first/last page buttons, not one step at a time.
const pagingButtons = { firstButton: PagingButton, previousButton: PagingButton, nextButton: PagingButton, lastButton: PagingButton };
const gridSlotProps = {
  loadingOverlay: { variant: 'linear-progress', noRowsVariant: 'linear-progress' },
  basePagination: { material: { showFirstButton: true, showLastButton: true, slots: { actions: pagingButtons } } },
} as const;

// Every icon button's tooltip says its accessible name; rows tick a plain checkbox (row-checkbox.tsx).
const gridSlots = { baseTooltip: NamedTooltip, rowCheckbox: RowCheckbox } as const;

/**
 * The DataGrid props that never change: its look, and the modes that decide what it renders (the
 * page is ours, edits are by row, rows have checkboxes). The grid and its warm-up spread them.
 */
export const gridSetup = {
  editMode: 'row',
  paginationMode: 'server',
  sortingMode: 'server',
  filterMode: 'server',
  disableColumnFilter: true,
  disableRowSelectionOnClick: true,
  checkboxSelection: true,
  // The grid would count the ticked rows of its page only ("100 rows selected" after "Select all
  // rows", which picks every matching row on every page): the Selection toolbar's count is the one.
  hideFooterSelectedRowCount: true,
  density: 'compact',
  sx: gridSx,
  slots: gridSlots,
  slotProps: gridSlotProps,
} satisfies Partial<DataGridProps<GridRow>>;
