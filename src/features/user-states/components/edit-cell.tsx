import InputBase from '@mui/material/InputBase';
import Paper from '@mui/material/Paper';
import Popper from '@mui/material/Popper';
import { useGridApiContext, type GridRenderEditCellParams } from '@mui/x-data-grid';
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { fieldLabels, fieldProblem, type EditableField } from '../api/schema';

export interface EditCellProps extends GridRenderEditCellParams {
  field: EditableField;
  /** The value the row holds: left as it is, it passes (only the fields a save changes are sent). */
  kept: string;
}

/**
 * The grid's editor for one field: plain text checked by the shared schema (so "1e3" or "+5" are
 * refused, not converted), labelled like the form's field, with the problem shown under it.
 */
export function EditCell({ id, field, value, hasFocus, kept }: EditCellProps) {
  const apiRef = useGridApiContext();
  const messageId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const text = value === null || value === undefined ? '' : String(value);
  const problem = fieldProblem(field, text, kept);

  useLayoutEffect(() => {
    if (hasFocus) inputRef.current?.focus();
  }, [hasFocus]);

  return (
    <>
      <InputBase
        ref={setAnchor}
        inputRef={inputRef}
        value={text}
        fullWidth
        sx={{ px: 1, height: '100%' }}
        onChange={(event) => void apiRef.current.setEditCellValue({ id, field, value: event.target.value })}
        inputProps={{
          'aria-label': fieldLabels[field],
          'aria-invalid': problem !== null,
          'aria-describedby': problem !== null ? messageId : undefined,
          inputMode: field === 'userPrincipalName' ? 'email' : 'numeric',
          spellCheck: false,
        }}
      />
      <Popper
        open={problem !== null && anchor !== null}
        anchorEl={anchor}
        placement="bottom-start"
        sx={{ zIndex: 1500 }}
      >
        <Paper id={messageId} elevation={3} sx={{ p: 1, maxWidth: 360, color: 'error.main', fontSize: '0.875rem' }}>
          {problem}
        </Paper>
      </Popper>
    </>
  );
}
