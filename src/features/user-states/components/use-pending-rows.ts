import { useCallback, useMemo, useState } from 'react';
import type { UserState } from '../api/schema';

/**
 * Rows with a save Graph has not answered yet, counted per row: successive saves of one row are
 * sent one after the other, and the row stays marked until the last of them is answered.
 */
export function usePendingRows() {
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(new Map());
  const change = useCallback((stateId: string, delta: number) => {
    setCounts((current) => {
      const next = new Map(current);
      const count = (next.get(stateId) ?? 0) + delta;
      if (count > 0) next.set(stateId, count);
      else next.delete(stateId);
      return next;
    });
  }, []);
  /** Marks the row; call the returned function once Graph has answered (or the save failed). */
  const track = useCallback(
    (stateId: string) => {
      change(stateId, 1);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        change(stateId, -1);
      };
    },
    [change],
  );
  return { pending: counts as ReadonlyMap<string, unknown>, track };
}

/** The page's rows with the pending mark the grid's actions column shows (GridRow's `savePending`); the same array (and rows) when nothing is pending. */
export function useMarkPending(rows: UserState[], pending: ReadonlyMap<string, unknown>): (UserState & { savePending?: true })[] {
  return useMemo(
    () => (pending.size === 0 ? rows : rows.map((row) => (pending.has(row.id) ? { ...row, savePending: true as const } : row))),
    [rows, pending],
  );
}
