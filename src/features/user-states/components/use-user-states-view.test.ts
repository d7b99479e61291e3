import { renderHook } from '@testing-library/react';
import type { UserState } from '../api/schema';
import { defaultPageSize as pageSize } from './list-view';
import { useUserStatesView, type ViewRequest } from './use-user-states-view';

// Every third user has errors, every third succeeded only, every third no device at all.
function state(index: number): UserState {
  const bucket = index % 3;
  return {
    id: `state-${index}`,
    userPrincipalName: `${index % 2 === 0 ? 'ada' : 'alan'}${index}@contoso.com`,
    successDeviceCount: bucket === 1 ? 1 + (index % 5) : bucket === 0 ? index % 4 : 0,
    errorDeviceCount: bucket === 0 ? 1 + (index % 7) : 0,
  };
}

const rows = Array.from({ length: 450 }, (_, index) => state(index));
const everything: ViewRequest = { sort: null, dir: 'asc', query: '', status: null, page: 1, pageSize, complete: true };

function view(request: Partial<ViewRequest>) {
  return renderHook(({ current }) => useUserStatesView(rows, current), { initialProps: { current: { ...everything, ...request } } });
}

describe('useUserStatesView', () => {
  it('keeps every row when no status is chosen', () => {
    const { result } = view({});
    expect(result.current.matching).toHaveLength(rows.length);
  });

  it('keeps only the rows of the chosen status, over all pages', () => {
    const { result } = view({ status: 'errors' });
    expect(result.current.matching).toHaveLength(150);
    expect(result.current.matching.every((row) => row.errorDeviceCount > 0)).toBe(true);
    expect(result.current.pageRows).toHaveLength(pageSize);
    expect(view({ status: 'succeeded' }).result.current.matching.every((row) => row.errorDeviceCount === 0 && row.successDeviceCount > 0)).toBe(true);
    const none = view({ status: 'none' }).result.current.matching;
    expect(none.length).toBeGreaterThan(0);
    expect(none.every((row) => row.errorDeviceCount === 0 && row.successDeviceCount === 0)).toBe(true);
  });

  it('combines the status with the search and the sort, and pages the result', () => {
    const { result } = view({ status: 'errors', query: 'ALAN', sort: 'errorDeviceCount', dir: 'desc', page: 1 });
    const expected = rows
      .filter((row) => row.errorDeviceCount > 0 && row.userPrincipalName.includes('alan'))
      .toSorted((a, b) => b.errorDeviceCount - a.errorDeviceCount);
    expect(result.current.matching.map((row) => row.id)).toEqual(expected.map((row) => row.id));
    expect(result.current.pageRows.map((row) => row.id)).toEqual(expected.slice(0, pageSize).map((row) => row.id));
  });

  it('follows a change of status without losing the search', () => {
    const { result, rerender } = view({ query: 'ada', status: 'errors' });
    const adaErrors = rows.filter((row) => row.userPrincipalName.startsWith('ada') && row.errorDeviceCount > 0);
    expect(result.current.matching.map((row) => row.id)).toEqual(adaErrors.map((row) => row.id));
    rerender({ current: { ...everything, query: 'ada', status: 'succeeded' } });
    const adaSucceeded = rows.filter((row) => row.userPrincipalName.startsWith('ada') && row.errorDeviceCount === 0 && row.successDeviceCount > 0);
    expect(result.current.matching.map((row) => row.id)).toEqual(adaSucceeded.map((row) => row.id));
    rerender({ current: { ...everything, query: 'ada' } });
    expect(result.current.matching).toHaveLength(rows.filter((row) => row.userPrincipalName.startsWith('ada')).length);
  });
});
