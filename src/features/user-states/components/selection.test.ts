import { describe, expect, it } from 'vitest';
import type { UserState } from '../api/schema';
import { selectedRows } from './selection';

const row = (id: string): UserState =>
  ({ id, userPrincipalName: `${id}@contoso.com`, successDeviceCount: 1, errorDeviceCount: 1 }) as UserState;
const all = ['a', 'b', 'c', 'd'].map(row);
const matching = [all[1], all[2]].filter((r): r is UserState => r !== undefined);

describe('selectedRows', () => {
  it('reads the header checkbox (exclude model) as every row of the view, not only those on screen', () => {
    expect(selectedRows({ type: 'exclude', ids: new Set() }, matching, all).map((r) => r.id)).toEqual(['b', 'c']);
    expect(selectedRows({ type: 'exclude', ids: new Set(['c']) }, matching, all).map((r) => r.id)).toEqual(['b']);
  });
  it('keeps rows picked one by one, in list order', () => {
    expect(selectedRows({ type: 'include', ids: new Set(['d', 'a']) }, matching, all).map((r) => r.id)).toEqual(['a', 'd']);
    expect(selectedRows({ type: 'include', ids: new Set() }, matching, all)).toEqual([]);
  });
});
