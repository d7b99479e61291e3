import { describe, expect, it } from 'vitest';
import type { UserState } from '../api/schema';
import { planBulkEdit } from './plan';

const row = (id: string, successDeviceCount: number, errorDeviceCount: number): UserState =>
  ({ id, userPrincipalName: `${id}@contoso.com`, successDeviceCount, errorDeviceCount }) as UserState;

describe('planBulkEdit', () => {
  it('changes only what differs and skips rows that already hold the target', () => {
    const plan = planBulkEdit([row('a', 3, 2), row('b', 3, 0), row('c', 1, 0)], { errorDeviceCount: 0 });
    expect(plan.changes.map(({ before, changes }) => [before.id, changes])).toEqual([['a', { errorDeviceCount: 0 }]]);
    expect(plan.changes[0]?.after).toMatchObject({ successDeviceCount: 3, errorDeviceCount: 0 });
    expect(plan.skipped.map(({ id }) => id)).toEqual(['b', 'c']);
  });
  it('leaves a field without a target unchanged', () => {
    const plan = planBulkEdit([row('a', 3, 2)], { successDeviceCount: 5 });
    expect(plan.changes[0]?.changes).toEqual({ successDeviceCount: 5 });
    expect(planBulkEdit([row('a', 3, 2)], {}).skipped).toHaveLength(1);
  });
});
