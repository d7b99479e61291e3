import { describe, expect, it } from 'vitest';
import { Throttle } from '../../emulator/faults/throttle.ts';
import { bucketsFor, earliestAdmissionMs, theoreticalMinimum } from './limits.ts';
import {
  acceptedByWindow,
  busiestWindow,
  checkJournal,
  checkLog,
  checkStore,
  editValues,
  markdownTable,
  planEdits,
  type LogEntry,
  type UserStateRow,
} from './verify.ts';

const intune = {
  windowSeconds: 20,
  writesPerApp: 200,
  writesPerTenant: 400,
  requestsPerApp: 2000,
  requestsPerTenant: 4000,
};

describe('theoretical minimum', () => {
  it('admits a batch of `limit` per window, the first batch at once', () => {
    expect(earliestAdmissionMs(0, 200, 20_000)).toBe(0);
    expect(earliestAdmissionMs(1, 200, 20_000)).toBe(0);
    expect(earliestAdmissionMs(200, 200, 20_000)).toBe(0);
    expect(earliestAdmissionMs(201, 200, 20_000)).toBe(20_000);
    expect(earliestAdmissionMs(1000, 200, 20_000)).toBe(80_000);
    expect(earliestAdmissionMs(1001, 200, 20_000)).toBe(100_000);
  });

  it('is 80 s for 1,000 edits under Intune limits, bound by writes per app', () => {
    const withRead = theoreticalMinimum(bucketsFor(intune, 1000, 1));
    expect(withRead.ms).toBe(80_000);
    expect(withRead.binding?.name).toBe('writes per app per tenant');
    expect(theoreticalMinimum(bucketsFor(intune, 1000, 0)).ms).toBe(80_000);
  });

  it('lets a request bucket bind when reads dominate', () => {
    const reads = theoreticalMinimum(bucketsFor({ ...intune, requestsPerApp: 100 }, 100, 1));
    expect(reads.binding?.name).toBe('requests per app per tenant');
    expect(reads.ms).toBe(20_000);
  });

  it('matches the emulator throttle driven by an ideal client', () => {
    // Sends each write the moment the throttle would take it; counts when the last one got in.
    const throttle = new Throttle(intune);
    let now = 1_000_000;
    const first = now;
    let admitted = 0;
    let last = now;
    while (admitted < 1000) {
      const decision = throttle.check('tenant', 'app', true, now);
      if (decision.ok) {
        admitted += 1;
        last = now;
      } else now += 1;
    }
    expect(last - first).toBe(earliestAdmissionMs(1000, 200, 20_000));
  });
});

const rows: UserStateRow[] = Array.from({ length: 6 }, (_, i) => ({
  id: `id-${i}`,
  userPrincipalName: `user${i}@contoso.onmicrosoft.com`,
  successDeviceCount: i,
  errorDeviceCount: 0,
}));

describe('planEdits', () => {
  it('changes every target and varies which fields change', () => {
    const edits = planEdits('s', rows, 3);
    expect(edits.map((e) => e.original.id)).toEqual(['id-0', 'id-1', 'id-2']);
    for (const edit of edits) expect(edit.expected).not.toEqual(edit.original);
    expect(edits[1]?.expected.userPrincipalName).toBe(rows[1]?.userPrincipalName);
    expect(edits[0]?.typed).toEqual({
      userPrincipalName: 'load-run-0001@contoso.onmicrosoft.com',
      successDeviceCount: '1000000',
      errorDeviceCount: '2000000',
    });
  });

  it('skips rows that are not editable and refuses to plan more than there are', () => {
    expect(planEdits('s', rows, 2, (r) => r.id !== 'id-0').map((e) => e.original.id)).toEqual(['id-1', 'id-2']);
    expect(() => planEdits('s', rows, 6, (r) => r.id !== 'id-0')).toThrow(RangeError);
  });

  it('keeps the id', () => {
    const first = rows[0];
    if (!first) throw new Error('no row');
    expect(editValues(7, first).id).toBe(first.id);
  });
});

