/**
 * Reads a correction file into batches of records, for the preview to map as they arrive. The same
 * code runs in the import's worker (large files) and on the page (small ones): see read-import-file.ts.
 */
import {
  parseCsvFile,
  type CsvImportErrorCode,
  type CsvParseSummary,
  type CsvRecord,
} from '../../../../lib/csv/csv-import';
import type { CsvProgress } from '../../../../lib/csv/slices';
import { importHeaderProblem } from './import-columns';

/**
 * Records per batch. Each batch is one message from the worker and one mapping step on the page:
 * small enough that copying and mapping it takes a few milliseconds (about 20 ms on a busy 2-core
 * machine), large enough that 100,000 lines are only 100 messages.
 */
export const IMPORT_BATCH_RECORDS = 1_000;

export interface ImportParseHandlers {
  /** The header, once it has been accepted (it names a key column and something to change). */
  onHeader: (names: readonly string[]) => void;
  /** Records in file order, at most IMPORT_BATCH_RECORDS at a time. */
  onRecords: (records: CsvRecord[]) => void;
  onProgress: (progress: CsvProgress) => void;
}

export async function parseImportFile(
  file: Blob,
  { onHeader, onRecords, onProgress }: ImportParseHandlers,
  signal?: AbortSignal,
): Promise<CsvParseSummary> {
  let batch: CsvRecord[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    onRecords(batch);
    batch = [];
  };
  const summary = await parseCsvFile(file, {
    checkHeader: (names) => {
      const problem = importHeaderProblem(names);
      if (problem === undefined) onHeader(names);
      return problem;
    },
    onRecord: (record) => {
      batch.push(record);
      if (batch.length >= IMPORT_BATCH_RECORDS) flush();
    },
    // Once per slice: what was read so far is shown while the rest is read.
    onProgress: (progress) => {
      flush();
      onProgress(progress);
    },
    signal,
  });
  flush();
  return summary;
}

/** What the worker says, in order: header, records and progress, then done or failed. */
export type ImportWorkerMessage =
  | { type: 'header'; names: readonly string[] }
  | { type: 'records'; records: CsvRecord[] }
  | { type: 'progress'; progress: CsvProgress }
  | { type: 'done'; summary: CsvParseSummary }
  | { type: 'failed'; code: CsvImportErrorCode | null; message: string };
