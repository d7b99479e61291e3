/**
 * What a bulk edit would do, worked out before anything is sent: which rows change (before →
 * after) and which already hold the target values and are skipped. No React, no Graph.
 */
import type { UserState, UserStateChanges } from '../api/schema';

/** The counts the user asked for; an absent field is left unchanged. */
export type BulkTarget = Pick<UserStateChanges, 'successDeviceCount' | 'errorDeviceCount'>;

export interface PlannedChange {
  /** The row as the user selected it: the conflict check compares Graph's row against this. */
  before: UserState;
  after: UserState;
  /** Only the properties that change: the PATCH body. */
  changes: UserStateChanges;
}

export interface BulkPlan {
  changes: PlannedChange[];
  /** Rows that already hold the target values: never sent. */
  skipped: UserState[];
}

/** A plan to run as the page's next bulk job: an edit of selected rows, an import, or an undo of a job (`undoes`: its change-log entry). */
export interface BulkJobRequest {
  plan: BulkPlan;
  undoes?: string;
}

export function planBulkEdit(rows: readonly UserState[], target: BulkTarget): BulkPlan {
  const plan: BulkPlan = { changes: [], skipped: [] };
  for (const row of rows) {
    const changes: UserStateChanges = {};
    if (target.successDeviceCount !== undefined && target.successDeviceCount !== row.successDeviceCount) {
      changes.successDeviceCount = target.successDeviceCount;
    }
    if (target.errorDeviceCount !== undefined && target.errorDeviceCount !== row.errorDeviceCount) {
      changes.errorDeviceCount = target.errorDeviceCount;
    }
    if (Object.keys(changes).length === 0) plan.skipped.push(row);
    else plan.changes.push({ before: row, after: { ...row, ...changes }, changes });
  }
  return plan;
}
