/**
 * The import's parser off the page's thread (Vite module worker: same origin, allowed by the CSP
 * as it is; papaparse's own `worker: true` starts a blob: worker that the CSP blocks). It gets one
 * File, posts the header, the records in batches and the end, and is terminated to cancel.
 */
import { CsvImportError } from '../../../../lib/csv/csv-import';
import { parseImportFile, type ImportWorkerMessage } from './parse-import-file';

const post = (message: ImportWorkerMessage) => self.postMessage(message);

self.addEventListener('message', (event: MessageEvent<unknown>) => {
  const file = event.data;
  if (!(file instanceof Blob)) return;
  parseImportFile(file, {
    onHeader: (names) => post({ type: 'header', names }),
    onRecords: (records) => post({ type: 'records', records }),
    onProgress: (progress) => post({ type: 'progress', progress }),
  }).then(
    (summary) => post({ type: 'done', summary }),
    (error: unknown) =>
      post({
        type: 'failed',
        code: error instanceof CsvImportError ? error.code : null,
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});
