import { EMPTY_SCRIPT_ID } from '../../../../emulator/constants';
import { parseRules, type FaultRule } from '../../../../emulator/faults/faults';
import { describeError } from '../../../lib/graph/describe-error';
import { createWritePacer } from '../../../lib/graph/write-pacer';
import { emulatorBackendForEachTest, makeUserStates, type EmulatorBackend } from '../../../testing/emulator-graph';
import { userStateSchema, type UserState } from '../api/schema';
import { initialJobState, jobProgress, type JobRow } from './job-state';
import { keepJob, readKeptJob } from './job-storage';
import { runBulkJob, startBulkJob, type BulkJobOptions } from './job';
import { planBulkEdit } from './plan';

const backend = emulatorBackendForEachTest();
const scriptId = EMPTY_SCRIPT_ID;
// The empty script is a Windows (PowerShell) script.
const scriptKind = 'deviceManagementScripts' as const;

function seed(count: number): { graph: EmulatorBackend; rows: UserState[] } {
  const data = makeUserStates(count);
  const graph = backend.seed(scriptId, data);
  return { graph, rows: data.map((row) => userStateSchema.parse(row)) };
}

// Inner requests are retried; backoff kept short so a 500's retry does not slow the suite.
const retrying = (graph: EmulatorBackend) => graph.clientWith({ retryLimit: 4, backoffBaseMs: 5, backoffCapMs: 20 });

function addFaults(graph: EmulatorBackend, rules: FaultRule[]): void {
  graph.emulator.faults.setRules([...graph.emulator.faults.getRules(), ...parseRules({ rules })]);
}

/** The emulator's log: outer `$batch` requests and the requests inside them. */
function logged(graph: EmulatorBackend) {
  const all = graph.emulator.log.list();
  return {
    batches: all.filter((entry) => entry.path.startsWith('/beta/$batch')),
    inner: all.filter((entry) => entry.batch !== undefined),
    single: all.filter((entry) => entry.batch === undefined && entry.path.includes('/userRunStates/')),
  };
}

async function run(graph: EmulatorBackend, rows: UserState[], target: Parameters<typeof planBulkEdit>[1], extra: Partial<BulkJobOptions> = {}) {
  const job = startBulkJob(planBulkEdit(rows, target), { client: retrying(graph), scriptKind, scriptId, describe: describeError, ...extra });
  await job.idle();
  return job;
}

