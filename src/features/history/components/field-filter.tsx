import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { editableFields, fieldLabels, type EditableField } from '../../user-states/api/schema';

// The select needs a value for "All fields".
const allValue = 'all';

/** Which changes the history lists: all, or those of one field (a labelled select, keyboard operable). */
export function FieldFilter({ value, onChange }: { value: EditableField | null; onChange: (field: EditableField | null) => void }) {
  return (
    <TextField
      select
      size="small"
      label="Field"
      value={value ?? allValue}
      onChange={(event) => onChange(editableFields.find((field) => field === event.target.value) ?? null)}
      sx={{ minWidth: 200 }}
    >
      <MenuItem value={allValue}>All fields</MenuItem>
      {editableFields.map((field) => (
        <MenuItem key={field} value={field}>
          {fieldLabels[field]}
        </MenuItem>
      ))}
    </TextField>
  );
}
