import { useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ScriptKind } from '../../../lib/script-kinds';
import type { UserState } from '../api/schema';
import { BulkEditDialog } from './bulk-edit-dialog';
import type { BulkJob, BulkJobOptions } from './job';
import type { JobRow } from './job-state';
import { JobPanel } from './job-panel';
import { useStartBulkJob } from './use-start-bulk-job';

export interface BulkEditProps {
  kind: ScriptKind;
  scriptId: string;
  /** The selected rows, as the grid shows them. */
  rows: readonly UserState[];
  canWrite: boolean;
  dialogOpen: boolean;
  onCloseDialog: () => void;
  /** A job started: the selection it was made from is done with. */
  onStarted: () => void;
  /** From the route, which loads them anyway (see BulkJobOptions.describe): failures in words, and the Export CSV button. */
  describeError: BulkJobOptions['describe'];
  renderExport: (rows: readonly JobRow[]) => ReactNode;
}

const noJob = () => () => {};
const notRunning = () => false;

/** The bulk edit's dialog and its job's panel; loaded with the first "Edit selected". */
export function BulkEdit({ kind, scriptId, rows, canWrite, dialogOpen, onCloseDialog, onStarted, describeError, renderExport }: BulkEditProps) {
  const [job, setJob] = useState<BulkJob | null>(null);
  const start = useStartBulkJob(kind, scriptId, describeError);
  const jobActive = useSyncExternalStore(job?.subscribe ?? noJob, () => {
    const status = job?.getState().status;
    return status === 'running' || status === 'paused';
  }, notRunning);
  return (
    <>
      {dialogOpen && (
        <BulkEditDialog
          rows={rows}
          canApply={canWrite}
          applyBlocked={jobActive ? 'A bulk edit is still running: wait for it to finish or cancel it first.' : null}
          onClose={onCloseDialog}
          onApply={(plan) => {
            setJob(start(plan));
            onCloseDialog();
            onStarted();
          }}
        />
      )}
      {job !== null && <JobPanel job={job} canWrite={canWrite} renderExport={renderExport} onClose={() => setJob(null)} />}
    </>
  );
}
