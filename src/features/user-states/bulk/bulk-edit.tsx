import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ScriptKind } from '../../../lib/script-kinds';
import type { UserState } from '../api/schema';
import { BulkEditDialog } from './bulk-edit-dialog';
import type { BulkJobOptions } from './job';
import { takeJobLock, type JobLock } from './job-lock';
import { forgetKeptJob, readKeptJob, type KeptJob } from './job-storage';
import type { JobRow } from './job-state';
import { JobPanel } from './job-panel';
import { JobLockProblem, KeptJobOffer } from './kept-job-offer';
import type { BulkJobRequest } from './plan';
import { useKeptJob, type OpenJob } from './use-kept-job';
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
const lockedElsewhere = 'A bulk edit of this script is open in another tab: finish or close it there first. Nothing was sent.';

/** The bulk edit's dialog, its job's panel and the offer to resume a kept job; loaded with the first "Edit selected" (or a kept job). */
export function BulkEdit(props: BulkEditProps) {
  const { kind, scriptId, rows, canWrite, dialogOpen, onCloseDialog, onStarted, describeError, renderExport, queuedPlan, onQueuedPlanStarted } = props;
  const [open, setOpen] = useState<OpenJob | null>(null);
  // A job this tab kept when the page was left mid-job (a reload, a sign-in round trip).
  const [kept, setKept] = useState<KeptJob | null>(() => readKeptJob(kind, scriptId));
  const [lockProblem, setLockProblem] = useState<string | null>(null);
  const lock = useRef<JobLock | null>(null);
  const starter = useStartBulkJob(kind, scriptId, describeError);
  const fits = useKeptJob(open);
  const job = open?.job ?? null;
  const jobActive = useSyncExternalStore(job?.subscribe ?? noJob, () => {
    const status = job?.getState().status;
    return status === 'running' || status === 'paused';
  }, notRunning);

  /** Opens a job once this tab holds the script's job lock; false when another tab has it. */
  const launch = async (make: () => OpenJob): Promise<OpenJob | null> => {
    lock.current ??= await takeJobLock(kind, scriptId);
    if (lock.current === null) {
      setLockProblem(lockedElsewhere);
      return null;
    }
    setLockProblem(null);
    const opened = make();
    setOpen(opened);
    return opened;
  };
  // The lock goes with the panel, once the job's last batch is answered.
  useEffect(() => {
    if (open === null) return undefined;
    return () => {
      const held = lock.current;
      lock.current = null;
      void open.job.idle().then(() => held?.release());
    };
  }, [open]);

  // One job at a time on a page: an import applied while a job runs starts when that job has ended.
  // The plan arrives as a prop (this component loads lazily, after the click that made it), so
  // the job starts from an effect, once per plan.
  const startedPlan = useRef<BulkJobRequest | null>(null);
  useEffect(() => {
    if (queuedPlan === null || jobActive || kept !== null || startedPlan.current === queuedPlan) return;
    startedPlan.current = queuedPlan;
    const queued = queuedPlan;
    queueMicrotask(() => {
      void launch(() => starter.start(queued));
      onQueuedPlanStarted();
    });
  });

  const blocked = jobActive
    ? 'A bulk edit is still running: wait for it to finish or cancel it first.'
    : kept !== null
      ? 'A bulk edit stopped before it finished: resume or discard it first.'
      : null;
  return (
    <>
      {kept !== null && open === null && (
        <KeptJobOffer
          state={kept.state}
          canWrite={canWrite}
          problem={lockProblem}
          onResume={() =>
            void launch(() => starter.takeUp(kept)).then((opened) => {
              if (opened === null) return;
              setKept(null);
              opened.job.resume();
            })
          }
          onDiscard={() => {
            forgetKeptJob(kind, scriptId);
            setKept(null);
          }}
        />
      )}
      {kept === null && lockProblem !== null && <JobLockProblem text={lockProblem} />}
      {dialogOpen && (
        <BulkEditDialog
          rows={rows}
          canApply={canWrite}
          applyBlocked={blocked}
          onClose={onCloseDialog}
          onApply={(plan) => {
            onCloseDialog();
            void launch(() => starter.start({ plan })).then((opened) => opened !== null && onStarted());
          }}
        />
      )}
      {open !== null && <JobPanel job={open.job} canWrite={canWrite} renderExport={renderExport} keptAcrossReload={fits} onClose={() => setOpen(null)} />}
    </>
  );
}
