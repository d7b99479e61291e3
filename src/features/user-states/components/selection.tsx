import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { GridRowSelectionModel } from '@mui/x-data-grid';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { UserState } from '../api/schema';

const numberFormat = new Intl.NumberFormat('en-US');

export const emptySelection: GridRowSelectionModel = { type: 'include', ids: new Set() };

/**
 * The grid's own selection model, read against the whole view: the grid holds one page only, so
 * its header checkbox answers with an `exclude` model ("every row but these"), which here means
 * every row matching the current search, on every page.
 */
export function selectedRows(
  model: GridRowSelectionModel,
  matching: readonly UserState[],
  all: readonly UserState[],
): UserState[] {
  if (model.type === 'exclude') return matching.filter((row) => !model.ids.has(row.id));
  if (model.ids.size === 0) return [];
  return all.filter((row) => model.ids.has(row.id));
}

export function useRowSelection(matching: readonly UserState[], all: readonly UserState[]) {
  const [model, setModel] = useState<GridRowSelectionModel>(emptySelection);
  const rows = useMemo(() => selectedRows(model, matching, all), [model, matching, all]);
  const clear = useCallback(() => setModel(emptySelection), []);
  return { model, setModel, rows, clear };
}

export interface SelectionBarProps {
  count: number;
  onClear: () => void;
  /** The actions on the selection ("Edit selected"), only for an account that may use them. */
  children?: ReactNode;
}

export function SelectionBar({ count, onClear, children }: SelectionBarProps) {
  if (count === 0) return null;
  return (
    <Box role="toolbar" aria-label="Selection" sx={{ display: 'flex', gap: 1, alignItems: 'center', mb: 1 }}>
      <Typography variant="body2" role="status">
        {numberFormat.format(count)} selected
      </Typography>
      <Button size="small" onClick={onClear}>
        Clear selection
      </Button>
      {children}
    </Box>
  );
}
