import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import { useState } from 'react';
import { notifications } from '../../../lib/notifications';
import type { UserState } from '../api/schema';

const numberFormat = new Intl.NumberFormat('en-US');

export interface ExportCsvButtonProps {
  /** Every row of the view, in the order shown (status, search and sort applied; all pages). */
  rows: readonly UserState[];
  /** False while pages are still arriving: an export then would silently miss rows. */
  complete: boolean;
  /** Names the file, with the date. */
  fileLabel: string;
}

/** "Export CSV": the view's rows as a UTF-8 file, built in slices so the page stays responsive. */
export function ExportCsvButton({ rows, complete, fileLabel }: ExportCsvButtonProps) {
  const [percent, setPercent] = useState<number | null>(null);

  const exportRows = async () => {
    setPercent(0);
    try {
      // The CSV code loads on the first export only.
      const [{ buildCsv }, { csvFileName, downloadBlob }, { userStateCsvColumns }] = await Promise.all([
        import('../../../lib/csv/csv-export'),
        import('../../../lib/csv/download'),
        import('./user-state-columns'),
      ]);
      const blob = await buildCsv(rows, userStateCsvColumns, {
        onProgress: ({ done, total }) => setPercent(total === 0 ? 100 : Math.round((done / total) * 100)),
      });
      downloadBlob(blob, csvFileName(fileLabel));
      const count = numberFormat.format(rows.length);
      notifications.notify({ severity: 'success', message: `Exported ${count} user ${rows.length === 1 ? 'state' : 'states'} to CSV` });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      notifications.notify({ severity: 'error', message: `The export failed: ${reason}` });
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
