import Papa from 'papaparse';
import { sliceClock, type CsvProgress } from './slices';

/**
 * `header`: the first non-blank line cannot be the header (a name twice, or `checkHeader` said
 * why — a file without a header row has data there, so it fails that check).
 */
export type CsvImportErrorCode = 'empty' | 'too-large' | 'not-text' | 'header';

/** A file that cannot be read as CSV at all; `message` is meant for the user. */
export class CsvImportError extends Error {
  override readonly name = 'CsvImportError';
  constructor(
    readonly code: CsvImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface CsvLineProblem {
  readonly code: 'too-many-fields' | 'too-few-fields' | 'quotes';
  readonly message: string;
}

export interface CsvRecord {
  /** 1-based line of the file on which the record starts, as a text editor counts lines. */
  readonly line: number;
  /** Raw field text by header name (no prototype, so any header name is safe as a key). */
  readonly values: Readonly<Record<string, string>>;
  /** Set when the record is malformed; its values are then incomplete and must not be trusted. */
  readonly problem?: CsvLineProblem;
}

export interface CsvParseOptions {
  /** Receives every data record in file order; blank lines are skipped. */
  readonly onRecord: (record: CsvRecord) => void;
  /** Returns a message when the header names cannot serve (e.g. no key column); parsing stops. */
  readonly checkHeader?: (names: readonly string[]) => string | undefined;
  /** Called once per slice and once at the end, in characters of the decoded text. */
  readonly onProgress?: (progress: CsvProgress) => void;
  readonly signal?: AbortSignal;
}

export interface CsvParseSummary {
  readonly header: readonly string[];
  readonly records: number;
  readonly delimiter: string;
}

/** 100,000 lines of user states take about 8 MB; far larger is not a correction list. */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;
const CHUNK_CHARS = 128 * 1024;
const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Reads a CSV file with a header row. The file must be UTF-8 (a leading BOM is dropped): a file
 * in another encoding would turn non-ASCII user names into look-alikes that match no user state.
 */
export async function parseCsvFile(file: Blob, options: CsvParseOptions): Promise<CsvParseSummary> {
  options.signal?.throwIfAborted();
  if (file.size > MAX_CSV_BYTES) {
    throw new CsvImportError('too-large', `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB.`);
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  options.signal?.throwIfAborted();
  return parseCsvText(await decodeUtf8(bytes, options.signal), options);
}

const DECODE_BYTES = 1024 * 1024;

/** Decodes in pieces between yields: the decoder keeps a character split across two pieces whole. */
async function decodeUtf8(bytes: Uint8Array, signal: AbortSignal | undefined): Promise<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const clock = sliceClock();
  let text = '';
  try {
    for (let start = 0; start < bytes.length; start += DECODE_BYTES) {
      const end = start + DECODE_BYTES;
      text += decoder.decode(bytes.subarray(start, end), { stream: end < bytes.length });
      if (clock.due()) await clock.next(signal);
    }
  } catch (error) {
    throw error instanceof TypeError ? notText() : error;
  }
  return text;
}

/** Parses CSV text with a header row, in slices; see {@link parseCsvFile}. */
export function parseCsvText(
  text: string,
  { onRecord, checkHeader, onProgress, signal }: CsvParseOptions,
): Promise<CsvParseSummary> {
  // NUL never occurs in text; it is the mark of a binary file (a spreadsheet, an archive, an image).
  if (text.includes('\0')) return Promise.reject(notText());
  signal?.throwIfAborted();

  const delimiter = guessDelimiter(text);
  let header: string[] | undefined;
  let records = 0;
  // Physical line on which the next row starts: every row ends with one line break, and quoted
  // fields may hold more.
  let line = 1;
  const clock = sliceClock();

  return new Promise((resolve, reject) => {
    let failed = false;
    // Papaparse calls `complete` from `abort()`, so a failure is recorded before aborting.
    const fail = (error: unknown, parser?: Papa.Parser) => {
      failed = true;
      reject(error instanceof Error ? error : new Error(String(error)));
      parser?.abort();
    };
    Papa.parse(text, {
      header: false,
      // Blank lines still come through, so that line numbers can count them.
      skipEmptyLines: false,
      delimiter,
      chunkSize: CHUNK_CHARS,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        try {
          const quoteErrors = new Set(
            results.errors.filter((error) => error.type === 'Quotes').map((error) => error.row),
          );
          results.data.forEach((fields, index) => {
            const start = line;
            line += 1 + fields.reduce((breaks, field) => breaks + (field.match(LINE_BREAK)?.length ?? 0), 0);
            if (fields.every((field) => field.trim() === '')) return;
            if (!header) {
              header = readHeader(fields, start, checkHeader);
              return;
            }
            records += 1;
            onRecord(toRecord(header, fields, start, quoteErrors.has(index)));
          });
        } catch (error) {
          fail(error, parser);
          return;
        }
        if (!clock.due()) return;
        onProgress?.({ done: results.meta.cursor, total: text.length });
        parser.pause();
        clock.next(signal).then(
          () => parser.resume(),
          (error: unknown) => fail(error, parser),
        );
      },
      complete() {
        if (failed) return;
        if (!header) {
          // No line with a value at all: blank lines, a lone BOM or nothing.
          fail(new CsvImportError('empty', 'The file is empty.'));
          return;
        }
        onProgress?.({ done: text.length, total: text.length });
        resolve({ header, records, delimiter });
      },
    });
  });
}

/**
 * Excel writes `;` or tabs where the list separator is not a comma. Papaparse guesses from the
 * first rows, counting blank rows unless they are skipped: the guess runs on its own for that.
 */
function guessDelimiter(text: string): string {
  // A sample: on text without quotes, papaparse splits all of its input into lines first.
  return Papa.parse(text.slice(0, CHUNK_CHARS), {
    preview: 10,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t'],
  }).meta.delimiter;
}

function readHeader(fields: readonly string[], line: number, checkHeader: CsvParseOptions['checkHeader']): string[] {
  const names = fields.map((field) => field.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (name === '') continue;
    if (seen.has(name))
      throw new CsvImportError('header', `The column "${name}" appears twice in the header (line ${line}).`);
    seen.add(name);
  }
  const problem = checkHeader?.(names);
  if (problem !== undefined) throw new CsvImportError('header', problem);
  return names;
}

function toRecord(header: readonly string[], fields: readonly string[], line: number, badQuotes: boolean): CsvRecord {
  const values: Record<string, string> = Object.create(null);
  header.forEach((name, index) => {
    const value = fields[index];
    // A column without a name cannot be mapped; Excel writes such columns for stray cells.
    if (name !== '' && value !== undefined) values[name] = value;
  });
  const problem = lineProblem(header.length, fields.length, line, badQuotes);
  return problem ? { line, values, problem } : { line, values };
}

function lineProblem(expected: number, actual: number, line: number, badQuotes: boolean): CsvLineProblem | undefined {
  if (badQuotes) return { code: 'quotes', message: `Line ${line} has a quoted field that is not closed properly.` };
  if (actual > expected) {
    return { code: 'too-many-fields', message: `Line ${line} has ${actual} fields; the header has ${expected}.` };
  }
  if (actual < expected) {
    return { code: 'too-few-fields', message: `Line ${line} has ${actual} fields; the header has ${expected}.` };
  }
  return undefined;
}

function notText(): CsvImportError {
  return new CsvImportError(
    'not-text',
    'The file is not CSV text in UTF-8. In Excel, save it as "CSV UTF-8 (Comma delimited)".',
  );
}
