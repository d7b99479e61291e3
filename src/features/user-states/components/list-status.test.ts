import { clampedPageNote, emptyGridLabel, loadedStatus, notReportedYet } from './list-status';

describe('loadedStatus', () => {
  it('counts what has arrived of the total', () => {
    expect(loadedStatus(999, 100_000, false)).toBe('Loaded 999 of 100,000');
    expect(loadedStatus(250, 250, true)).toBe('Loaded 250 of 250');
  });

  it('says a script without user states has none yet instead of "0 of 0"', () => {
    expect(loadedStatus(0, 0, true)).toBe('No user run states yet');
    expect(loadedStatus(0, null, false)).toBe('Loaded 0 of 0');
  });
});

describe('emptyGridLabel', () => {
  it('says the script has not reported yet when Graph has no user state for it, searched or not', () => {
    expect(emptyGridLabel(0, true, '')).toBe(notReportedYet);
    expect(emptyGridLabel(0, true, 'ann')).toBe(notReportedYet);
  });

  it('names the search that matches nothing', () => {
    expect(emptyGridLabel(250, true, '  zzz ')).toBe('No user principal name contains “zzz”.');
  });

  it('says nothing while the list is still on its way', () => {
    expect(emptyGridLabel(0, false, '')).toBeNull();
  });
});

describe('clampedPageNote', () => {
  it('counts the pages, in the singular for one', () => {
    expect(clampedPageNote(40, 3)).toBe('This link asked for page 40; there are 3 pages, so the last one is shown.');
    expect(clampedPageNote(5, 1)).toBe('This link asked for page 5; there is 1 page, so it is shown.');
  });
});
