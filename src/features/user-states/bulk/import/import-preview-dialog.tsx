import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { UserState } from '../../api/schema';
import type { BulkPlan } from '../plan';
import { ImportOutcomeTable } from './import-outcome-table';
import { countsText } from './outcome-text';
import { useImportPreview } from './use-import-preview';

const numberFormat = new Intl.NumberFormat('en-US');

export interface ImportPreviewDialogProps {
  file: File;
  /** Every row of the script as loaded when the file was chosen. */
  rows: readonly UserState[];
  /** Null when the account may apply; otherwise the permission that applying needs. */
  missingPermission: string | null;
  /** Starts the changes of the file's valid lines; nothing else is ever sent. */
  onApply: (plan: BulkPlan) => void;
  onClose: () => void;
}

/** "Import CSV": what each line of the file would do, and "Apply" for the valid changes. */
export function ImportPreviewDialog({ file, rows, missingPermission, onApply, onClose }: ImportPreviewDialogProps) {
  const state = useImportPreview(file, rows);
  const preview = state.phase === 'failed' ? null : state.preview;
  const plan = state.phase === 'ready' ? state.plan : null;
  const changes = plan?.changes.length ?? 0;

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-describedby="import-preview-summary">
      <DialogTitle>Import corrections from {file.name}</DialogTitle>
      <DialogContent>
        {state.phase === 'reading' && (
          <LinearProgress
            aria-label="Reading the file"
            variant="determinate"
            value={state.total === 0 ? 100 : Math.min(100, (state.done / state.total) * 100)}
            sx={{ mb: 2 }}
          />
        )}
        {state.phase === 'failed' && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {state.message} Nothing was sent.
          </Alert>
        )}
        {preview !== null && (
          <Typography id="import-preview-summary" role="status" sx={{ mb: 1 }}>
            {state.phase === 'reading' ? 'Reading… ' : ''}
            {numberFormat.format(preview.outcomes.length)} {preview.outcomes.length === 1 ? 'line' : 'lines'}:{' '}
            {countsText(preview.counts)}
          </Typography>
        )}
        {preview !== null && preview.columns.ignored.length > 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            Not read (no such property): {preview.columns.ignored.join(', ')}
          </Typography>
        )}
        {plan !== null && changes === 0 && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {preview?.outcomes.length === 0
              ? 'The file has no lines below its header. Nothing will be sent.'
              : 'No line of the file is a valid change. Nothing will be sent.'}
          </Alert>
        )}
        {missingPermission !== null && (
          <Alert severity="info" sx={{ mb: 2 }}>
            You can preview this file, but applying it needs the {missingPermission} permission, which your account has
            not been granted.
          </Alert>
        )}
        {preview !== null && <ImportOutcomeTable outcomes={preview.outcomes} counts={preview.counts} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{missingPermission === null && changes > 0 ? 'Cancel' : 'Close'}</Button>
        {missingPermission === null && plan !== null && changes > 0 && (
          <Button variant="contained" onClick={() => onApply(plan)}>
            Apply {numberFormat.format(changes)} {changes === 1 ? 'change' : 'changes'}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
