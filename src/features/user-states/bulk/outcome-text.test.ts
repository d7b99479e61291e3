import type { UserState } from '../api/schema';
import { jobCsvColumns } from './job-csv-columns';
import type { JobRow } from './job-state';
import { outcomeText } from './outcome-text';

const before: UserState = { id: 'a1', userPrincipalName: 'alice@contoso.com', successDeviceCount: 3, errorDeviceCount: 2 };

function conflictRow(theirs: UserState, changes: JobRow['changes']): JobRow {
  return { id: before.id, before, after: { ...before, ...changes }, changes, outcome: { kind: 'conflict', theirs } };
}

describe('a bulk job row in words', () => {
  it('says a conflict by the counts when the name is not in play', () => {
    const row = conflictRow({ ...before, errorDeviceCount: 7 }, { errorDeviceCount: 0 });
    expect(outcomeText(row)).toBe('Conflict (changed by someone else since you selected it: success 3, error 7 → success 3, error 0)');
  });

  it('says the name too when the other admin changed it or the job writes it, with its hidden characters as markers', () => {
    const renamedByThem = conflictRow({ ...before, userPrincipalName: 'al\u202Eice@contoso.com' }, { errorDeviceCount: 0 });
    expect(outcomeText(renamedByThem)).toBe(
      'Conflict (changed by someone else since you selected it: al⟨U+202E⟩ice@contoso.com, success 3, error 2 → al⟨U+202E⟩ice@contoso.com, success 3, error 0)',
    );
    const renamedByJob = conflictRow({ ...before, errorDeviceCount: 9 }, { userPrincipalName: 'alice.new@contoso.com' });
    expect(outcomeText(renamedByJob)).toBe(
      'Conflict (changed by someone else since you selected it: alice@contoso.com, success 3, error 9 → alice.new@contoso.com, success 3, error 9)',
    );
  });

  it('exports the name with its hidden characters as markers', () => {
    const row = conflictRow(before, {});
    const hostile = { ...row, before: { ...before, userPrincipalName: 'usr\u202Egnp.exe@contoso.com' } };
    expect(jobCsvColumns.find((column) => column.header === 'userPrincipalName')?.value(hostile)).toBe('usr⟨U+202E⟩gnp.exe@contoso.com');
  });
});
