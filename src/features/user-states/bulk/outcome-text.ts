import { formatCount } from '../../../lib/format-number';
import { revealHiddenCharacters } from '../../../lib/hidden-characters';
import type { BatchWaitNotice } from '../../../lib/graph/batch-types';
import type { UserState } from '../api/schema';
import type { JobRow } from './job-state';

/** "success 3, error 2": the counts of a row, as the outcome and the export say them. */
export function countsText(row: Pick<UserState, 'successDeviceCount' | 'errorDeviceCount'>): string {
  return `success ${formatCount(row.successDeviceCount)}, error ${formatCount(row.errorDeviceCount)}`;
}

/** How a row of the job ended (or that it has not yet), in the words the panel and the export use. */
export function outcomeText(row: JobRow): string {
  const { outcome } = row;
  switch (outcome.kind) {
    case 'pending':
      return 'Waiting';
    case 'saved':
      return 'Saved';
    case 'skipped':
      return 'Skipped (already had these values)';
    case 'conflict':
      return conflictText(row, outcome.theirs);
    case 'failed':
      return `Failed (${outcome.reason}, Graph request id ${outcome.requestId ?? 'none'})`;
  }
}

/**
 * What the other admin left and what Overwrite would write. The name is said too when it is in
 * play (they changed it, or the job writes it): an overwrite must not replace one unseen.
 */
function conflictText(row: JobRow, theirs: UserState): string {
  const mine = { ...theirs, ...row.changes };
  const nameInPlay = theirs.userPrincipalName !== row.before.userPrincipalName || row.changes.userPrincipalName !== undefined;
  const values = (state: UserState) =>
    nameInPlay ? `${revealHiddenCharacters(state.userPrincipalName)}, ${countsText(state)}` : countsText(state);
  return `Conflict (changed by someone else since you selected it: ${values(theirs)} → ${values(mine)})`;
}

export function outcomeRequestId(row: JobRow): string | null {
  return row.outcome.kind === 'saved' || row.outcome.kind === 'failed' ? row.outcome.requestId : null;
}

/** Why the job waits right now, as its panel says it. */
export function waitText(notice: BatchWaitNotice): string {
  const seconds = Math.max(1, Math.round(notice.delayMs / 1000));
  if (notice.reason === 'pacing') return `Waiting ${seconds} s for Intune's write limit`;
  if (notice.reason === 'retry-after') return `Graph asked to wait ${seconds} s; retrying then`;
  return `Graph had a temporary problem; retrying in ${seconds} s`;
}

export const offlineText = 'Offline: the job goes on when the connection is back';
