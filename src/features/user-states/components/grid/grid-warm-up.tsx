import Box from '@mui/material/Box';
import { DataGrid } from '@mui/x-data-grid';
import { useEffect } from 'react';
import { afterNextPaint } from '../../../../lib/after-next-paint';
import { defaultPageSize, pageSizeOptions } from '../list-view';
import { useUserStateColumns, type GridRow } from './columns';
import { gridSetup } from './grid-appearance';

const warmUpRows: GridRow[] = [{ id: 'warm-up', userPrincipalName: 'warm-up@example.invalid', successDeviceCount: 0, errorDeviceCount: 0 }];
const warmUpPage = { page: 0, pageSize: defaultPageSize };

// Laid out (so the grid measures a real size) but never painted, read or reached.
const hiddenBox = {
  position: 'fixed',
  top: 0,
  left: -10_000,
  width: 1000,
  visibility: 'hidden',
  pointerEvents: 'none',
} as const;

export interface GridWarmUpProps {
  /** Called once the grid has been painted off screen: unmount the warm-up then. */
  onDone: () => void;
}

/**
 * The user-states grid once, hidden and off screen, with one made-up row, then gone. The first
 * grid of a session spends a large part of its mount compiling the styles of the grid, its
 * header, pagination and cells (Emotion and stylis) and compiling the grid's code. Done while the
 * scripts list is idle, a click on a script finds both ready: the styles stay in Emotion's cache
 * for the same theme, the code stays compiled. Measured with `npm run bench` (the in-app open).
 */
export function GridWarmUp({ onDone }: GridWarmUpProps) {
  const columns = useUserStateColumns('deviceManagementScripts', 'warm-up', true);
  useEffect(() => afterNextPaint(onDone), [onDone]);
  return (
    <Box sx={hiddenBox} aria-hidden="true" inert>
      <DataGrid<GridRow>
        {...gridSetup}
        rows={warmUpRows}
        columns={columns}
        rowCount={warmUpRows.length}
        paginationModel={warmUpPage}
        pageSizeOptions={pageSizeOptions}
      />
    </Box>
  );
}
