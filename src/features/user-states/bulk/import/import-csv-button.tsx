import Button from '@mui/material/Button';
import { useRef, useState } from 'react';
import { lazyPart } from '../../../../components/lazy-part';
import type { UserState } from '../../api/schema';
import type { BulkPlan } from '../plan';

// The parser, its worker, the mapping and the dialog load only once a file is chosen.
const ImportPreviewDialog = lazyPart(
  'the import preview',
  async () => (await import('./import-preview-dialog')).ImportPreviewDialog,
).Component;

// The input stays in the accessibility tree and the tab order (a label cannot be focused).
const hiddenInput = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
} as const;

export interface ImportCsvButtonProps {
  /** Every row of the script, compared with the file's lines. */
  rows: readonly UserState[];
  /** False while pages still stream in: lines would be called unknown for rows not yet loaded. */
  complete: boolean;
  /** Null when the account may apply; otherwise the permission applying needs (preview only). */
  missingPermission: string | null;
  onApply: (plan: BulkPlan) => void;
}

/** "Import CSV": a file input that looks like the toolbar's buttons; choosing a file opens its preview. */
export function ImportCsvButton({ rows, complete, missingPermission, onApply }: ImportCsvButtonProps) {
  const [chosen, setChosen] = useState<{ file: File; rows: readonly UserState[] } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button
        component="label"
        variant="outlined"
        role={undefined}
        tabIndex={-1}
        disabled={!complete}
        sx={{ '&:has(input:focus-visible)': { outline: '2px solid', outlineOffset: 2 } }}
      >
        Import CSV
        <input
          ref={input}
          type="file"
          accept=".csv,text/csv"
          disabled={!complete}
          style={hiddenInput}
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Choosing the same file again must open it again.
            event.target.value = '';
            if (file !== undefined) setChosen({ file, rows });
          }}
        />
      </Button>
      {chosen !== null && (
        <ImportPreviewDialog
          file={chosen.file}
          rows={chosen.rows}
          missingPermission={missingPermission}
          onApply={(plan) => {
            setChosen(null);
            onApply(plan);
          }}
          onClose={() => setChosen(null)}
          // A preview whose code could not download is closed as the dialog would be; its Close
          // button goes with it, and the keyboard goes back to where the import began.
          onDismissFailure={() => {
            setChosen(null);
            input.current?.focus();
          }}
        />
      )}
    </>
  );
}
