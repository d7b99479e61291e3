import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useLatestRef } from '../../../lib/use-latest-ref';
import type { UserState } from '../api/schema';
import { parseStateStatus, type StateStatus } from './state-status';

export const sortFields = ['userPrincipalName', 'successDeviceCount', 'errorDeviceCount'] as const;
export type SortField = (typeof sortFields)[number];
export type SortDirection = 'asc' | 'desc';

/** Rows per page the user can choose; 100 unless the URL says otherwise. */
export const pageSizeOptions = [25, 50, 100] as const;
export type PageSize = (typeof pageSizeOptions)[number];
export const defaultPageSize: PageSize = 100;

export function asPageSize(value: unknown): PageSize | null {
  return pageSizeOptions.find((size) => size === value) ?? null;
}

/** The 1-based page that holds the row at this 0-based index. */
export function pageOfIndex(index: number, pageSize: PageSize): number {
  return Math.floor(index / pageSize) + 1;
}

/**
 * What the grid shows, kept in the URL (`?q=&status=&sort=&dir=&page=&pageSize=`) so a shared link opens
 * the same view.
 */
export interface ListView {
  q: string;
  /** null: every status ("All"). */
  status: StateStatus | null;
  sort: SortField | null;
  dir: SortDirection;
  /** 1-based, as people count pages. */
  page: number;
  pageSize: PageSize;
}

export function parseListView(params: URLSearchParams): ListView {
  const sort = params.get('sort');
  const page = Number(params.get('page') ?? '1');
  return {
    q: params.get('q') ?? '',
    status: parseStateStatus(params.get('status')),
    sort: sortFields.find((field) => field === sort) ?? null,
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: asPageSize(Number(params.get('pageSize'))) ?? defaultPageSize,
  };
}

export function listViewParams(view: ListView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q !== '') params.set('q', view.q);
  if (view.status !== null) params.set('status', view.status);
  if (view.sort !== null) {
    params.set('sort', view.sort);
    params.set('dir', view.dir);
  }
  if (view.page > 1) params.set('page', String(view.page));
  if (view.pageSize !== defaultPageSize) params.set('pageSize', String(view.pageSize));
  return params;
}

export function useListView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseListView(params), [params]);
  // react-router's setter is a new function after every URL change; ours stays the same, so the
  // memoised grid and toolbar are not re-rendered just because the search reached the URL.
  const setParamsRef = useLatestRef(setParams);
  const update = useCallback((changes: Partial<ListView>, options: { replace?: boolean } = {}) => {
    setParamsRef.current((current) => listViewParams({ ...parseListView(current), ...changes }), {
      replace: options.replace ?? false,
    });
  }, [setParamsRef]);
  return [view, update] as const;
}

// Sort keys: lower-cased UPNs, computed once per row object (rows are immutable; an edit makes a
// new object), so sorting again after an edit or a streamed batch does not redo 100,000 of them.
const lowerCaseUpns = new WeakMap<UserState, string>();

function lowerCaseUpn(row: UserState): string {
  let key = lowerCaseUpns.get(row);
  if (key === undefined) {
    key = row.userPrincipalName.toLowerCase();
    lowerCaseUpns.set(row, key);
  }
  return key;
}

/**
 * Case-insensitive substring search on the UPN, for typing over 100,000 rows. The lower-cased
 * UPNs are kept in an array beside the rows: when the list changes (a streamed batch, an edit)
 * only rows that are new objects are lower-cased again. One more character searches only the
 * previous matches, by index.
 */
export function createIncrementalFilter() {
  let source: UserState[] = [];
  let keys: string[] = [];
  let last: { needle: string; indices: number[]; result: UserState[] } | null = null;

  const indexRows = (rows: UserState[]): void => {
    if (rows === source) return;
    const next = new Array<string>(rows.length);
    for (let index = 0; index < rows.length; index += 1) {
      const row = rows[index] as UserState;
      next[index] =
        index < source.length && source[index] === row ? (keys[index] as string) : row.userPrincipalName.toLowerCase();
    }
    source = rows;
    keys = next;
    last = null;
  };

  const filter = (rows: UserState[], q: string): UserState[] => {
    const needle = q.trim().toLowerCase();
    if (needle === '') {
      last = null;
      return rows;
    }
    indexRows(rows);
    const previous = last !== null && needle.includes(last.needle) ? last : null;
    if (previous !== null && previous.needle === needle) return previous.result;
    const indices: number[] = [];
    if (previous === null) {
      for (let index = 0; index < keys.length; index += 1)
        if ((keys[index] as string).includes(needle)) indices.push(index);
    } else {
      for (const index of previous.indices) if ((keys[index] as string).includes(needle)) indices.push(index);
    }
    const result = indices.map((index) => rows[index] as UserState);
    last = { needle, indices, result };
    return result;
  };
  /** Lower-cases the UPNs ahead of the first search (call it when the browser is idle). */
  const prepare = (rows: UserState[]): void => indexRows(rows);
  return Object.assign(filter, { prepare });
}

/**
 * Sorts a copy. Keys are computed once per row (not per comparison) so 100,000 rows sort in a few
 * tens of milliseconds; ties keep Graph's order (Array.prototype.sort is stable).
 */
export function sortRows(rows: UserState[], sort: SortField | null, dir: SortDirection): UserState[] {
  if (sort === null) return rows;
  const sign = dir === 'asc' ? 1 : -1;
  if (sort === 'userPrincipalName') {
    const keyed = rows.map((row) => ({ key: lowerCaseUpn(row), row }));
    keyed.sort((a, b) => (a.key < b.key ? -sign : a.key > b.key ? sign : 0));
    return keyed.map((entry) => entry.row);
  }
  return rows.slice().sort((a, b) => (a[sort] - b[sort]) * sign);
}

/**
 * The rows of one page. Returns the previous array when the page holds the same row objects, so
 * while later pages stream in, the grid is not re-rendered for a page that did not change.
 */
export function createPageSlicer() {
  let last: UserState[] = [];
  return (rows: UserState[], start: number, pageSize: PageSize): UserState[] => {
    const end = Math.min(rows.length, start + pageSize);
    const length = Math.max(0, end - start);
    let same = last.length === length;
    for (let index = 0; same && index < length; index += 1) same = last[index] === rows[start + index];
    if (!same) last = rows.slice(start, end);
    return last;
  };
}
