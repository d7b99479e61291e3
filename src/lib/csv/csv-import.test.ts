import {
  CsvImportError,
  MAX_CSV_BYTES,
  parseCsvFile,
  parseCsvText,
  type CsvParseOptions,
  type CsvRecord,
} from './csv-import';
import type { CsvProgress } from './slices';

async function parse(input: string | Blob, options: Partial<CsvParseOptions> = {}) {
  const records: CsvRecord[] = [];
  const file = typeof input === 'string' ? new File([input], 'states.csv', { type: 'text/csv' }) : input;
  const summary = await parseCsvFile(file, { onRecord: (record) => records.push(record), ...options });
  return { summary, records };
}

async function parseError(input: string | Blob, options: Partial<CsvParseOptions> = {}): Promise<CsvImportError> {
  const error: unknown = await parse(input, options).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof CsvImportError)) throw new Error(`expected a CsvImportError, got ${String(error)}`);
  return error;
}

describe('parseCsvFile', () => {
  it('gives each data line its values by header name and its line number', async () => {
    const { summary, records } = await parse(
      'id,userPrincipalName,errorDeviceCount\r\na1,alice@contoso.com,0\r\na2,bob@contoso.com,3\r\n',
    );
    expect(summary).toEqual({ header: ['id', 'userPrincipalName', 'errorDeviceCount'], records: 2, delimiter: ',' });
    expect(records).toEqual([
      { line: 2, values: { id: 'a1', userPrincipalName: 'alice@contoso.com', errorDeviceCount: '0' } },
      { line: 3, values: { id: 'a2', userPrincipalName: 'bob@contoso.com', errorDeviceCount: '3' } },
    ]);
  });

  it('counts lines across blank lines and line breaks inside quoted fields', async () => {
    const { records } = await parse('\nid,note\n\na1,"one\ntwo\r\nthree"\n,\na2,x\n');
    expect(records.map((record) => [record.line, record.values.id])).toEqual([
      [4, 'a1'],
      [8, 'a2'],
    ]);
    expect(records[0]?.values.note).toBe('one\ntwo\r\nthree');
  });

  it('drops the BOM that Excel writes, so the first column keeps its name', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    const { summary, records } = await parse(new Blob([bom, 'id,errorDeviceCount\na1,0']));
    expect(summary.header).toEqual(['id', 'errorDeviceCount']);
    expect(records[0]?.values).toEqual({ id: 'a1', errorDeviceCount: '0' });
  });

  it('keeps a character whole that straddles two decoded pieces of a large file', async () => {
    const start = 'id,note\na1,';
    // "é" is two bytes; its first byte is the last one of the first mebibyte.
    const note = `${'x'.repeat(1024 * 1024 - 1 - start.length)}é`;
    const { records } = await parse(new Blob([start, note, '\n']));
    expect(records[0]?.values.note).toBe(note);
  });

  it('reports lines with too many or too few fields, and an unclosed quote, with their line numbers', async () => {
    const { records } = await parse('id,errorDeviceCount\na1,0\na2,1,extra\na3\na4,"2\n');
    expect(records.map((record) => [record.line, record.problem?.code])).toEqual([
      [2, undefined],
      [3, 'too-many-fields'],
      [4, 'too-few-fields'],
      [5, 'quotes'],
    ]);
    expect(records[1]?.problem?.message).toBe('Line 3 has 3 fields; the header has 2.');
    expect(records[2]?.problem?.message).toBe('Line 4 has 1 fields; the header has 2.');
    expect(records[2]?.values).toEqual({ id: 'a3' });
  });

  it('keeps unicode as text, right-to-left override and formula-like values included', async () => {
    const upn = 'usr\u202Egpj.exe@contoso.com 日本 🚀';
    const { records } = await parse(`userPrincipalName,errorDeviceCount\n${upn},=1+1\n`);
    expect(records[0]?.values).toEqual({ userPrincipalName: upn, errorDeviceCount: '=1+1' });
  });

  it('detects semicolon and tab delimiters, as Excel writes them in some locales', async () => {
    expect((await parse('id;errorDeviceCount\na1;2\n')).records[0]?.values).toEqual({
      id: 'a1',
      errorDeviceCount: '2',
    });
    const tabs = await parse('id\terrorDeviceCount\na1\t2\n');
    expect(tabs.summary.delimiter).toBe('\t');
    expect(tabs.records[0]?.values).toEqual({ id: 'a1', errorDeviceCount: '2' });
  });

  it('trims header names and keeps any name usable as a key', async () => {
    const { records } = await parse(' id ,__proto__\na1,x\n');
    expect(Object.keys(records[0]?.values ?? {})).toEqual(['id', '__proto__']);
    expect(records[0]?.values.__proto__).toBe('x');
  });

  it.each([
    ['an empty file', ''],
    ['blank lines only', '\r\n  \r\n,,\r\n'],
    ['a BOM only', '\uFEFF'],
  ])('says the file is empty for %s', async (_name, text) => {
    expect(await parseError(text)).toMatchObject({ code: 'empty', message: 'The file is empty.' });
  });

  it.each([
    ['a spreadsheet (zip) file', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])],
    ['bytes that are not UTF-8', new Uint8Array([0x69, 0x64, 0x0a, 0xe9, 0x74, 0xe9])],
  ])('says %s is not CSV text', async (_name, bytes) => {
    expect(await parseError(new Blob([bytes]))).toMatchObject({
      code: 'not-text',
      message: expect.stringContaining('UTF-8'),
    });
  });

  it('refuses a file too large to be a list of corrections, before reading it', async () => {
    const huge = new Blob(['id\n']);
    Object.defineProperty(huge, 'size', { value: MAX_CSV_BYTES + 1 });
    const read = vi.spyOn(huge, 'arrayBuffer');
    expect(await parseError(huge)).toMatchObject({ code: 'too-large', message: 'The file is larger than 64 MB.' });
    expect(read).not.toHaveBeenCalled();
  });

  it('stops at a header the caller rejects, before any line', async () => {
    const onRecord = vi.fn();
    const checkHeader = (names: readonly string[]) =>
      names.includes('id') ? undefined : 'The header names no "id" column.';
    const error = await parseError('a1,alice@contoso.com\na2,bob@contoso.com\n', { checkHeader, onRecord });
    expect(error).toMatchObject({ code: 'header', message: 'The header names no "id" column.' });
    expect(onRecord).not.toHaveBeenCalled();
  });

  it('rejects a header that names a column twice', async () => {
    expect(await parseError('id,errorDeviceCount,id\na1,0,a2\n')).toMatchObject({
      code: 'header',
      message: 'The column "id" appears twice in the header (line 1).',
    });
  });

  it('reads a header without data lines as zero records', async () => {
    expect((await parse('id,errorDeviceCount\r\n')).summary.records).toBe(0);
  });
});

