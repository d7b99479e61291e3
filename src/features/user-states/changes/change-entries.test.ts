import type { UserState } from '../api/schema';
import type { ConfirmedEdit } from '../cache/edit-coordinator';
import { changeEntries, undoPlan, undoSaves } from './change-entries';
import { changeLogCsvColumns, changeLogRows } from './change-log-columns';

const row = (id: string, successDeviceCount: number, errorDeviceCount: number): UserState => ({
  id,
  userPrincipalName: `${id}@contoso.com`,
  successDeviceCount,
  errorDeviceCount,
});

const save: ConfirmedEdit = {
  scriptKind: 'deviceManagementScripts',
  scriptId: 's',
  stateId: 'a',
  before: row('a', 1, 2),
  written: { errorDeviceCount: 5 },
  after: row('a', 1, 5),
  at: 10,
  requestId: 'req-1',
  changeId: 'c1',
};
// A bulk job: two rows, one entry.
const job: ConfirmedEdit[] = [
  { ...save, stateId: 'b', before: row('b', 3, 3), written: { successDeviceCount: 0 }, after: row('b', 0, 3), at: 20, changeId: 'c2' },
  { ...save, stateId: 'c', before: row('c', 4, 4), written: { successDeviceCount: 0 }, after: row('c', 0, 4), at: 21, changeId: 'c2' },
];

describe('change entries', () => {
  it('groups the log by entry, newest first', () => {
    const entries = changeEntries([save, ...job, { ...save, at: 30, changeId: 'c3', undoes: 'c1' }]);
    expect(entries.map(({ changeId, at, undoes, edits }) => [changeId, at, undoes, edits.length])).toEqual([
      ['c3', 30, 'c1', 1],
      ['c2', 21, undefined, 2],
      ['c1', 10, undefined, 1],
    ]);
  });

  it('undoes a bulk job as a plan: each row back to its values from before, checked against what the job left', () => {
    expect(undoPlan([save, ...job], 'c2')).toEqual({
      changes: [
        { before: row('b', 0, 3), after: row('b', 3, 3), changes: { successDeviceCount: 3 } },
        { before: row('c', 0, 4), after: row('c', 4, 4), changes: { successDeviceCount: 4 } },
      ],
      skipped: [],
    });
  });

  it('undoes an entry by writing back each written field, checked against what the save left', () => {
    expect(undoSaves([save], 'c1')).toEqual([{ scriptKind: 'deviceManagementScripts', scriptId: 's', original: row('a', 1, 5), changes: { errorDeviceCount: 2 }, undoOf: 'c1' }]);
    expect(undoSaves([save, ...job], 'c2').map((variables) => [variables.original.id, variables.changes])).toEqual([
      ['b', { successDeviceCount: 3 }],
      ['c', { successDeviceCount: 4 }],
    ]);
    expect(undoSaves([save], 'unknown')).toEqual([]);
  });

  it('gives one CSV line per written field, with old and new value and the request id', () => {
    expect(changeLogRows(changeEntries([save]))).toEqual([
      {
        at: 10,
        changeId: 'c1',
        undoes: '',
        scriptKind: 'deviceManagementScripts',
        scriptId: 's',
        stateId: 'a',
        userPrincipalName: 'a@contoso.com',
        field: 'errorDeviceCount',
        oldValue: '2',
        newValue: '5',
        requestId: 'req-1',
      },
    ]);
  });

  it('writes the hidden characters of a name as markers in the CSV, the values of a changed name too', () => {
    const hostile = 'usr\u202Egnp.exe@contoso.com';
    const renamed: ConfirmedEdit = {
      ...save,
      before: { ...row('a', 1, 2), userPrincipalName: hostile },
      written: { userPrincipalName: 'fixed@contoso.com' },
      after: { ...row('a', 1, 2), userPrincipalName: hostile },
    };
    const [line] = changeLogRows(changeEntries([renamed]));
    const cell = (header: string) => (line === undefined ? undefined : changeLogCsvColumns.find((column) => column.header === header)?.value(line));
    expect(cell('userPrincipalName')).toBe('usr⟨U+202E⟩gnp.exe@contoso.com');
    expect(cell('oldValue')).toBe('usr⟨U+202E⟩gnp.exe@contoso.com');
    expect(cell('newValue')).toBe('fixed@contoso.com');
  });
});