describe('the bulk edit job against the emulator', () => {
  it('writes only the rows that change, through $batch requests of at most 20, and reports each row', async () => {
    const { graph, rows } = seed(45);
    const saved: string[] = [];
    const job = await run(graph, rows, { errorDeviceCount: 0 }, { onSaved: (row) => saved.push(row.id) });

    const changing = rows.filter((row) => row.errorDeviceCount !== 0);
    const state = job.getState();
    expect(state.status).toBe('finished');
    expect(jobProgress(state)).toMatchObject({ total: 45, saved: changing.length, skipped: 45 - changing.length, failed: 0, conflicts: 0 });
    expect(saved.sort()).toEqual(changing.map((row) => row.id).sort());
    for (const row of rows) expect(graph.userState(scriptId, row.id)).toMatchObject({ successDeviceCount: row.successDeviceCount, errorDeviceCount: 0 });

    const { batches, inner, single } = logged(graph);
    expect(single).toEqual([]);
    expect(batches.length).toBeGreaterThan(0);
    const perBatch = new Map<string, number>();
    for (const entry of inner) perBatch.set(entry.batch?.requestId ?? '', (perBatch.get(entry.batch?.requestId ?? '') ?? 0) + 1);
    expect(perBatch.size).toBe(batches.length);
    for (const count of perBatch.values()) expect(count).toBeLessThanOrEqual(20);
    // One conflict-check read and one write per changing row, none for the skipped rows.
    expect(inner.filter((entry) => entry.method === 'PATCH')).toHaveLength(changing.length);
    expect(inner.filter((entry) => entry.method === 'GET')).toHaveLength(changing.length);
    // The saved rows carry Graph's request id.
    expect(state.rows.find((row) => row.outcome.kind === 'saved')?.outcome).toMatchObject({ requestId: expect.any(String) });
  });

  it('leaves a row changed by someone else since it was selected as a conflict, and overwrites it only when asked', async () => {
    const { graph, rows } = seed(6);
    const plan = planBulkEdit(rows, { errorDeviceCount: 0 });
    const changed = plan.changes[0]?.before.id ?? '';
    graph.changeUserState(scriptId, changed, { errorDeviceCount: 9 });
    const job = startBulkJob(plan, { client: retrying(graph), scriptKind, scriptId, describe: describeError });
    await job.idle();

    const row = job.getState().rows.find((candidate) => candidate.id === changed);
    expect(row?.outcome).toMatchObject({ kind: 'conflict', theirs: { errorDeviceCount: 9 } });
    expect(graph.userState(scriptId, changed)?.errorDeviceCount).toBe(9);
    expect(logged(graph).inner.filter((entry) => entry.method === 'PATCH' && entry.path.includes(`/${changed}`))).toEqual([]);

    job.overwriteAllConflicts();
    await job.idle();
    expect(job.getState().rows.find((candidate) => candidate.id === changed)?.outcome.kind).toBe('saved');
    expect(graph.userState(scriptId, changed)?.errorDeviceCount).toBe(0);
  });

  it('waits for Intune\'s write limit before it checks a group, so a change made during the wait is a conflict, not overwritten', async () => {
    const { graph, rows } = seed(30);
    // 20 writes per 400 ms: the second group waits for the window.
    const writePacer = createWritePacer({ limit: 20, windowMs: 400, storage: null, locks: null, key: 'job-waits-before-checking' });
    const client = graph.clientWith({ writePacer, retryLimit: 4, backoffBaseMs: 5, backoffCapMs: 20 });
    const plan = planBulkEdit(rows, { successDeviceCount: 70 });
    const lastRow = plan.changes.at(-1)?.before.id ?? '';
    const job = startBulkJob(plan, { client, scriptKind, scriptId, describe: describeError });
    // Another admin changes a row of the second group while the job waits for the limit.
    let changedDuringWait = false;
    job.subscribe(() => {
      if (changedDuringWait || job.getState().waiting?.includes('write limit') !== true) return;
      changedDuringWait = true;
      graph.changeUserState(scriptId, lastRow, { successDeviceCount: 3 });
    });
    await job.idle();

    expect(changedDuringWait).toBe(true);
    expect(graph.userState(scriptId, lastRow)?.successDeviceCount).toBe(3);
    expect(job.getState().rows.find((row) => row.id === lastRow)?.outcome).toMatchObject({ kind: 'conflict', theirs: { successDeviceCount: 3 } });
    expect(jobProgress(job.getState())).toMatchObject({ saved: 29, conflicts: 1, failed: 0 });
  });

  /** Runs `change` once, the first time the job says it waits with words matching `waitingFor`. */
  function duringWait(job: ReturnType<typeof startBulkJob>, waitingFor: RegExp, change: () => void): () => boolean {
    let changed = false;
    job.subscribe(() => {
      if (changed || !waitingFor.test(job.getState().waiting ?? '')) return;
      changed = true;
      change();
    });
    return () => changed;
  }

  const patchesOf = (graph: EmulatorBackend, id: string) => logged(graph).inner.filter((entry) => entry.method === 'PATCH' && entry.path.includes(`/${id}`));

  it('reads a throttled row again after the wait: a change made meanwhile is a conflict, not overwritten', async () => {
    const { graph, rows } = seed(5);
    const throttled = rows[2]?.id ?? '';
    addFaults(graph, [{ method: 'PATCH', path: `/userRunStates/${throttled}`, status: 429, retryAfter: 1, times: 1 }]);
    const job = startBulkJob(planBulkEdit(rows, { successDeviceCount: 80 }), { client: retrying(graph), scriptKind, scriptId, describe: describeError });
    const changed = duringWait(job, /Graph asked to wait/, () => graph.changeUserState(scriptId, throttled, { successDeviceCount: 4 }));
    await job.idle();

    expect(changed()).toBe(true);
    expect(graph.userState(scriptId, throttled)?.successDeviceCount).toBe(4);
    expect(job.getState().rows.find((row) => row.id === throttled)?.outcome).toMatchObject({ kind: 'conflict', theirs: { successDeviceCount: 4 } });
    expect(jobProgress(job.getState())).toMatchObject({ saved: 4, conflicts: 1, failed: 0 });
    expect(patchesOf(graph, throttled)).toHaveLength(1);
  });

  it('checks a throttled row after its wait for a slot under the write limit, not before it', async () => {
    const { graph, rows } = seed(2);
    const throttled = rows[0]?.id ?? '';
    // Two writes per 400 ms: the throttled row's second PATCH waits for the window after its Retry-After.
    const writePacer = createWritePacer({ limit: 2, windowMs: 400, unansweredMs: 0, storage: null, locks: null, key: 'job-checks-after-slot' });
    const client = graph.clientWith({ writePacer, retryLimit: 4, backoffBaseMs: 5, backoffCapMs: 20 });
    addFaults(graph, [{ method: 'PATCH', path: `/userRunStates/${throttled}`, status: 429, retryAfter: 0, times: 1 }]);
    const job = startBulkJob(planBulkEdit(rows, { successDeviceCount: 83 }), { client, scriptKind, scriptId, describe: describeError });
    const changed = duringWait(job, /write limit/, () => graph.changeUserState(scriptId, throttled, { successDeviceCount: 9 }));
    await job.idle();

    expect(changed()).toBe(true);
    expect(graph.userState(scriptId, throttled)?.successDeviceCount).toBe(9);
    expect(job.getState().rows.find((row) => row.id === throttled)?.outcome.kind).toBe('conflict');
    expect(patchesOf(graph, throttled)).toHaveLength(1);
  });

  it('does not send again a write Graph left unanswered once the row shows it landed', async () => {
    const { graph, rows } = seed(5);
    const unanswered = rows[1]?.id ?? '';
    addFaults(graph, [{ method: 'PATCH', path: `/userRunStates/${unanswered}`, status: 502, times: 1 }]);
    const job = startBulkJob(planBulkEdit(rows, { successDeviceCount: 81 }), { client: retrying(graph), scriptKind, scriptId, describe: describeError });
    // As if Graph had applied the write behind its 502.
    const landed = duringWait(job, /temporary problem/, () => graph.changeUserState(scriptId, unanswered, { successDeviceCount: 81 }));
    await job.idle();

    expect(landed()).toBe(true);
    expect(jobProgress(job.getState())).toMatchObject({ saved: 5, conflicts: 0, failed: 0 });
    expect(patchesOf(graph, unanswered)).toHaveLength(1);
  });

  it('reads the rows of a whole batch Graph throttled again before sending it again, and sends only those unchanged', async () => {
    const { graph, rows } = seed(4);
    const changedMeanwhile = rows[0]?.id ?? '';
    // The first $batch is the group's reads; the second, its writes, is throttled as a whole.
    addFaults(graph, [{ method: 'POST', path: '/$batch', status: 429, retryAfter: 1, skip: 1, times: 1 }]);
    const job = startBulkJob(planBulkEdit(rows, { errorDeviceCount: 0, successDeviceCount: 82 }), { client: retrying(graph), scriptKind, scriptId, describe: describeError });
    const changed = duringWait(job, /Graph asked to wait/, () => graph.changeUserState(scriptId, changedMeanwhile, { errorDeviceCount: 6 }));
    await job.idle();

    expect(changed()).toBe(true);
    expect(graph.userState(scriptId, changedMeanwhile)?.errorDeviceCount).toBe(6);
    expect(job.getState().rows.find((row) => row.id === changedMeanwhile)?.outcome.kind).toBe('conflict');
    expect(jobProgress(job.getState())).toMatchObject({ saved: 3, conflicts: 1, failed: 0 });
    for (const row of rows.slice(1)) expect(graph.userState(scriptId, row.id)?.successDeviceCount).toBe(82);
    expect(patchesOf(graph, changedMeanwhile).filter((entry) => entry.status === 200)).toEqual([]);
  });

  it('retries inner 429s after their Retry-After and a 500 with backoff, keeping the other results', async () => {
    const { graph, rows } = seed(25);
    addFaults(graph, [
      { method: 'PATCH', path: '/userRunStates/', status: 429, retryAfter: 1, skip: 2, times: 3 },
      { method: 'PATCH', path: '/userRunStates/', status: 500, skip: 8, times: 1 },
    ]);
    const job = await run(graph, rows, { successDeviceCount: 50 });

    expect(jobProgress(job.getState())).toMatchObject({ saved: 25, failed: 0 });
    for (const row of rows) expect(graph.userState(scriptId, row.id)?.successDeviceCount).toBe(50);
    const { inner } = logged(graph);
    const patches = inner.filter((entry) => entry.method === 'PATCH');
    // 25 rows, 3 throttled and 1 failed once each: 4 sent again, and only those.
    expect(patches).toHaveLength(29);
    const report = graph.emulator.log.retryCompliance();
    expect(report.summary).toMatchObject({ withRetryAfter: 3, retried: 3, violations: 0 });
  });

  it('re-runs only the failed rows on "Retry failed"', async () => {
    const { graph, rows } = seed(5);
    addFaults(graph, [{ method: 'PATCH', path: `/userRunStates/${rows[1]?.id ?? ''}`, status: 400, times: 1 }]);
    const job = await run(graph, rows, { successDeviceCount: 77 });
    expect(job.getState().rows.find((row) => row.id === rows[1]?.id)?.outcome).toMatchObject({ kind: 'failed', requestId: expect.any(String) });

    graph.clearRequests();
    job.retryFailed();
    await job.idle();
    expect(jobProgress(job.getState())).toMatchObject({ saved: 5, failed: 0 });
    const patches = logged(graph).inner.filter((entry) => entry.method === 'PATCH');
    expect(patches.map((entry) => entry.path)).toEqual([expect.stringContaining(`/${rows[1]?.id ?? ''}`)]);
  });

  it('pauses after the batch in flight, resumes where it stopped, and ends unanswered rows as cancelled', async () => {
    const { graph, rows } = seed(50);
    const job = startBulkJob(planBulkEdit(rows, { successDeviceCount: 60 }), { client: retrying(graph), scriptKind, scriptId, describe: describeError });
    job.pause();
    await job.idle();
    const paused = jobProgress(job.getState());
    expect(job.getState().status).toBe('paused');
    expect(paused.saved).toBeLessThanOrEqual(20);
    expect(paused.pending).toBeGreaterThan(0);

    job.resume();
    job.cancel();
    await job.idle();
    const state = job.getState();
    expect(state.status).toBe('cancelled');
    expect(jobProgress(state).pending).toBe(0);
    // Serialisable as it is: what persisting the job needs.
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('takes up a kept job where it stopped: rows written before the reload are saved, not written again', async () => {
    const { graph, rows } = seed(30);
    const plan = planBulkEdit(rows, { errorDeviceCount: 0 });
    const kept = initialJobState(scriptKind, scriptId, plan, Date.now());
    const changing = kept.rows.filter((row) => row.outcome.kind === 'pending');
    const [landed, unsent] = changing;
    if (landed === undefined || unsent === undefined) throw new Error('the plan needs two rows that change');
    // The page went while `landed`'s PATCH was on its way: Graph applied it, the answer never came.
    graph.changeUserState(scriptId, landed.id, landed.changes);
    const state = { ...kept, status: 'paused' as const, runningSince: null, rows: kept.rows.map((row) => (row.id === landed.id ? { ...row, sent: true as const } : row)) };
    sessionStorage.clear();
    expect(keepJob(state, { changeId: 'change-1' }, Date.now())).toBe(true);
    const taken = readKeptJob(scriptKind, scriptId);
    expect(taken?.changeId).toBe('change-1');
    expect(taken?.state).toEqual({ ...state, waiting: null, pausedOffline: false });
    graph.clearRequests();

    const job = runBulkJob(taken?.state ?? state, { client: retrying(graph), scriptKind, scriptId, describe: describeError });
    expect(job.getState().status).toBe('paused');
    job.resume();
    await job.idle();
    expect(jobProgress(job.getState())).toMatchObject({ saved: changing.length, failed: 0, conflicts: 0, pending: 0 });
    const patched = graph.requests.filter((entry) => entry.method === 'PATCH').map((entry) => entry.path.split('/').at(-1));
    expect(patched).not.toContain(landed.id);
    expect(patched).toContain(unsent.id);
    for (const row of changing) expect(graph.userState(scriptId, row.id)?.errorDeviceCount).toBe(0);
  });

  it('keeps a row that failed without an answer from Graph as pending, and one Graph refused as failed', async () => {
    const { rows } = seed(10);
    const kept = initialJobState(scriptKind, scriptId, planBulkEdit(rows, { errorDeviceCount: 0 }), Date.now());
    const [aborted, refused, unchecked] = kept.rows.filter((row) => row.outcome.kind === 'pending');
    if (aborted === undefined || refused === undefined || unchecked === undefined) throw new Error('the plan needs three rows that change');
    const outcomes = new Map([
      // The reload aborted its batch of writes: no answer, no request id.
      [aborted.id, { kind: 'failed' as const, reason: 'Could not reach Microsoft Graph.', requestId: null }],
      [refused.id, { kind: 'failed' as const, reason: 'Forbidden', requestId: 'graph-request-1' }],
      // The connection went while the row was being checked: its PATCH never went out.
      [unchecked.id, { kind: 'failed' as const, reason: 'Could not check the row before saving: Could not reach Microsoft Graph.', requestId: null }],
    ]);
    const sent = (row: JobRow) => (row.id === aborted.id ? { sent: true as const } : {});
    const state = { ...kept, status: 'paused' as const, runningSince: null, rows: kept.rows.map((row) => ({ ...row, ...sent(row), outcome: outcomes.get(row.id) ?? row.outcome })) };
    sessionStorage.clear();
    expect(keepJob(state, { changeId: 'change-1' }, Date.now())).toBe(true);
    const taken = readKeptJob(scriptKind, scriptId)?.state.rows ?? [];
    expect(taken.find((row) => row.id === aborted.id)).toMatchObject({ outcome: { kind: 'pending' }, sent: true });
    // Not sent: finding its target values in Graph on resume would be someone else's change, not a save.
    expect(taken.find((row) => row.id === unchecked.id)).toEqual(expect.objectContaining({ outcome: { kind: 'pending' } }));
    expect(taken.find((row) => row.id === unchecked.id)?.sent).toBeUndefined();
    expect(taken.find((row) => row.id === refused.id)).toMatchObject({ outcome: { kind: 'failed', reason: 'Forbidden', requestId: 'graph-request-1' } });
  });

  it('leaves rows pending and pauses while offline, and goes on when resumed', async () => {
    const { graph, rows } = seed(25);
    let offline = true;
    const job = startBulkJob(planBulkEdit(rows, { successDeviceCount: 61 }), { client: retrying(graph), scriptKind, scriptId, describe: describeError, isOffline: () => offline });
    await job.idle();
    expect(job.getState()).toMatchObject({ status: 'paused', pausedOffline: true });
    expect(jobProgress(job.getState())).toMatchObject({ failed: 0, saved: 0 });
    offline = false;
    job.resume();
    await job.idle();
    expect(jobProgress(job.getState())).toMatchObject({ saved: 25, failed: 0, pending: 0 });
  });
});

