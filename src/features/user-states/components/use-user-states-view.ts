import { useEffect, useMemo, useState } from 'react';
import { whenIdle } from '../../../lib/when-idle';
import type { UserState } from '../api/schema';
import {
  createIncrementalFilter,
  createPageSlicer,
  pageOfIndex,
  sortRows,
  type PageSize,
  type SortDirection,
  type SortField,
} from './list-view';

export interface ViewRequest {
  sort: SortField | null;
  dir: SortDirection;
  /** The search as typed (a deferred value, so filtering never holds up the text box). */
  query: string;
  /** 1-based. */
  page: number;
  pageSize: PageSize;
}

/**
 * The list as the user has arranged it: sorted, then searched, then one page of it. The grid
 * shows `pageRows`; an export or a chart takes `matching` (every row the user's view selects,
 * in the order they see it).
 */
export function useUserStatesView(rows: UserState[] | undefined, { sort, dir, query, page, pageSize }: ViewRequest) {
  // Sorted once per list or sort change, then searched: a keystroke filters the sorted rows (the
  // order survives filtering) instead of sorting its matches again.
  const sorted = useMemo(() => sortRows(rows ?? [], sort, dir), [rows, sort, dir]);
  const [filter] = useState(createIncrementalFilter);
  // The first search would otherwise lower-case 100,000 UPNs while the user waits.
  useEffect(() => whenIdle(() => filter.prepare(sorted)), [filter, sorted]);
  const matching = useMemo(() => filter(sorted, query), [filter, sorted, query]);
  const pageStart = (page - 1) * pageSize;
  const [slicePage] = useState(createPageSlicer);
  const pageRows = useMemo(() => slicePage(matching, pageStart, pageSize), [slicePage, matching, pageStart, pageSize]);
  return { sorted, matching, pageRows };
}

/** The 1-based page of `list` that holds the row, or null when it is not in `list`. */
export function pageOfRow(list: readonly UserState[], stateId: string, pageSize: PageSize): number | null {
  const index = list.findIndex((row) => row.id === stateId);
  return index === -1 ? null : pageOfIndex(index, pageSize);
}