describe('checkStore', () => {
  const edits = planEdits('s', rows, 2);
  const before = new Map([['s', rows]]);

  it('counts applied edits and sees nothing else changed', () => {
    const after = new Map([['s', rows.map((r) => edits.find((e) => e.original.id === r.id)?.expected ?? r)]]);
    expect(checkStore(before, after, edits)).toEqual({
      applied: 2,
      notApplied: [],
      untouchedCompared: 4,
      untouchedChanged: [],
    });
  });

  it('reports a missing edit, a changed bystander, a new and a vanished row', () => {
    const after = new Map([
      [
        's',
        [
          ...rows
            .slice(0, 4)
            .map((r, i) => (i === 0 ? (edits[0]?.expected ?? r) : i === 3 ? { ...r, errorDeviceCount: 9 } : r)),
          { ...rows[0], id: 'new' } as UserStateRow,
        ],
      ],
    ]);
    const result = checkStore(before, after, edits);
    expect(result.applied).toBe(1);
    expect(result.notApplied).toEqual(['id-1']);
    expect(result.untouchedChanged.sort()).toEqual(['s/id-3', 's/id-4', 's/id-5', 's/new']);
  });
});

function entry(
  seq: number,
  method: string,
  path: string,
  status: number | null,
  clientRequestId: string | null = `c${seq}`,
): LogEntry {
  return {
    seq,
    clientRequestId,
    method,
    path,
    time: new Date(1_000_000 + seq * 1000).toISOString(),
    durationMs: 5,
    status,
    fault: status === 429 ? 'throttle' : null,
    retryAfter: status === 429 ? 3 : null,
  };
}

describe('checkLog', () => {
  const edits = planEdits('s', rows, 3);
  const patch = (id: string) => `/beta/deviceManagement/deviceManagementScripts/s/userRunStates/${id}`;

  it('counts one success per target, 429s and retries by client-request-id', () => {
    const log = [
      entry(1, 'POST', '/common/oauth2/v2.0/token', 200),
      entry(2, 'GET', `${patch('id-0')}?$select=id`, 200),
      entry(3, 'PATCH', patch('id-0'), 429, 'a'),
      entry(4, 'PATCH', patch('id-0'), 200, 'a'),
      entry(5, 'PATCH', patch('id-1'), 200),
      entry(6, 'PATCH', patch('id-2'), 503, 'b'),
      entry(7, 'PATCH', patch('id-2'), 200, 'b'),
    ];
    const result = checkLog(log, edits);
    expect(result).toMatchObject({
      graphRequests: 6,
      writtenOnce: 3,
      writtenTwice: [],
      neverWritten: [],
      otherWrites: [],
      throttled: 1,
      throttledWrites: 1,
      retries: 2,
      otherFailures: { '503': 1 },
    });
    expect(result.writeSpanMs).toBe(3000);
  });

  it('flags a target written twice, one never written and a write elsewhere', () => {
    const log = [
      entry(1, 'PATCH', patch('id-0'), 200),
      entry(2, 'PATCH', patch('id-0'), 200),
      entry(3, 'PATCH', patch('id-1'), 200),
      entry(4, 'PATCH', patch('id-5'), 204),
      entry(5, 'DELETE', patch('id-1'), 204),
    ];
    const result = checkLog(log, edits);
    expect(result.writtenTwice).toEqual(['id-0']);
    expect(result.neverWritten).toEqual(['id-2']);
    expect(result.otherWrites).toHaveLength(2);
  });
});