function generatedFile(lines: number): string {
  const body = Array.from({ length: lines }, (_, index) => `id-${index},user${index}@contoso.com,${index % 4},0`);
  return ['id,userPrincipalName,successDeviceCount,errorDeviceCount', ...body].join('\r\n');
}

describe('parseCsvText with 100,000 lines', () => {
  const text = generatedFile(100_000);

  it('reads every line in slices, reporting progress up to the total', async () => {
    const progress: CsvProgress[] = [];
    let last: CsvRecord | undefined;
    let count = 0;
    const startedAt = performance.now();
    const summary = await parseCsvText(text, {
      onRecord: (record) => {
        count += 1;
        last = record;
      },
      onProgress: (step) => progress.push(step),
    });
    expect(performance.now() - startedAt).toBeLessThan(10_000);
    expect(summary.records).toBe(100_000);
    expect(count).toBe(100_000);
    expect(last).toEqual({
      line: 100_001,
      values: {
        id: 'id-99999',
        userPrincipalName: 'user99999@contoso.com',
        successDeviceCount: '3',
        errorDeviceCount: '0',
      },
    });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((step, index) => index === 0 || step.done >= (progress[index - 1]?.done ?? 0))).toBe(true);
    expect(progress.at(-1)).toEqual({ done: text.length, total: text.length });
  });

  it('stops when aborted between slices and delivers no line after that', async () => {
    const controller = new AbortController();
    let count = 0;
    let countAtAbort = 0;
    const parsed = parseCsvText(text, {
      signal: controller.signal,
      onRecord: () => (count += 1),
      onProgress: () => {
        countAtAbort = count;
        controller.abort();
      },
    });
    await expect(parsed).rejects.toMatchObject({ name: 'AbortError' });
    expect(countAtAbort).toBeGreaterThan(0);
    expect(count).toBe(countAtAbort);
  });

  it('rejects an error thrown by the caller for a line and stops there', async () => {
    let count = 0;
    const parsed = parseCsvText(text, {
      onRecord: (record) => {
        count += 1;
        if (record.line === 10) throw new Error('stop at line 10');
      },
    });
    await expect(parsed).rejects.toThrow('stop at line 10');
    expect(count).toBe(9);
  });
});
