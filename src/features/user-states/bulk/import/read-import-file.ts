/**
 * Reads a correction file for the preview: a large one in a module worker, so that decoding and
 * parsing 100,000 lines never holds the page; a small one on the page, in slices, which costs less
 * than starting a worker. Both run parse-import-file.ts and call the handlers alike.
 */
import { CsvImportError, type CsvParseSummary } from '../../../../lib/csv/csv-import';
import { parseImportFile, type ImportParseHandlers, type ImportWorkerMessage } from './parse-import-file';

/** About 6,000 lines of user states. */
export const WORKER_MIN_BYTES = 512 * 1024;

export function readImportFile(
  file: Blob,
  handlers: ImportParseHandlers,
  signal: AbortSignal,
): Promise<CsvParseSummary> {
  if (file.size < WORKER_MIN_BYTES || typeof Worker === 'undefined') return parseImportFile(file, handlers, signal);
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const worker = new Worker(new URL('./import-parse.worker.ts', import.meta.url), {
      type: 'module',
      name: 'csv-import',
    });
    const settle = (finish: () => void) => {
      worker.terminate();
      signal.removeEventListener('abort', abort);
      finish();
    };
    const abort = () => settle(() => reject(signal.reason));
    signal.addEventListener('abort', abort, { once: true });
    worker.addEventListener('message', (event: MessageEvent<ImportWorkerMessage>) => {
      const message = event.data;
      if (message.type === 'header') handlers.onHeader(message.names);
      else if (message.type === 'records') handlers.onRecords(message.records);
      else if (message.type === 'progress') handlers.onProgress(message.progress);
      else if (message.type === 'done') settle(() => resolve(message.summary));
      else
        settle(() =>
          reject(
            message.code === null ? new Error(message.message) : new CsvImportError(message.code, message.message),
          ),
        );
    });
    worker.addEventListener('error', (event) => {
      settle(() => reject(new Error(event.message || 'The file could not be read.')));
    });
    worker.postMessage(file);
  });
}