describe('checkLog with $batch', () => {
  const edits = planEdits('s', rows, 3);
  const patch = (id: string) => `/beta/deviceManagement/deviceManagementScripts/s/userRunStates/${id}`;
  const inner = (e: LogEntry, envelope: string, id: string): LogEntry => ({ ...e, batch: { requestId: envelope, id } });

  it('counts 2xx inner PATCHes per row, not the envelopes, and a 429 retried in a later envelope once', () => {
    const log = [
      entry(1, 'POST', '/beta/$batch', 200, 'env-1'),
      inner(entry(2, 'GET', `${patch('id-0')}?$select=id`, 200, 'r0'), 'E1', '0'),
      entry(3, 'POST', '/beta/$batch', 200, 'env-2'),
      inner(entry(4, 'PATCH', patch('id-0'), 200, 'w0'), 'E2', '0'),
      inner(entry(5, 'PATCH', patch('id-1'), 429, 'w1'), 'E2', '1'),
      inner(entry(6, 'PATCH', patch('id-2'), 200, 'w2'), 'E2', '2'),
      entry(7, 'POST', '/beta/$batch', 200, 'env-3'),
      inner(entry(8, 'PATCH', patch('id-1'), 200, 'w1'), 'E3', '1'),
    ];
    const result = checkLog(log, edits);
    expect(result).toMatchObject({
      graphRequests: 5,
      batchEnvelopes: 3,
      writtenOnce: 3,
      writtenTwice: [],
      neverWritten: [],
      otherWrites: [],
      throttled: 1,
      throttledWrites: 1,
      retries: 1,
      otherFailures: {},
    });
    expect(result.writes).toHaveLength(3);
  });

  it('flags a row whose PATCH two envelopes applied, and a failed envelope', () => {
    const log = [
      inner(entry(1, 'PATCH', patch('id-0'), 200, 'a'), 'E1', '0'),
      inner(entry(2, 'PATCH', patch('id-0'), 200, 'b'), 'E2', '0'),
      inner(entry(3, 'PATCH', patch('id-1'), 200), 'E2', '1'),
      entry(4, 'POST', '/beta/$batch', 502),
    ];
    const result = checkLog(log, edits);
    expect(result.writtenTwice).toEqual(['id-0']);
    expect(result.neverWritten).toEqual(['id-2']);
    expect(result.otherWrites).toEqual([]);
    expect(result.otherFailures).toEqual({ '$batch 502': 1 });
  });
});

describe('checkJournal', () => {
  it('counts patches per target and anything else', () => {
    const edits = planEdits('s', rows, 2);
    const lines = [
      { op: 'seed', format: 1, bigScriptSize: 0, at: 'x' },
      { op: 'patch', scriptId: 's', id: 'id-0', set: {} },
      { op: 'patch', scriptId: 's', id: 'id-1', set: {} },
      { op: 'patch', scriptId: 's', id: 'id-1', set: {} },
      { op: 'delete', scriptId: 's', id: 'id-4' },
    ];
    expect(checkJournal(`${lines.map((l) => JSON.stringify(l)).join('\n')}\n`, edits)).toEqual({
      patchedOnce: 1,
      patchedTwice: ['id-1'],
      otherEntries: 1,
    });
  });
});

it('draws an aligned Markdown table', () => {
  expect(markdownTable(['a', 'b'], [['long label', '1']])).toBe(
    '| a          | b |\n| ---------- | - |\n| long label | 1 |',
  );
});

it('gives each run of `limit` accepted writes from the first, beside the best case', () => {
  const at = (s: number) => ({ from: 1_000_000 + s * 1000, to: 1_000_000 + s * 1000 + 5 });
  const writes = [at(20.4), at(0), at(0.5), at(21), at(40.2)];
  expect(acceptedByWindow(writes, 2, 20_000)).toBe('0.0–0.5, 20.4–21.0, 40.2–40.2 s (best case from 0, 20, 40 s)');
});

describe('busiestWindow', () => {
  const at = (...times: number[]) => times.map((t) => ({ from: t, to: t }));

  it('counts events as the emulator does (an event stops counting at t + window)', () => {
    expect(busiestWindow([], 20)).toBe(0);
    expect(busiestWindow(at(0, 5, 19, 20, 21, 39), 20)).toBe(4); // 5, 19, 20, 21
    expect(busiestWindow(at(40, 0, 20), 20)).toBe(1);
    expect(busiestWindow(at(0, 0, 0), 1)).toBe(3);
  });

  it('counts only events certainly inside one window', () => {
    expect(busiestWindow([...at(0, 10), { from: 15, to: 25 }], 20)).toBe(2);
    expect(busiestWindow([...at(0, 10), { from: 15, to: 19 }], 20)).toBe(3);
  });
});
