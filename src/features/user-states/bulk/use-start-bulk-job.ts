import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useGraphClient } from '../../../lib/graph/graph-context';
import type { ScriptKind } from '../../../lib/script-kinds';
import type { UserState } from '../api/schema';
import { useEditCoordinator } from '../cache/edit-coordinator-context';
import { writeRows } from '../cache/rows';
import { runBulkJob, startBulkJob, type BulkJobOptions } from './job';
import type { KeptJob, KeptJobMeta } from './job-storage';
import type { BulkJobRequest } from './plan';
import type { OpenJob } from './use-kept-job';

export interface BulkJobStarter {
  /** A new job over the request's plan. */
  start: (request: BulkJobRequest) => OpenJob;
  /** A kept job, as the same job (its saves join the same change-log entry); paused until resumed. */
  takeUp: (kept: KeptJob) => OpenJob;
}

/**
 * Starts (and takes up kept) bulk jobs bound to the app's cache and edit coordinator: a group's writes overlay the
 * cache while in flight (so a list read answered meanwhile cannot show older values), saved rows
 * join the confirmed-edit log and the cache, and a conflict shows what Graph holds now.
 */
export function useStartBulkJob(kind: ScriptKind, scriptId: string, describe: BulkJobOptions['describe']): BulkJobStarter {
  const client = useGraphClient();
  const queryClient = useQueryClient();
  const coordinator = useEditCoordinator();
  const options = useCallback(
    ({ changeId, undoes }: KeptJobMeta): BulkJobOptions => {
      // Answers come row by row; the cached list (up to 100,000 rows) is copied once per burst of them.
      let shown: UserState[] = [];
      const show = (row: UserState) => {
        if (shown.length === 0) {
          queueMicrotask(() => {
            const rows = shown.map((candidate) => coordinator.overlay(kind, scriptId, candidate));
            shown = [];
            writeRows(queryClient, kind, scriptId, rows);
          });
        }
        shown.push(row);
      };
      return {
        client,
        scriptKind: kind,
        scriptId,
        describe,
        onWritesSent: (rows) => {
          const ticket = coordinator.begin(rows.map((row) => ({ scriptKind: kind, scriptId, stateId: row.id, changes: row.changes })));
          return () => coordinator.settle(ticket);
        },
        onSaved: (row, saved, requestId) => {
          coordinator.recordEdit({
            scriptKind: kind,
            scriptId,
            stateId: row.id,
            before: row.before,
            written: row.changes,
            after: saved,
            at: Date.now(),
            requestId,
            changeId,
            undoes,
          });
          show(saved);
        },
        onConflict: (_row, theirs) => {
          coordinator.confirm(kind, scriptId, theirs);
          show(theirs);
        },
        isOffline: () => !navigator.onLine,
      };
    },
    [client, queryClient, coordinator, kind, scriptId, describe],
  );
  return useMemo(
    () => ({
      start: ({ plan, undoes }) => {
        // The job's rows are one entry of the session's change log: one Undo reverses them all.
        const meta: KeptJobMeta = { changeId: crypto.randomUUID(), ...(undoes === undefined ? {} : { undoes }) };
        return { job: startBulkJob(plan, options(meta)), meta };
      },
      takeUp: ({ state, ...meta }) => ({ job: runBulkJob(state, options(meta)), meta }),
    }),
    [options],
  );
}
