import { zodResolver } from '@hookform/resolvers/zod';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useId, useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { RhfTextField } from '../../../components/form-fields';
import { UserPrincipalName } from '../../../components/user-principal-name';
import { formatCount } from '../../../lib/format-number';
import { bulkEditSchema, fieldLabels, type BulkEditInput, type BulkEditOutput, type UserState } from '../api/schema';
import { bulkTargetOf } from './bulk-edit-schema';
import { planBulkEdit, type BulkPlan } from './plan';

/** Rows listed in the preview; the counts above it cover all of them. */
const previewLimit = 100;

export interface BulkEditDialogProps {
  rows: readonly UserState[];
  /** Only an account that may write gets "Apply". */
  canApply: boolean;
  /** Why "Apply" is not offered right now (a job is still running), or null. */
  applyBlocked: string | null;
  onApply: (plan: BulkPlan) => void;
  onClose: () => void;
}

function change(before: number, after: number) {
  return before === after ? formatCount(before) : `${formatCount(before)} → ${formatCount(after)}`;
}

/** "Edit N user states": the target counts, and what they would do, before anything is sent. */
export function BulkEditDialog({ rows, canApply, applyBlocked, onApply, onClose }: BulkEditDialogProps) {
  const titleId = useId();
  const form = useForm<BulkEditInput, unknown, BulkEditOutput>({
    resolver: zodResolver(bulkEditSchema),
    mode: 'onChange',
    defaultValues: { successDeviceCount: '', errorDeviceCount: '' },
  });
  const values = useWatch({ control: form.control });
  const success = values.successDeviceCount ?? '';
  const error = values.errorDeviceCount ?? '';
  const target = useMemo(() => bulkTargetOf({ successDeviceCount: success, errorDeviceCount: error }), [success, error]);
  const plan = useMemo(() => (target === null ? null : planBulkEdit(rows, target)), [rows, target]);
  const hasTarget = target !== null && Object.keys(target).length > 0;
  const count = formatCount(rows.length);

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="md" fullWidth>
      <DialogTitle id={titleId}>Edit {count} user states</DialogTitle>
      <DialogContent>
        <Stack
          component="form"
          id={`${titleId}-form`}
          direction={{ xs: 'column', sm: 'row' }}
          spacing={2}
          sx={{ pt: 1, mb: 2 }}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (plan !== null && plan.changes.length > 0 && canApply && applyBlocked === null) onApply(plan);
          }}
        >
          {(['successDeviceCount', 'errorDeviceCount'] as const).map((field) => (
            <RhfTextField
              key={field}
              name={field}
              control={form.control}
              label={fieldLabels[field]}
              helperText="Empty: leave unchanged"
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
          ))}
        </Stack>
        <section aria-label="Preview">
          {!hasTarget || plan === null ? (
            <Typography variant="body2">Enter a count to see what would change before anything is sent.</Typography>
          ) : (
            <>
              <Typography variant="body2" role="status" sx={{ mb: 1 }}>
                {formatCount(plan.changes.length)} {plan.changes.length === 1 ? 'row changes' : 'rows change'};{' '}
                {formatCount(plan.skipped.length)} skipped (already had these values).
              </Typography>
              {plan.changes.length > 0 && (
                <Table size="small" aria-label="Rows that change">
                  <TableHead>
                    <TableRow>
                      <TableCell>{fieldLabels.userPrincipalName}</TableCell>
                      <TableCell>{fieldLabels.successDeviceCount}</TableCell>
                      <TableCell>{fieldLabels.errorDeviceCount}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {plan.changes.slice(0, previewLimit).map(({ before, after }) => (
                      <TableRow key={before.id}>
                        <TableCell sx={{ overflowWrap: 'anywhere' }}>
                          <UserPrincipalName value={before.userPrincipalName} />
                        </TableCell>
                        <TableCell>{change(before.successDeviceCount, after.successDeviceCount)}</TableCell>
                        <TableCell>{change(before.errorDeviceCount, after.errorDeviceCount)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
              {plan.changes.length > previewLimit && (
                <Typography variant="body2" sx={{ mt: 1 }}>
                  and {formatCount(plan.changes.length - previewLimit)} more; the job's export lists every row.
                </Typography>
              )}
            </>
          )}
          {applyBlocked !== null && (
            <Typography variant="body2" sx={{ mt: 1 }}>
              {applyBlocked}
            </Typography>
          )}
        </section>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        {canApply && (
          <Button
            type="submit"
            form={`${titleId}-form`}
            variant="contained"
            disabled={plan === null || plan.changes.length === 0 || applyBlocked !== null}
          >
            Apply
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
