import type { UserState } from '../api/schema';
import { createIncrementalFilter, listViewParams, pageOfIndex, parseListView } from './list-view';

function state(id: number, userPrincipalName: string): UserState {
  return { id: `state-${id}`, userPrincipalName, successDeviceCount: 0, errorDeviceCount: 0 };
}

const rows = [
  state(1, 'Ada.Lovelace@contoso.com'),
  state(2, 'alan.turing@contoso.com'),
  state(3, 'grace.hopper@contoso.com'),
  state(4, 'ADAM.smith@fabrikam.com'),
];
const upns = (list: UserState[]) => list.map((row) => row.userPrincipalName);

describe('createIncrementalFilter', () => {
  it('returns the same array when the search is empty', () => {
    const filter = createIncrementalFilter();
    expect(filter(rows, '')).toBe(rows);
    expect(filter(rows, '   ')).toBe(rows);
  });

  it('matches case-insensitively, narrowing and widening as the user types and deletes', () => {
    const filter = createIncrementalFilter();
    expect(upns(filter(rows, 'a'))).toEqual(upns(rows));
    expect(upns(filter(rows, 'ad'))).toEqual(['Ada.Lovelace@contoso.com', 'ADAM.smith@fabrikam.com']);
    expect(upns(filter(rows, 'adam'))).toEqual(['ADAM.smith@fabrikam.com']);
    expect(upns(filter(rows, 'ad'))).toEqual(['Ada.Lovelace@contoso.com', 'ADAM.smith@fabrikam.com']);
    expect(upns(filter(rows, 'contoso'))).toEqual(['Ada.Lovelace@contoso.com', 'alan.turing@contoso.com', 'grace.hopper@contoso.com']);
  });

  it('follows the list as pages stream in and rows are edited', () => {
    const filter = createIncrementalFilter();
    expect(upns(filter(rows, 'hopper'))).toEqual(['grace.hopper@contoso.com']);
    const streamed = rows.concat([state(5, 'ann.hopper@contoso.com')]);
    expect(upns(filter(streamed, 'hopper'))).toEqual(['grace.hopper@contoso.com', 'ann.hopper@contoso.com']);
    const edited = streamed.slice();
    edited[2] = state(3, 'grace.brewster@contoso.com');
    expect(upns(filter(edited, 'hopper'))).toEqual(['ann.hopper@contoso.com']);
    // Narrowing after the edit searches the edited list, not the previous answer.
    expect(upns(filter(edited, 'hopper@'))).toEqual(['ann.hopper@contoso.com']);
  });

  it('answers the same after the UPNs were prepared ahead of the first search', () => {
    const filter = createIncrementalFilter();
    filter.prepare(rows);
    expect(upns(filter(rows, 'TURING'))).toEqual(['alan.turing@contoso.com']);
  });
});

describe('the status in the URL', () => {
  it('reads each status, and an absent or unknown one as All', () => {
    expect(parseListView(new URLSearchParams('status=errors')).status).toBe('errors');
    expect(parseListView(new URLSearchParams('status=succeeded')).status).toBe('succeeded');
    expect(parseListView(new URLSearchParams('status=none')).status).toBe('none');
    expect(parseListView(new URLSearchParams('')).status).toBeNull();
    expect(parseListView(new URLSearchParams('status=broken')).status).toBeNull();
  });

  it('writes the status beside the search, sort and page, and leaves it out for All', () => {
    const view = parseListView(new URLSearchParams('q=ada&status=errors&sort=errorDeviceCount&dir=desc&page=2'));
    expect(listViewParams(view).toString()).toBe('q=ada&status=errors&sort=errorDeviceCount&dir=desc&page=2');
    expect(listViewParams({ ...view, status: null }).toString()).toBe('q=ada&sort=errorDeviceCount&dir=desc&page=2');
    // An unknown value is dropped from the URL the next time the view changes.
    expect(listViewParams(parseListView(new URLSearchParams('status=broken&page=3'))).toString()).toBe('page=3');
  });
});

describe('the list view in the URL', () => {
  it('reads a page size of 25, 50 or 100 and falls back to 100 for anything else', () => {
    expect(parseListView(new URLSearchParams('pageSize=25')).pageSize).toBe(25);
    expect(parseListView(new URLSearchParams('pageSize=50')).pageSize).toBe(50);
    expect(parseListView(new URLSearchParams('')).pageSize).toBe(100);
    expect(parseListView(new URLSearchParams('pageSize=30')).pageSize).toBe(100);
    expect(parseListView(new URLSearchParams('pageSize=abc')).pageSize).toBe(100);
  });

  it('writes the page size only when it is not the default', () => {
    const view = parseListView(new URLSearchParams('page=3'));
    expect(listViewParams({ ...view, pageSize: 50 }).toString()).toBe('page=3&pageSize=50');
    expect(listViewParams({ ...view, pageSize: 100 }).toString()).toBe('page=3');
  });

  it('finds the page that holds a row', () => {
    expect(pageOfIndex(0, 25)).toBe(1);
    expect(pageOfIndex(24, 25)).toBe(1);
    expect(pageOfIndex(25, 25)).toBe(2);
    expect(pageOfIndex(250, 100)).toBe(3);
  });
});
