import { historyCsvColumns, historyCsvLines } from './history-csv';
import type { HistoryRow } from './history-rows';

const hostileActor = 'adm\u202Enim@contoso.com';
const row: HistoryRow = {
  key: 'e1',
  at: 0,
  activityDateTime: '2026-12-01T10:00:00Z',
  actor: { kind: 'user', userPrincipalName: hostileActor },
  operation: 'Patch',
  changes: [
    { property: 'userPrincipalName', label: 'User principal name', oldValue: 'usr\u202Egnp.exe@contoso.com', newValue: 'user@contoso.com', field: 'userPrincipalName', upn: true },
  ],
  result: 'Success',
  correlationId: 'c1',
  source: 'audit',
};

describe('history export', () => {
  it('writes the hidden characters of the actor and of the values as markers', () => {
    const [line] = historyCsvLines([row]);
    const cell = (header: string) => (line === undefined ? undefined : historyCsvColumns.find((column) => column.header === header)?.value(line));
    expect(cell('actor')).toBe('adm⟨U+202E⟩nim@contoso.com');
    expect(cell('oldValue')).toBe('usr⟨U+202E⟩gnp.exe@contoso.com');
    expect(cell('newValue')).toBe('user@contoso.com');
    expect(cell('property')).toBe('userPrincipalName');
  });
});
