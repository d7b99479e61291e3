import { describe, expect, it } from 'vitest';
import type { UserState } from '../../api/schema';
import { countsText, outcomeSubject, outcomeText } from './outcome-text';

const row: UserState = { id: 'a1', userPrincipalName: 'alice@contoso.com', successDeviceCount: 3, errorDeviceCount: 2 };

describe('outcome words', () => {
  it('says before → after for each changed field, and which lines name a user state twice', () => {
    const after = { ...row, errorDeviceCount: 0, successDeviceCount: 4 };
    const change = {
      kind: 'change',
      line: 2,
      change: { before: row, after, changes: { errorDeviceCount: 0, successDeviceCount: 4 } },
    } as const;
    expect(outcomeText(change)).toBe('Success device count 3 → 4; Error device count 2 → 0');
    expect(outcomeSubject(change)).toBe('alice@contoso.com');
    expect(outcomeText({ kind: 'duplicate', line: 2, row, lines: [2, 9, 1200] })).toBe(
      'Not sent: this user state is named on lines 2, 9 and 1,200',
    );
    expect(
      outcomeText({
        kind: 'invalid',
        line: 4,
        key: 'a1',
        errors: [
          { column: 'errorDeviceCount', message: 'Too large.' },
          { column: null, message: 'Line 4 has 3 fields.' },
        ],
      }),
    ).toBe('Column errorDeviceCount: Too large. Line 4 has 3 fields.');
  });

  it('writes a changed name with its hidden characters as markers', () => {
    const hostile = { ...row, userPrincipalName: 'usr\u202Egnp.exe@contoso.com' };
    const change = { kind: 'change', line: 2, change: { before: hostile, after: row, changes: { userPrincipalName: row.userPrincipalName } } } as const;
    expect(outcomeText(change)).toBe('User principal name usr⟨U+202E⟩gnp.exe@contoso.com → alice@contoso.com');
  });

  it('counts every outcome that occurs, and always the changes', () => {
    expect(countsText({ change: 0, unchanged: 0, unknown: 0, invalid: 0, duplicate: 0 })).toBe('0 changes');
    expect(countsText({ change: 1, unchanged: 2, unknown: 1, invalid: 0, duplicate: 3 })).toBe(
      '1 change, 2 unchanged, 1 unknown user state, 3 lines naming a user state twice',
    );
  });
});
