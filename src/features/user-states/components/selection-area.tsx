import Button from '@mui/material/Button';
import { lazy, Suspense, useState } from 'react';
import type { ScriptKind } from '../../../lib/script-kinds';
import type { UserState } from '../api/schema';
import { SelectionBar } from './selection';

// The dialog, the job and its panel load with the first "Edit selected", not with the route.
const BulkEdit = lazy(async () => ({ default: (await import('../bulk/bulk-edit')).BulkEdit }));

export interface SelectionAreaProps {
  kind: ScriptKind;
  scriptId: string;
  selected: readonly UserState[];
  onClear: () => void;
  /** The account may write (the same test as the inline editor's). */
  canEdit: boolean;
}

/** "N selected", "Clear selection", and for an account that may write, "Edit selected" and its job. */
export function SelectionArea({ kind, scriptId, selected, onClear, canEdit }: SelectionAreaProps) {
  const [dialogOpen, setDialogOpen] = useState(false);
  const [used, setUsed] = useState(false);
  return (
    <>
      <SelectionBar count={selected.length} onClear={onClear}>
        {canEdit && (
          <Button
            size="small"
            variant="outlined"
            onClick={() => {
              setUsed(true);
              setDialogOpen(true);
            }}
          >
            Edit selected
          </Button>
        )}
      </SelectionBar>
      {used && (
        <Suspense fallback={null}>
          <BulkEdit
            kind={kind}
            scriptId={scriptId}
            rows={selected}
            canWrite={canEdit}
            dialogOpen={dialogOpen}
            onCloseDialog={() => setDialogOpen(false)}
            onStarted={onClear}
          />
        </Suspense>
      )}
    </>
  );
}
