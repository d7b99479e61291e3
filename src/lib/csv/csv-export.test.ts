import { buildCsv, type CsvColumn } from './csv-export';
import { parseCsvText } from './csv-import';
import type { CsvProgress } from './slices';

interface State {
  id: string;
  userPrincipalName: string;
  errorDeviceCount: number;
}

const columns: readonly CsvColumn<State>[] = [
  { header: 'id', value: (row) => row.id },
  { header: 'userPrincipalName', value: (row) => row.userPrincipalName },
  { header: 'errorDeviceCount', kind: 'number', value: (row) => row.errorDeviceCount },
];

function state(userPrincipalName: string, errorDeviceCount = 0, id = 'a1'): State {
  return { id, userPrincipalName, errorDeviceCount };
}

/** The file's text with its BOM, which Blob.text() would drop. */
async function fileText(blob: Blob): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());
}

async function dataLine(userPrincipalName: string): Promise<string> {
  const text = await fileText(await buildCsv([state(userPrincipalName)], columns));
  return text.split('\r\n')[1] ?? '';
}

describe('buildCsv', () => {
  it('writes a BOM, the header and CRLF lines as UTF-8', async () => {
    const blob = await buildCsv([state('alice@contoso.com', 2)], columns);
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect([...new Uint8Array(await blob.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(await fileText(blob)).toBe('\uFEFFid,userPrincipalName,errorDeviceCount\r\na1,alice@contoso.com,2');
  });

  it('quotes commas, quotes and line breaks', async () => {
    expect(await dataLine('a,b')).toBe('a1,"a,b",0');
    expect(await dataLine('say "hi"')).toBe('a1,"say ""hi""",0');
    const text = await fileText(await buildCsv([state('one\ntwo')], columns));
    expect(text.slice(text.indexOf('\r\n') + 2)).toBe('a1,"one\ntwo",0');
  });

  it.each([
    ['=', '=HYPERLINK("http://x")'],
    ['+', '+1+cmd'],
    ['-', '-2+3'],
    ['@', '@SUM(A1)'],
    ['tab', '\t=1'],
    ['carriage return', '\r=1'],
    ['NUL', '\0=1'],
  ])('neutralises a text cell that begins with %s', async (_name, value) => {
    const quoted = `"'${value.replaceAll('"', '""')}"`;
    expect(await dataLine(value)).toBe(`a1,${quoted},0`);
  });

  it('neutralises a formula followed by a line break', async () => {
    const text = await fileText(await buildCsv([state('=1+1\nx')], columns));
    expect(text).toContain(`a1,"'=1+1\nx",0`);
  });

  it('leaves other text, and numbers in number columns, as they are', async () => {
    expect(await dataLine("it's 1=1")).toBe("a1,it's 1=1,0");
    const text = await fileText(await buildCsv([state('bob', -1), state('eve', Number.NaN)], columns));
    expect(text.split('\r\n').slice(1)).toEqual(['a1,bob,-1', 'a1,eve,']);
  });

  it('neutralises a negative number written by a text column', async () => {
    const asText: CsvColumn<State>[] = [{ header: 'count', value: (row) => String(row.errorDeviceCount) }];
    const text = await fileText(await buildCsv([state('bob', -1)], asText));
    expect(text.split('\r\n')[1]).toBe(`"'-1"`);
  });

  it('keeps unicode as text, right-to-left override included', async () => {
    const value = 'usr\u202Egpj.exe@contoso.com 日本 🚀';
    expect(await dataLine(value)).toBe(`a1,${value},0`);
  });

  it('reads back to the same values', async () => {
    const rows = [state('a,"b"\r\nc', 3, 'x1'), state('plain', 0, 'x2')];
    const text = await fileText(await buildCsv(rows, columns));
    const read: Record<string, string>[] = [];
    await parseCsvText(text, { onRecord: (record) => read.push({ ...record.values }) });
    expect(read).toEqual([
      { id: 'x1', userPrincipalName: 'a,"b"\r\nc', errorDeviceCount: '3' },
      { id: 'x2', userPrincipalName: 'plain', errorDeviceCount: '0' },
    ]);
  });

  it('exports 100,000 rows in slices, reporting progress up to the total', async () => {
    const rows = Array.from({ length: 100_000 }, (_, index) =>
      state(`user${index}@contoso.com`, index % 4, `id-${index}`),
    );
    const progress: CsvProgress[] = [];
    const startedAt = performance.now();
    const text = await fileText(await buildCsv(rows, columns, { onProgress: (step) => progress.push(step) }));
    expect(performance.now() - startedAt).toBeLessThan(10_000);
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(100_001);
    expect(lines[100_000]).toBe('id-99999,user99999@contoso.com,3');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((step, index) => index === 0 || step.done >= (progress[index - 1]?.done ?? 0))).toBe(true);
    expect(progress.at(-1)).toEqual({ done: 100_000, total: 100_000 });
  });

  it('stops when aborted between slices', async () => {
    const rows = Array.from({ length: 100_000 }, (_, index) => state(`user${index}@contoso.com`));
    const controller = new AbortController();
    const progress: CsvProgress[] = [];
    const exported = buildCsv(rows, columns, {
      signal: controller.signal,
      onProgress: (step) => {
        progress.push(step);
        controller.abort();
      },
    });
    await expect(exported).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toHaveLength(1);
    expect(progress[0]?.done).toBeLessThan(100_000);
  });

  it('does not start when already aborted', async () => {
    const value = vi.fn((row: State) => row.id);
    const exported = buildCsv([state('a')], [{ header: 'id', value }], { signal: AbortSignal.abort() });
    await expect(exported).rejects.toMatchObject({ name: 'AbortError' });
    expect(value).not.toHaveBeenCalled();
  });
});
