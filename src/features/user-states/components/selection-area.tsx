import Button from '@mui/material/Button';
import { memo, useState } from 'react';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { lazyPart } from '../../../components/lazy-part';
import { describeError } from '../../../lib/graph/describe-error';
import type { ScriptKind } from '../../../lib/script-kinds';
import type { UserState } from '../api/schema';
import type { JobRow } from '../bulk/job-state';
import type { BulkJobRequest } from '../bulk/plan';
import { hasKeptJob } from '../bulk/kept-job-key';
import { SelectionBar } from './selection';

// The dialog, the job and its panel load with the first "Edit selected" (or a kept job), not with the route.
const BulkEdit = lazyPart('the bulk edit', async () => (await import('../bulk/bulk-edit')).BulkEdit).Component;
const loadJobColumns = async () => (await import('../bulk/job-csv-columns')).jobCsvColumns;

// The finished job's rows through the same Export CSV button (and CSV code) as the grid's.
const renderExport = (rows: readonly JobRow[]) => (
  <ExportCsvButton
    collectRows={async () => rows}
    loadColumns={loadJobColumns}
    noun={['row', 'rows']}
    complete
    fileLabel="bulk edit"
  />
);

export interface SelectionAreaProps {
  kind: ScriptKind;
  scriptId: string;
  selected: readonly UserState[];
  onClear: () => void;
  /** The account may write (the same test as the inline editor's). */
  canEdit: boolean;
  /** A job asked for outside the selection (an import, an undo of a job), null when none waits. */
  queuedJob: BulkJobRequest | null;
  onQueuedJobStarted: () => void;
}

/** "N selected", "Clear selection", and for an account that may write, "Edit selected"; the page's bulk jobs, an import's too. */
export const SelectionArea = memo(function SelectionArea({
  kind,
  scriptId,
  selected,
  onClear,
  canEdit,
  queuedJob,
  onQueuedJobStarted,
}: SelectionAreaProps) {
  const [dialogOpen, setDialogOpen] = useState(false);
  // Once loaded (by "Edit selected", a queued job, or a job this tab kept when the page was left
  // mid-job), the bulk edit stays mounted: its job and panel outlive the request that started them.
  const [bulkLoaded, setBulkLoaded] = useState(() => hasKeptJob(kind, scriptId));
  if (queuedJob !== null && !bulkLoaded) setBulkLoaded(true);
  return (
    <>
      <SelectionBar count={selected.length} onClear={onClear}>
        {canEdit && (
          <Button
            size="small"
            variant="outlined"
            onClick={() => {
              setBulkLoaded(true);
              setDialogOpen(true);
            }}
          >
            Edit selected
          </Button>
        )}
      </SelectionBar>
      {bulkLoaded && (
        <BulkEdit
          kind={kind}
          scriptId={scriptId}
          rows={selected}
          canWrite={canEdit}
          dialogOpen={dialogOpen}
          onCloseDialog={() => setDialogOpen(false)}
          onStarted={onClear}
          describeError={describeError}
          renderExport={renderExport}
          queuedPlan={queuedJob}
          onQueuedPlanStarted={onQueuedJobStarted}
        />
      )}
    </>
  );
});
