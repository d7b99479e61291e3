import { describe, expect, it } from 'vitest';
import { initialJobState, jobProgress, type RowOutcome } from '../../src/features/user-states/bulk/job-state.ts';
import { bulkPlan, bulkReport, type BulkReportInput } from './bulk-run.ts';
import { planEdits, type LogEntry, type UserStateRow } from './verify.ts';

const rows: UserStateRow[] = Array.from({ length: 4 }, (_, i) => ({
  id: `id-${i}`,
  userPrincipalName: `user${i}@contoso.onmicrosoft.com`,
  successDeviceCount: i,
  errorDeviceCount: 0,
}));
const edits = planEdits('s', rows, 3);
const throttle = {
  windowSeconds: 20,
  writesPerApp: 200,
  writesPerTenant: 400,
  requestsPerApp: 2000,
  requestsPerTenant: 4000,
};
const path = (id: string) => `/beta/deviceManagement/deviceManagementScripts/s/userRunStates/${id}`;

function logEntry(seq: number, method: string, url: string, envelope?: string): LogEntry {
  return {
    seq,
    clientRequestId: `c-${seq}`,
    method,
    path: url,
    time: new Date(1_000_000 + seq * 10).toISOString(),
    durationMs: 5,
    status: 200,
    fault: null,
    retryAfter: null,
    ...(envelope === undefined ? {} : { batch: { requestId: envelope, id: String(seq) } }),
  };
}

/** A finished job whose rows all ended as `outcome`, with one envelope of PATCHes in the log. */
function input(outcome: RowOutcome, entries?: LogEntry[]): BulkReportInput {
  const initial = initialJobState('deviceManagementScripts', 's', bulkPlan(edits), 0);
  const state = { ...initial, status: 'finished' as const, rows: initial.rows.map((row) => ({ ...row, outcome })) };
  return {
    outcome: {
      state,
      progress: jobProgress(state),
      ms: 1000,
      timedOut: false,
      waits: {
        'retry-after': { waits: 0, requests: 0, throttled: 0 },
        backoff: { waits: 0, requests: 0, throttled: 0 },
        pacing: { waits: 0, requests: 0, throttled: 0 },
      },
    },
    edits,
    entries: entries ?? [
      logEntry(1, 'POST', '/beta/$batch'),
      ...edits.map((e, i) => logEntry(2 + i, 'PATCH', path(e.original.id), 'E1')),
    ],
    store: { applied: 3, notApplied: [], untouchedCompared: 1, untouchedChanged: [] },
    journal: { patchedOnce: 3, patchedTwice: [], otherEntries: 0 },
    compliance: { compliant: 0, retried: 0, violations: 0, notRetried: 0, early: [] },
    throttle,
    renewals: 0,
  };
}

const failing = (report: ReturnType<typeof bulkReport>) =>
  report.checks.filter(([, ok]) => !ok).map(([label]) => label);

describe('bulkPlan', () => {
  it('sends each planned edit with only the fields that change, nothing skipped', () => {
    const plan = bulkPlan(edits);
    expect(plan.skipped).toEqual([]);
    expect(plan.changes.map((c) => c.before.id)).toEqual(['id-0', 'id-1', 'id-2']);
    expect(plan.changes[1]?.changes).toEqual({ successDeviceCount: 1_000_001 });
    expect(plan.changes.map((c) => c.after)).toEqual(edits.map((e) => e.expected));
  });
});

describe('bulkReport', () => {
  it('passes a job that saved every row once, inside a $batch', () => {
    const report = bulkReport(input({ kind: 'saved', requestId: 'r' }));
    expect(failing(report)).toEqual([]);
    expect(report.rows.find(([label]) => label === '$batch requests')?.[1]).toMatch(/^1 \(1 with PATCHes/);
  });

  it('fails when rows end in conflict, and lists them', () => {
    const report = bulkReport(
      input({
        kind: 'conflict',
        theirs: {
          id: 'id-0',
          userPrincipalName: 'other@contoso.onmicrosoft.com',
          successDeviceCount: 7,
          errorDeviceCount: 0,
        },
      }),
    );
    expect(failing(report)).toEqual(['every row saved by the job and applied (3)']);
    expect(report.details.find(([label]) => label === 'conflicts')?.[1]).toHaveLength(3);
  });

  it("fails a write sent outside a $batch, and one envelope over Graph's 20", () => {
    const single = [...edits.map((e, i) => logEntry(1 + i, 'PATCH', path(e.original.id)))];
    expect(failing(bulkReport(input({ kind: 'saved', requestId: 'r' }, single)))).toEqual([
      'every write inside a $batch of at most 20',
    ]);
    const crowded = [
      ...edits.map((e, i) => logEntry(1 + i, 'PATCH', path(e.original.id), 'E1')),
      ...Array.from({ length: 18 }, (_, i) => logEntry(10 + i, 'GET', path('id-3'), 'E1')),
    ];
    expect(failing(bulkReport(input({ kind: 'saved', requestId: 'r' }, crowded)))).toEqual([
      'every write inside a $batch of at most 20',
    ]);
  });
});
