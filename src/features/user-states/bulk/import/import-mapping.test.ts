import { describe, expect, it } from 'vitest';
import type { CsvRecord } from '../../../../lib/csv/csv-import';
import type { UserState } from '../../api/schema';
import { importHeaderProblem, readImportColumns, type ImportColumns } from './import-columns';
import { ImportMapper } from './import-mapping';

const rows: UserState[] = [
  { id: 'a1', userPrincipalName: 'alice@contoso.com', successDeviceCount: 3, errorDeviceCount: 2 },
  { id: 'b2', userPrincipalName: 'bob@contoso.com', successDeviceCount: 1, errorDeviceCount: 0 },
  { id: 'c3', userPrincipalName: 'carol@contoso.com', successDeviceCount: 0, errorDeviceCount: 4 },
  { id: 'd4', userPrincipalName: 'Shared@contoso.com', successDeviceCount: 0, errorDeviceCount: 0 },
  { id: 'e5', userPrincipalName: 'shared@contoso.com', successDeviceCount: 0, errorDeviceCount: 0 },
];

function columns(header: string[]): ImportColumns {
  const read = readImportColumns(header);
  if (typeof read === 'string') throw new Error(read);
  return read;
}

/** Records as the CSV module gives them: line 1 is the header. */
function mapLines(header: string[], lines: string[][]) {
  const records: CsvRecord[] = lines.map((fields, index) => ({
    line: index + 2,
    values: Object.fromEntries(header.map((name, at) => [name, fields[at] ?? ''])),
  }));
  const mapper = new ImportMapper(columns(header), rows);
  mapper.add(records);
  return { preview: mapper.preview(), plan: mapper.plan() };
}

describe('readImportColumns', () => {
  it('keys by id when there is one, so that a UPN column corrects the UPN', () => {
    expect(columns(['userPrincipalName', 'ID', 'errorDeviceCount', 'note'])).toEqual({
      key: { field: 'id', column: 'ID' },
      values: [
        { field: 'errorDeviceCount', column: 'errorDeviceCount' },
        { field: 'userPrincipalName', column: 'userPrincipalName' },
      ],
      ignored: ['note'],
    });
    expect(columns(['userPrincipalName', 'successDeviceCount']).key).toEqual({
      field: 'userPrincipalName',
      column: 'userPrincipalName',
    });
  });

  it('refuses a header without a key column, or with nothing to change', () => {
    expect(importHeaderProblem(['name', 'errorDeviceCount'])).toMatch(/no key column: .*"id" or a "userPrincipalName"/);
    expect(importHeaderProblem(['id', 'note'])).toMatch(/no column to change/);
    expect(importHeaderProblem(['userPrincipalName'])).toMatch(/no column to change/);
    expect(importHeaderProblem(['id', 'errorDeviceCount'])).toBeUndefined();
  });
});

