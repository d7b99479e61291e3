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
  /**
   * The refused save: what the user started from, what they changed, and what Intune holds now.
   * For an undo: what the undone save wrote (`original`), the values before it, and now.
   */
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

/**
 * Someone changed the record meanwhile: show both versions side by side (for an undo three: before
 * the save, what it wrote, now) and let the user choose.
 */
export function ConflictDialog({ conflict, onOverwrite, onKeepTheirs, onCancel }: ConflictDialogProps) {
  const { changes, original, undoOf } = conflict.variables;
  const { current } = conflict;
  // What "Overwrite" leaves in Intune: the user's changes over what Intune holds now, since only the
  // changed fields are written (for an undo: the values before the save, over what it wrote).
  const undoing = undoOf !== undefined;
  const yours = undoing ? { ...original, ...changes } : { ...current, ...changes };
  const columns = undoing ? [yours, original, current] : [yours, current];
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
          {undoing ? 'Since your save of ' : 'While you were editing '}
          {current.userPrincipalName ? <UserPrincipalName value={current.userPrincipalName} /> : current.id}, its values in Intune changed.{' '}
          {undoing ? 'Nothing has been undone yet.' : 'Nothing has been saved yet.'} Choose which values to keep.
        </DialogContentText>
        <Table size="small" aria-label={undoing ? 'Before your save, what you wrote, and now in Intune' : 'Your values and the current values in Intune'}>
          <TableHead>
            <TableRow>
              <TableCell>Field</TableCell>
              {undoing && <TableCell>Before your save</TableCell>}
              {undoing && <TableCell>What you wrote</TableCell>}
              {!undoing && <TableCell>Your value</TableCell>}
              <TableCell>{undoing ? 'Now in Intune' : 'Current value in Intune'}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {editableFields.map((field) => (
              <TableRow key={field} selected={String(yours[field]) !== String(current[field])}>
                <TableCell component="th" scope="row">
                  {fieldLabels[field]}
                  {field in changes
                    ? undoing
                      ? ' (written by your save)'
                      : ' (changed by you)'
                    : !undoing && original[field] !== current[field]
                      ? ' (changed by someone else; kept)'
                      : ''}
                </TableCell>
                {columns.map((values, index) => (
                  <TableCell key={index} sx={valueCellSx}>
                    {shown(field, values[field])}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button onClick={onKeepTheirs}>Keep theirs</Button>
        <Button variant="contained" onClick={onOverwrite}>
          {undoing ? 'Write the previous values anyway' : 'Overwrite with mine'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
