import type { UserState } from '../api/schema';
import { filterByStatus, parseStateStatus, stateStatus } from './state-status';

function state(id: number, successDeviceCount: number, errorDeviceCount: number): UserState {
  return { id: `state-${id}`, userPrincipalName: `user${id}@contoso.com`, successDeviceCount, errorDeviceCount };
}

describe('stateStatus', () => {
  it('counts a user with any failed device as with errors, even when others succeeded', () => {
    expect(stateStatus(state(1, 0, 1))).toBe('errors');
    expect(stateStatus(state(2, 5, 2))).toBe('errors');
  });

  it('counts a user with only succeeded devices as succeeded', () => {
    expect(stateStatus(state(3, 1, 0))).toBe('succeeded');
  });

  it('counts a user with no device reported as no devices', () => {
    expect(stateStatus(state(4, 0, 0))).toBe('none');
  });
});

describe('parseStateStatus', () => {
  it('reads the three URL words', () => {
    expect(parseStateStatus('errors')).toBe('errors');
    expect(parseStateStatus('succeeded')).toBe('succeeded');
    expect(parseStateStatus('none')).toBe('none');
  });

  it('treats an absent or unknown value as every row', () => {
    expect(parseStateStatus(null)).toBeNull();
    expect(parseStateStatus('')).toBeNull();
    expect(parseStateStatus('Errors')).toBeNull();
    expect(parseStateStatus('failed')).toBeNull();
  });
});

describe('filterByStatus', () => {
  const rows = [state(1, 1, 0), state(2, 0, 3), state(3, 0, 0), state(4, 2, 1), state(5, 4, 0)];
  const ids = (list: UserState[]) => list.map((row) => row.id);

  it('keeps the rows of one bucket in their order', () => {
    expect(ids(filterByStatus(rows, 'errors'))).toEqual(['state-2', 'state-4']);
    expect(ids(filterByStatus(rows, 'succeeded'))).toEqual(['state-1', 'state-5']);
    expect(ids(filterByStatus(rows, 'none'))).toEqual(['state-3']);
  });

  it('returns the same array when no bucket is chosen', () => {
    expect(filterByStatus(rows, null)).toBe(rows);
  });
});
