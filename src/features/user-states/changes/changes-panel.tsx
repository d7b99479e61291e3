import Box from '@mui/material/Box';
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
import { useSyncExternalStore } from 'react';
import { Link as RouterLink } from 'react-router';
import { userStatesPath } from '../../../config/routes';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { UserPrincipalName } from '../../../components/user-principal-name';
import { plainUserPrincipalName } from '../../../lib/hidden-characters';
import type { ScriptKind } from '../../../lib/script-kinds';
import { fieldLabels, type EditableField } from '../api/schema';
import type { ConfirmedEdit } from '../cache/edit-coordinator';
import { useLoggedEditCoordinator } from '../cache/use-logged-coordinator';
import { changeEntries, undoableOn, writtenFields, type ChangeEntry } from './change-entries';
import { changeLogUpdates } from './change-log-store';

// The CSV's columns and lines load with the CSV code, on the first export.
const loadChangeLogCsv = () => import('./change-log-columns');

const valueCellSx = { overflowWrap: 'anywhere', wordBreak: 'break-word' } as const;

function Value({ field, value }: { field: EditableField; value: string | number | undefined }) {
  if (value === undefined) return null;
  return field === 'userPrincipalName' ? <UserPrincipalName value={String(value)} /> : String(value);
}

function EditChanges({ edit }: { edit: ConfirmedEdit }) {
  return writtenFields(edit).map((field) => (
    <Box key={field}>
      {`${fieldLabels[field]}: `}
      <Value field={field} value={edit.before[field]} />
      {' → '}
      <Value field={field} value={edit.written[field]} />
    </Box>
  ));
}

interface EntryRowsProps {
  entry: ChangeEntry;
  /** Where the undo of this entry can run: `undoableOn` the page's script, else a link to the entry's. */
  undoableHere: boolean;
  onUndo: (changeId: string) => void;
}

function EntryRows({ entry, undoableHere, onUndo }: EntryRowsProps) {
  const when = new Date(entry.at).toLocaleString();
  return entry.edits.map((edit, index) => {
    const upn = edit.after.userPrincipalName;
    return (
      <TableRow key={`${edit.scriptKind}/${edit.scriptId}/${edit.stateId}`}>
        <TableCell>{index === 0 ? when : ''}</TableCell>
        <TableCell sx={valueCellSx}>{upn ? <UserPrincipalName value={upn} /> : edit.stateId}</TableCell>
        <TableCell sx={valueCellSx}>
          {entry.undoes !== undefined && index === 0 && <Box sx={{ fontWeight: 'bold' }}>Undo of an earlier save</Box>}
          <EditChanges edit={edit} />
        </TableCell>
        <TableCell sx={{ ...valueCellSx, fontFamily: 'monospace' }}>{edit.requestId ?? '—'}</TableCell>
        <TableCell>
          {index === 0 && !undoableHere && (
            // A job's rows are undone as a job of that script, on its page, never against this one.
            <Button
              size="small"
              variant="outlined"
              component={RouterLink}
              to={userStatesPath(edit.scriptKind, edit.scriptId)}
              aria-label={`Open the script of the ${entry.edits.length.toLocaleString()} saves at ${when} to undo them`}
            >
              Open script
            </Button>
          )}
          {index === 0 && undoableHere && (
            <Button
              size="small"
              variant="outlined"
              onClick={() => onUndo(entry.changeId)}
              aria-label={
                entry.edits.length > 1
                  ? `Undo the ${entry.edits.length.toLocaleString()} saves at ${when}`
                  : `Undo the save of ${plainUserPrincipalName(upn || edit.stateId)} at ${when}`
              }
            >
              Undo
            </Button>
          )}
        </TableCell>
      </TableRow>
    );
  });
}

/**
 * "Changes": this session's saves, newest first (the edit coordinator's log, as kept across a
 * reload or sign-in), each with its Undo, and Export CSV. An undo sent from here joins the list.
 */
export interface ChangesPanelProps {
  /** The page's script. */
  kind: ScriptKind;
  scriptId: string;
  onUndo: (changeId: string) => void;
  onClose: () => void;
}

export function ChangesPanel({ kind, scriptId, onUndo, onClose }: ChangesPanelProps) {
  const coordinator = useLoggedEditCoordinator();
  useSyncExternalStore(changeLogUpdates.subscribe, changeLogUpdates.getSnapshot);
  const log = coordinator.confirmedEdits();
  const entries = changeEntries(log);
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="changes-title">
      <DialogTitle id="changes-title">Changes in this session</DialogTitle>
      <DialogContent>
        {entries.length === 0 ? (
          <DialogContentText>No saves in this session yet.</DialogContentText>
        ) : (
          <Table size="small" aria-label="Saves in this session, newest first">
            <TableHead>
              <TableRow>
                <TableCell>When</TableCell>
                <TableCell>User principal name</TableCell>
                <TableCell>Change (old → new)</TableCell>
                <TableCell>Request ID</TableCell>
                <TableCell>Action</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {entries.map((entry) => (
                <EntryRows
                  key={entry.changeId}
                  entry={entry}
                  undoableHere={undoableOn(entry, kind, scriptId)}
                  onUndo={(changeId) => {
                    onUndo(changeId);
                    // Many rows are undone as a bulk job: its panel, on the page, shows how it goes.
                    if (entry.edits.length > 1) onClose();
                  }}
                />
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <ExportCsvButton
          collectRows={async () => (await loadChangeLogCsv()).changeLogRows(changeEntries(coordinator.confirmedEdits()))}
          loadColumns={async () => (await loadChangeLogCsv()).changeLogCsvColumns}
          noun={['change', 'changes']}
          complete={entries.length > 0}
          fileLabel="changes in this session"
        />
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

