import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { parseStateStatus, stateStatusLabels, stateStatuses, type StateStatus } from './state-status';

// The select needs a value for "All"; it never reaches the URL (no `status` there means All).
const allValue = 'all';

/** Which user states the grid lists, by their devices' outcome (a labelled select, keyboard operable). */
export function StatusField({ value, onChange }: { value: StateStatus | null; onChange: (status: StateStatus | null) => void }) {
  return (
    <TextField
      select
      size="small"
      label="Status"
      value={value ?? allValue}
      onChange={(event) => onChange(parseStateStatus(event.target.value))}
      sx={{ minWidth: 180 }}
    >
      <MenuItem value={allValue}>All</MenuItem>
      {stateStatuses.map((status) => (
        <MenuItem key={status} value={status}>
          {stateStatusLabels[status]}
        </MenuItem>
      ))}
    </TextField>
  );
}
