import Papa from 'papaparse';
import { sliceClock, type CsvProgress } from './slices';

/**
 * A column of an export. Text columns are always neutralised against formula injection; number
 * columns carry JavaScript numbers, whose text (`-1`, `3.5`, `1e21`) is a number to a spreadsheet
 * and never a formula, so they are written as they are and a negative count stays a number.
 */
export type CsvColumn<Row> =
  | { readonly header: string; readonly kind?: 'text'; readonly value: (row: Row) => string | null | undefined }
  | { readonly header: string; readonly kind: 'number'; readonly value: (row: Row) => number | null | undefined };

export interface CsvExportOptions {
  readonly signal?: AbortSignal;
  /** Called once per slice and once at the end, with rows done out of all rows. */
  readonly onProgress?: (progress: CsvProgress) => void;
}

/**
 * Leading characters that make Excel, LibreOffice or Google Sheets read a cell as a formula:
 * OWASP's CSV-injection list (`=`, `+`, `-`, `@`, tab, carriage return) plus NUL, which OWASP
 * ASVS 5.0 (V1.2.10) adds. Papaparse's own `escapeFormulae: true` pattern ends in `.*$`, which
 * does not match a cell with a line break after the trigger (`=HYPERLINK(...)\n`), so the check
 * looks at the first character only.
 */
export const FORMULA_TRIGGER = /^[=+\-@\t\r\0]/;

/** Byte order mark: Excel reads a CSV as UTF-8 only when the file starts with one. */
const BOM = '\uFEFF';
// RFC 4180 line breaks; Excel and every parser read them.
const NEWLINE = '\r\n';
const ROWS_PER_BATCH = 500;
const UNPARSE_CONFIG: Papa.UnparseConfig = { escapeFormulae: FORMULA_TRIGGER, newline: NEWLINE };

/**
 * Turns rows into a UTF-8 CSV file (with BOM) holding a header row and one line per row, in
 * slices that keep the page responsive. Rejects with the signal's reason when aborted.
 */
export async function buildCsv<Row>(
  rows: readonly Row[],
  columns: readonly CsvColumn<Row>[],
  { signal, onProgress }: CsvExportOptions = {},
): Promise<Blob> {
  signal?.throwIfAborted();
  const parts: string[] = [BOM, Papa.unparse([columns.map((column) => column.header)], UNPARSE_CONFIG)];
  const clock = sliceClock();
  for (let start = 0; start < rows.length; start += ROWS_PER_BATCH) {
    const batch = rows.slice(start, start + ROWS_PER_BATCH).map((row) => columns.map((column) => cell(column, row)));
    parts.push(NEWLINE, Papa.unparse(batch, UNPARSE_CONFIG));
    if (clock.due()) {
      onProgress?.({ done: start + batch.length, total: rows.length });
      await clock.next(signal);
    }
  }
  signal?.throwIfAborted();
  onProgress?.({ done: rows.length, total: rows.length });
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}

function cell<Row>(column: CsvColumn<Row>, row: Row): string | number {
  if (column.kind === 'number') {
    const value = column.value(row);
    // NaN and Infinity are not numbers a spreadsheet reads back; an empty cell says "no value".
    return typeof value === 'number' && Number.isFinite(value) ? value : '';
  }
  return column.value(row) ?? '';
}
