import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ScriptKind } from '../../../lib/script-kinds';
import type { UserState } from '../api/schema';
import { BulkEditDialog } from './bulk-edit-dialog';
import type { BulkJob, BulkJobOptions } from './job';
import type { BulkJobRequest } from './plan';
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
  /** A job asked for elsewhere (an import's valid changes, an undo of a job) to run as this page's next one. */
  queuedPlan: BulkJobRequest | null;
  onQueuedPlanStarted: () => void;
}

const noJob = () => () => {};
const notRunning = () => false;

/** The bulk edit's dialog and its job's panel; loaded with the first "Edit selected". */
export function BulkEdit(props: BulkEditProps) {
  const { kind, scriptId, rows, canWrite, dialogOpen, onCloseDialog, onStarted, describeError, renderExport, queuedPlan, onQueuedPlanStarted } = props;
  const [job, setJob] = useState<BulkJob | null>(null);
  const start = useStartBulkJob(kind, scriptId, describeError);
  const jobActive = useSyncExternalStore(job?.subscribe ?? noJob, () => {
    const status = job?.getState().status;
    return status === 'running' || status === 'paused';
  }, notRunning);
  // One job at a time on a page: an import applied while a job runs starts when that job has ended.
  // The plan arrives as a prop (this component loads lazily, after the click that made it), so
  // the job starts from an effect, once per plan, and its state is set after the effect.
  const startedPlan = useRef<BulkJobRequest | null>(null);
  useEffect(() => {
    if (queuedPlan === null || jobActive || startedPlan.current === queuedPlan) return;
    startedPlan.current = queuedPlan;
    const queued = queuedPlan;
    queueMicrotask(() => {
      setJob(start(queued));
      onQueuedPlanStarted();
    });
  }, [queuedPlan, jobActive, start, onQueuedPlanStarted]);
  return (
    <>
      {dialogOpen && (
        <BulkEditDialog
          rows={rows}
          canApply={canWrite}
          applyBlocked={jobActive ? 'A bulk edit is still running: wait for it to finish or cancel it first.' : null}
          onClose={onCloseDialog}
          onApply={(plan) => {
            setJob(start({ plan }));
            onCloseDialog();
            onStarted();
          }}
        />
      )}
      {job !== null && <JobPanel job={job} canWrite={canWrite} renderExport={renderExport} onClose={() => setJob(null)} />}
    </>
  );
}
