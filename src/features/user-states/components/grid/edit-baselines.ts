import type { GridEventListener } from '@mui/x-data-grid';
import { useCallback, useMemo, useRef } from 'react';
import type { UserState } from '../../api/schema';

/**
 * The record each open row edit started from: what the conflict check compares Graph against.
 * Set when a row opens (or a draft re-opens it with its own baseline), taken when it commits,
 * dropped when the user presses Escape. A ref: the grid never renders from it.
 */
export function useEditBaselines() {
  const baselines = useRef(new Map<string, UserState>());
  const set = useCallback((row: UserState) => {
    baselines.current.set(row.id, row);
  }, []);
  const get = useCallback((id: string) => baselines.current.get(id), []);
  /** The baseline of a row that commits (or `shown` if it has none), forgotten from now on. */
  const take = useCallback((shown: UserState): UserState => {
    const baseline = baselines.current.get(shown.id) ?? shown;
    baselines.current.delete(shown.id);
    return baseline;
  }, []);
  const onRowEditStart = useCallback<GridEventListener<'rowEditStart'>>((params) => {
    baselines.current.set(String(params.id), params.row as UserState);
  }, []);
  const onRowEditStop = useCallback<GridEventListener<'rowEditStop'>>((params) => {
    if (params.reason === 'escapeKeyDown') baselines.current.delete(String(params.id));
  }, []);
  return useMemo(() => ({ set, get, take, onRowEditStart, onRowEditStop }), [set, get, take, onRowEditStart, onRowEditStop]);
}

export type EditBaselines = ReturnType<typeof useEditBaselines>;
