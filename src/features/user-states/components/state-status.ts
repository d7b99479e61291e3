import type { UserState } from '../api/schema';

/** `?status=` values. The words are the URL's; the labels are what the Status control shows. */
export const stateStatuses = ['errors', 'succeeded', 'none'] as const;
export type StateStatus = (typeof stateStatuses)[number];

export const stateStatusLabels: Record<StateStatus, string> = {
  errors: 'With errors',
  succeeded: 'Succeeded',
  none: 'No devices',
};

/**
 * Which bucket a user state falls in, by the rules Graph's `runSummary` counts users with: one
 * failed device or more makes it "errors", otherwise one succeeded device or more "succeeded".
 */
export function stateStatus(row: Pick<UserState, 'successDeviceCount' | 'errorDeviceCount'>): StateStatus {
  if (row.errorDeviceCount > 0) return 'errors';
  if (row.successDeviceCount > 0) return 'succeeded';
  return 'none';
}

/** The URL's `status`; absent or unknown (an old or mistyped link) means every row. */
export function parseStateStatus(value: string | null): StateStatus | null {
  return stateStatuses.find((status) => status === value) ?? null;
}

/** The rows in one bucket, in their order; every row (the same array) when no bucket is chosen. */
export function filterByStatus(rows: UserState[], status: StateStatus | null): UserState[] {
  return status === null ? rows : rows.filter((row) => stateStatus(row) === status);
}
