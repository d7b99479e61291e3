import { useEffect, useMemo, useState } from 'react';
import { whenIdle } from '../../../lib/when-idle';
import type { UserState } from '../api/schema';
import { filterByStatus, type StateStatus } from './state-status';
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
  /** null: every status. */
  status: StateStatus | null;
  /** 1-based, as asked for (a link's page may lie beyond the rows loaded so far). */
  page: number;
  pageSize: PageSize;
  /** Every row has arrived: only now is the page held to the last one there is. */
  complete: boolean;
}

/**
 * The list as the user has arranged it: sorted, then searched, then filtered by status, then one
 * page of it. The grid shows `pageRows`; an export or a chart takes `matching` (every row the
 * user's view selects, in the order they see it).
 */
export function useUserStatesView(rows: UserState[] | undefined, { sort, dir, query, status, page: asked, pageSize, complete }: ViewRequest) {
  // Sorted once per list or sort change, then searched: a keystroke filters the sorted rows (the
  // order survives filtering) instead of sorting its matches again.
  const sorted = useMemo(() => sortRows(rows ?? [], sort, dir), [rows, sort, dir]);
  const [filter] = useState(createIncrementalFilter);
  // The first search would otherwise lower-case 100,000 UPNs while the user waits.
  useEffect(() => whenIdle(() => filter.prepare(sorted)), [filter, sorted]);
  const searched = useMemo(() => filter(sorted, query), [filter, sorted, query]);
  // Status after the search, not before: the search keeps its lower-cased UPNs (indexed by
  // position in `sorted`) when only the status changes, and one pass over the matches is cheap.
  const matching = useMemo(() => filterByStatus(searched, status), [searched, status]);
  // A shared link's page holds while the rows it needs stream in; the final count clamps it.
  const page = complete ? Math.min(asked, Math.max(1, Math.ceil(matching.length / pageSize))) : asked;
  const pageStart = (page - 1) * pageSize;
  const [slicePage] = useState(createPageSlicer);
  const pageRows = useMemo(() => slicePage(matching, pageStart, pageSize), [slicePage, matching, pageStart, pageSize]);
  return { sorted, matching, pageRows, page };
}

/** The 1-based page of `list` that holds the row, or null when it is not in `list`. */
export function pageOfRow(list: readonly UserState[], stateId: string, pageSize: PageSize): number | null {
  const index = list.findIndex((row) => row.id === stateId);
  return index === -1 ? null : pageOfIndex(index, pageSize);
}