describe('ImportMapper', () => {
  it('gives each line its outcome: change (before → after), unchanged, unknown', () => {
    const { preview, plan } = mapLines(
      ['id', 'successDeviceCount', 'errorDeviceCount'],
      [
        ['a1', '3', '0'],
        ['b2', '1', '0'],
        ['zz', '1', '1'],
        ['c3', '', '0'],
      ],
    );
    expect(preview.outcomes.map((outcome) => [outcome.line, outcome.kind])).toEqual([
      [2, 'change'],
      [3, 'unchanged'],
      [4, 'unknown'],
      [5, 'change'],
    ]);
    expect(preview.counts).toEqual({ change: 2, unchanged: 1, unknown: 1, invalid: 0, duplicate: 0 });
    // Only what differs is sent; an empty cell leaves the value as it is.
    expect(
      plan.changes.map(({ before, after, changes }) => [
        before.id,
        changes,
        after.errorDeviceCount,
        after.successDeviceCount,
      ]),
    ).toEqual([
      ['a1', { errorDeviceCount: 0 }, 0, 3],
      ['c3', { errorDeviceCount: 0 }, 0, 0],
    ]);
    expect(plan.changes[0]?.before).toBe(rows[0]);
    expect(plan.skipped).toEqual([rows[1]]);
  });

  it("rejects a line with the edit form's own messages, naming line and column, and never plans it", () => {
    const { preview, plan } = mapLines(
      ['id', 'successDeviceCount', 'errorDeviceCount', 'userPrincipalName'],
      [
        ['a1', '-1', '0', ''],
        ['b2', '2.5', '1e3', ''],
        ['c3', '', '', '=HYPERLINK("http://evil.example/")'],
        ['', '1', '1', ''],
      ],
    );
    expect(preview.outcomes).toEqual([
      {
        kind: 'invalid',
        line: 2,
        key: 'a1',
        errors: [{ column: 'successDeviceCount', message: 'A count cannot be negative: use 0 or more.' }],
      },
      {
        kind: 'invalid',
        line: 3,
        key: 'b2',
        errors: [
          { column: 'successDeviceCount', message: 'Use a whole number, without decimals.' },
          { column: 'errorDeviceCount', message: 'Write the number out in digits (no exponent such as 1e3).' },
        ],
      },
      {
        kind: 'invalid',
        line: 4,
        key: 'c3',
        errors: [
          {
            column: 'userPrincipalName',
            message: 'Remove the characters < > and ": they are not allowed in a user principal name.',
          },
        ],
      },
      {
        kind: 'invalid',
        line: 5,
        key: '',
        errors: [{ column: 'id', message: 'Enter the id of a user state of this script.' }],
      },
    ]);
    expect(plan.changes).toEqual([]);
  });

  it('reads a formula in a UPN key as text: it matches no user state and nothing is evaluated', () => {
    const { preview } = mapLines(
      ['userPrincipalName', 'errorDeviceCount'],
      [
        ['=1+1', '0'],
        ['@SUM(A1)', '0'],
        ['+alice@contoso.com', '0'],
        ['-bob@contoso.com', '0'],
        ['\talice@contoso.com', '0'],
        ['ALICE@contoso.com', '0'],
      ],
    );
    expect(preview.outcomes.map((outcome) => outcome.kind)).toEqual([
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'change',
    ]);
    expect(preview.outcomes[0]).toEqual({ kind: 'unknown', line: 2, key: '=1+1' });
  });

  it("undoes the export's neutralising quote, so an exported file imports as it was", () => {
    const formulaRow: UserState = {
      id: 'f6',
      userPrincipalName: '-x@contoso.com',
      successDeviceCount: 0,
      errorDeviceCount: 1,
    };
    const mapper = new ImportMapper(columns(['id', 'userPrincipalName', 'errorDeviceCount']), [formulaRow]);
    mapper.add([{ line: 2, values: { id: 'f6', userPrincipalName: "'-x@contoso.com", errorDeviceCount: '0' } }]);
    expect(mapper.plan().changes.map(({ changes }) => changes)).toEqual([{ errorDeviceCount: 0 }]);
  });

  it('sends no line for a user state named on more than one line, and says which lines', () => {
    const { preview, plan } = mapLines(
      ['id', 'errorDeviceCount'],
      [
        ['a1', '0'],
        ['b2', '5'],
        ['a1', '1'],
        ['a1', 'x'],
        ['c3', '0'],
      ],
    );
    expect(preview.outcomes.map((outcome) => [outcome.line, outcome.kind])).toEqual([
      [2, 'duplicate'],
      [3, 'change'],
      [4, 'duplicate'],
      [5, 'invalid'],
      [6, 'change'],
    ]);
    expect(preview.outcomes[0]).toMatchObject({ lines: [2, 4, 5] });
    expect(preview.counts).toEqual({ change: 2, unchanged: 0, unknown: 0, invalid: 1, duplicate: 2 });
    expect(plan.changes.map(({ before }) => before.id)).toEqual(['b2', 'c3']);
  });

  it('refuses a UPN that two user states share, and matches UPNs without case', () => {
    const { preview } = mapLines(['userPrincipalName', 'errorDeviceCount'], [['SHARED@contoso.com', '1']]);
    expect(preview.outcomes[0]).toMatchObject({
      kind: 'invalid',
      errors: [
        { column: 'userPrincipalName', message: expect.stringMatching(/^2 user states .* key the file by "id"/) },
      ],
    });
  });

  it("reports a malformed line as a whole, with the parser's message", () => {
    const mapper = new ImportMapper(columns(['id', 'errorDeviceCount']), rows);
    mapper.add([
      {
        line: 7,
        values: { id: 'a1' },
        problem: { code: 'too-few-fields', message: 'Line 7 has 1 fields; the header has 2.' },
      },
    ]);
    expect(mapper.preview().outcomes).toEqual([
      {
        kind: 'invalid',
        line: 7,
        key: 'a1',
        errors: [{ column: null, message: 'Line 7 has 1 fields; the header has 2.' }],
      },
    ]);
    expect(mapper.plan().changes).toEqual([]);
  });
});
