import { useEffect, useState } from 'react';
import { CsvImportError } from '../../../../lib/csv/csv-import';
import type { UserState } from '../../api/schema';
import type { BulkPlan } from '../plan';
import { readImportColumns } from './import-columns';
import { ImportMapper, type ImportPreview } from './import-mapping';
import { readImportFile } from './read-import-file';

export type ImportPreviewState =
  | { phase: 'reading'; done: number; total: number; preview: ImportPreview | null }
  | { phase: 'ready'; preview: ImportPreview; plan: BulkPlan }
  | { phase: 'failed'; message: string };

/**
 * Reads `file` and maps its lines against `rows` (the script's rows as they were when the file was
 * chosen) batch by batch, re-rendering once per batch. Reading stops when the dialog closes.
 */
export function useImportPreview(file: File, rows: readonly UserState[]): ImportPreviewState {
  const [state, setState] = useState<ImportPreviewState>({
    phase: 'reading',
    done: 0,
    total: file.size,
    preview: null,
  });
  useEffect(() => {
    const controller = new AbortController();
    let mapper: ImportMapper | null = null;
    let done = 0;
    // At most one render per frame, however many batches and progress reports arrive in it.
    let frame = 0;
    const show = () => {
      if (frame !== 0) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setState({ phase: 'reading', done, total: file.size, preview: mapper?.preview() ?? null });
      });
    };
    readImportFile(
      file,
      {
        onHeader: (names) => {
          const columns = readImportColumns(names);
          // The parser has already refused a header that cannot serve.
          if (typeof columns !== 'string') mapper = new ImportMapper(columns, rows);
        },
        onRecords: (records) => {
          mapper?.add(records);
          show();
        },
        onProgress: (progress) => {
          done = progress.total === 0 ? file.size : Math.round((progress.done / progress.total) * file.size);
          show();
        },
      },
      controller.signal,
    ).then(
      () => {
        cancelAnimationFrame(frame);
        if (mapper === null) return;
        setState({ phase: 'ready', preview: mapper.preview(), plan: mapper.plan() });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const message =
          error instanceof CsvImportError
            ? error.message
            : `The file could not be read: ${error instanceof Error ? error.message : String(error)}`;
        setState({ phase: 'failed', message });
      },
    );
    return () => {
      cancelAnimationFrame(frame);
      controller.abort();
    };
  }, [file, rows]);
  return state;
}
