import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import { useState } from 'react';
import type { CsvColumn } from '../lib/csv/csv-export';
import { describeError } from '../lib/graph/describe-error';
import { notifications } from '../lib/notifications';

const numberFormat = new Intl.NumberFormat('en-US');

export interface ExportCsvButtonProps<Row> {
  /**
   * Every row of the view, in the order shown (filters, search and sort applied; all pages),
   * fetching pages not yet loaded when the view pages on demand.
   */
  collectRows: () => Promise<readonly Row[]>;
  /** The file's columns, loaded with the CSV code on the first export. */
  loadColumns: () => Promise<readonly CsvColumn<Row>[]>;
  /** What a row is, for the message that says the export landed: ["user state", "user states"]. */
  noun: readonly [one: string, many: string];
  /** False while pages are still streaming in: an export then would silently miss rows. */
  complete: boolean;
  /** Names the file, with the date. */
  fileLabel: string;
}

/** "Export CSV": the view's rows as a UTF-8 file, built in slices so the page stays responsive. */
export function ExportCsvButton<Row>({ collectRows, loadColumns, noun, complete, fileLabel }: ExportCsvButtonProps<Row>) {
  const [percent, setPercent] = useState<number | null>(null);

  const exportRows = async () => {
    setPercent(0);
    try {
      // The CSV code loads on the first export only.
      const [{ buildCsv }, { csvFileName, downloadBlob }, columns, rows] = await Promise.all([
        import('../lib/csv/csv-export'),
        import('../lib/csv/download'),
        loadColumns(),
        collectRows(),
      ]);
      const blob = await buildCsv(rows, columns, {
        onProgress: ({ done, total }) => setPercent(total === 0 ? 100 : Math.round((done / total) * 100)),
      });
      downloadBlob(blob, csvFileName(fileLabel));
      const count = numberFormat.format(rows.length);
      notifications.notify({ severity: 'success', message: `Exported ${count} ${rows.length === 1 ? noun[0] : noun[1]} to CSV` });
    } catch (error) {
      // A page the export had to fetch may have failed: say what Graph said, with its request id.
      const { message, requestId } = describeError(error);
      notifications.notify({ severity: 'error', message: `The export failed: ${message}${requestId === null ? '' : ` (request id ${requestId})`}` });
    } finally {
      setPercent(null);
    }
  };

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
      <Button variant="outlined" onClick={() => void exportRows()} disabled={!complete || percent !== null}>
        Export CSV
      </Button>
      {percent !== null && <LinearProgress aria-label="Exporting CSV" variant="determinate" value={percent} />}
    </Box>
  );
}
