import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useNarrowScreen } from '../../../components/use-narrow-screen';
import { UserPrincipalName } from '../../../components/user-principal-name';
import { editableFields, fieldLabels, type EditableField } from '../api/schema';
import type { EditConflictError } from '../api/update-user-state';

export interface ConflictDialogProps {
  /** The refused save: what the user started from, what they changed, and what Intune holds now. */
  conflict: EditConflictError;
  onOverwrite: () => void;
  onKeepTheirs: () => void;
  onCancel: () => void;
}

// Long values wrap instead of pushing the last column past the dialog's edge.
const valueCellSx = { overflowWrap: 'anywhere', wordBreak: 'break-word' } as const;

function shown(field: EditableField, value: string | number) {
  return field === 'userPrincipalName' ? <UserPrincipalName value={String(value)} /> : String(value);
}

/** Someone changed the record meanwhile: show both versions side by side and let the user choose. */
export function ConflictDialog({ conflict, onOverwrite, onKeepTheirs, onCancel }: ConflictDialogProps) {
  const { changes } = conflict.variables;
  const { current } = conflict;
  // The user's whole view of the record, with their changes.
  const yours = { ...conflict.variables.original, ...changes };
  // Three columns of values need the room: the whole screen on a phone, a wide dialog elsewhere.
  const phone = useNarrowScreen();
  return (
    <Dialog
      open
      onClose={onCancel}
      fullScreen={phone}
      fullWidth
      maxWidth="md"
      aria-labelledby="conflict-title"
      aria-describedby="conflict-description"
    >
      <DialogTitle id="conflict-title">Someone else changed this user state</DialogTitle>
      <DialogContent>
        <DialogContentText id="conflict-description">
          While you were editing {current.userPrincipalName ? <UserPrincipalName value={current.userPrincipalName} /> : current.id}, its
          values in Intune changed. Nothing has been saved yet. Choose which values to keep.
        </DialogContentText>
        <Table size="small" aria-label="Your values and the current values in Intune">
          <TableHead>
            <TableRow>
              <TableCell>Field</TableCell>
              <TableCell>Your value</TableCell>
              <TableCell>Current value in Intune</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {editableFields.map((field) => (
              <TableRow key={field} selected={String(yours[field]) !== String(current[field])}>
                <TableCell component="th" scope="row">
                  {fieldLabels[field]}
                  {field in changes ? ' (changed by you)' : ''}
                </TableCell>
                <TableCell sx={valueCellSx}>{shown(field, yours[field])}</TableCell>
                <TableCell sx={valueCellSx}>{shown(field, current[field])}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button onClick={onKeepTheirs}>Keep theirs</Button>
        <Button variant="contained" onClick={onOverwrite}>
          Overwrite with mine
        </Button>
      </DialogActions>
    </Dialog>
  );
}
