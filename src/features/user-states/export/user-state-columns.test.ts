import { userStateCsvColumns } from './user-state-columns';

describe('userStateCsvColumns', () => {
  it('writes a name with a right-to-left override with the override as a marker', () => {
    const column = userStateCsvColumns.find((candidate) => candidate.header === 'userPrincipalName');
    const row = { id: 'a1', userPrincipalName: '\u202Egnp.exe@contoso.com', successDeviceCount: 1, errorDeviceCount: 0 };
    expect(column?.value(row)).toBe('⟨U+202E⟩gnp.exe@contoso.com');
    expect(column?.value({ ...row, userPrincipalName: 'ann@contoso.com' })).toBe('ann@contoso.com');
  });
});
