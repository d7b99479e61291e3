import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEmulator, type Emulator } from '../../emulator/app.ts';
import { ACCOUNTS, KNOWN_USER_STATES, MAIN_SCRIPT_ID, MAIN_SCRIPT_USER_STATES } from '../../emulator/constants.ts';
import { signIn } from '../../emulator/testing/sign-in.ts';
import { useSignedInEmulator } from '../../emulator/testing/signed-in-emulator.ts';
import type { BatchRequest, BatchWaitNotice } from '../../src/lib/graph/batch-types.ts';
import { createGraphClient } from '../../src/lib/graph/graph-client.ts';
import { createWritePacer, type WritePacer } from '../../src/lib/graph/write-pacer.ts';

// The dashboard's Graph client `batch` against the in-process emulator's `$batch`.
const origin = 'http://localhost:5174';
const states = `/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates`;
const stateSchema = z.object({ id: z.string(), errorDeviceCount: z.number(), successDeviceCount: z.number() });

let emulator: Emulator;
let token: string;
useSignedInEmulator((created, adminToken) => {
  emulator = created;
  token = adminToken;
});

type Fetch = typeof globalThis.fetch;
const toRequest = (input: RequestInfo | URL, init?: RequestInit) => (input instanceof Request ? input : new Request(input, init));

/** The emulator answers a batch in request order; Graph may not, so this turns the answers round. */
function reversing(target: Emulator): Fetch {
  return async (input, init) => {
    const response = await target.fetch(toRequest(input, init));
    if (!toRequest(input, init).url.endsWith('/$batch') || response.status !== 200) return response;
    const body = (await response.json()) as { responses: unknown[] };
    return new Response(JSON.stringify({ responses: body.responses.reverse() }), { status: 200, headers: response.headers });
  };
}

function client(target: Emulator, accessToken: string, writePacer: WritePacer | null = null) {
  return createGraphClient({
    baseUrl: `${origin}/beta`,
    fetch: reversing(target),
    getToken: async () => accessToken,
    backoffBaseMs: 5,
    backoffCapMs: 20,
    writePacer,
  });
}

const patch = (id: string, body: Record<string, unknown>): BatchRequest<z.infer<typeof stateSchema>> => ({
  method: 'PATCH',
  path: `${states}/${id}`,
  body,
  schema: stateSchema,
});

async function putFaults(rules: unknown[]): Promise<void> {
  const response = await emulator.fetch(new Request(`${origin}/_emulator/faults`, { method: 'PUT', body: JSON.stringify({ rules }) }));
  expect(response.status).toBe(200);
}

const innerWrites = (target: Emulator) => target.log.list().filter((entry) => entry.batch && entry.method === 'PATCH');
const outerBatches = (target: Emulator) => target.log.list().filter((entry) => !entry.batch && entry.path.endsWith('/$batch'));

describe('Graph client batch against the emulator', () => {
  it('returns results in the order given, a failed item beside saved ones, with the ids Graph logged', async () => {
    const { first, second, third } = KNOWN_USER_STATES;
    const results = await client(emulator, token).batch([
      patch(first.id, { errorDeviceCount: 0, successDeviceCount: 9 }),
      patch('00000000-0000-0000-0000-000000000000', { errorDeviceCount: 0 }),
      patch(second.id, { errorDeviceCount: -1 }),
      { method: 'GET', path: `${states}/${third.id}`, schema: stateSchema },
    ]);
    expect(results.map((result) => (result.ok ? result.body.id : result.error.status))).toEqual([first.id, 404, 400, third.id]);
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'ResourceNotFound' } });
    expect(emulator.store.getUserState(MAIN_SCRIPT_ID, first.id)?.successDeviceCount).toBe(9);
    expect(emulator.store.getUserState(MAIN_SCRIPT_ID, second.id)?.errorDeviceCount).toBe(second.errorDeviceCount);
    // Each result names the inner request the emulator logged, by both ids.
    const logged = emulator.log.list().filter((entry) => entry.batch);
    for (const result of results) {
      const ids = result.ok ? result : result.error;
      expect(logged.some((entry) => entry.requestId === ids.requestId && entry.clientRequestId === ids.clientRequestId)).toBe(true);
    }
  });

  it('sends more than 20 requests as batches of at most 20', async () => {
    await client(emulator, token).batch(MAIN_SCRIPT_USER_STATES.map((state) => patch(state.id, { errorDeviceCount: 0 })).slice(0, 25));
    const perBatch = new Map<string, number>();
    for (const entry of innerWrites(emulator)) perBatch.set(entry.batch?.requestId ?? '', (perBatch.get(entry.batch?.requestId ?? '') ?? 0) + 1);
    expect([...perBatch.values()]).toEqual([20, 5]);
    expect(outerBatches(emulator)).toHaveLength(2);
  });

  it('retries inner 429s (with and without Retry-After) and a 500 until every write is saved, honouring each wait', async () => {
    const { first, second, third } = KNOWN_USER_STATES;
    await putFaults([
      { method: 'PATCH', path: `/userRunStates/${first.id}`, status: 429, retryAfter: 1 },
      { method: 'PATCH', path: `/userRunStates/${second.id}`, status: 429, retryAfter: null },
      { method: 'PATCH', path: `/userRunStates/${third.id}`, status: 500 },
    ]);
    const notices: BatchWaitNotice[] = [];
    const targets = MAIN_SCRIPT_USER_STATES.slice(0, 5);
    const results = await client(emulator, token).batch(
      targets.map((state) => patch(state.id, { errorDeviceCount: 0 })),
      { onWait: (notice) => notices.push(notice) },
    );
    expect(results.every((result) => result.ok)).toBe(true);
    for (const state of targets) expect(emulator.store.getUserState(MAIN_SCRIPT_ID, state.id)?.errorDeviceCount).toBe(0);
    // Each faulted write was sent again, the others only once.
    expect(innerWrites(emulator).map((entry) => entry.status)).toEqual([429, 429, 500, 200, 200, 200, 200, 200]);
    const report = emulator.log.retryCompliance();
    expect(report.summary).toMatchObject({ withRetryAfter: 1, retried: 1, compliant: 1, violations: 0 });
    expect(notices.some((notice) => notice.reason === 'retry-after' && notice.status === 429)).toBe(true);
  });

  it('retries a whole-batch 503', async () => {
    await putFaults([{ path: '/$batch', status: 503, retryAfter: 0 }]);
    const results = await client(emulator, token).batch([patch(KNOWN_USER_STATES.first.id, { errorDeviceCount: 0 })]);
    expect(results[0]?.ok).toBe(true);
    expect(outerBatches(emulator).map((entry) => entry.status)).toEqual([503, 200]);
  });

  it('stops when cancelled, and the emulator applies nothing it had not received', async () => {
    await putFaults([{ path: '/$batch', latencyMs: 10_000 }]);
    const controller = new AbortController();
    const running = client(emulator, token).batch([patch(KNOWN_USER_STATES.first.id, { successDeviceCount: 42 })], { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(running).rejects.toMatchObject({ code: 'Cancelled' });
    expect(emulator.store.getUserState(MAIN_SCRIPT_ID, KNOWN_USER_STATES.first.id)?.successDeviceCount).toBe(KNOWN_USER_STATES.first.successDeviceCount);
  });

  it('holds the pace under the write limit: no inner 429 where an unpaced run gets them', async () => {
    // A 1 s window of 10 writes stands for Intune's 20 s window of 200, so the test waits ~2 s.
    const limited = await createEmulator({ bigScriptSize: 0, throttle: { windowSeconds: 1, writesPerApp: 10, writesPerTenant: 100 } });
    try {
      const limitedToken = (await signIn((request) => limited.fetch(request), { upn: ACCOUNTS.admin.upn })).accessToken;
      const writes = MAIN_SCRIPT_USER_STATES.slice(0, 30).map((state) => patch(state.id, { errorDeviceCount: 0 }));
      const pacer = createWritePacer({ limit: 10, windowMs: 1000, storage: null, locks: null, key: 'graph-batch-test' });
      const started = performance.now();
      const results = await client(limited, limitedToken, pacer).batch(writes);
      expect(results.every((result) => result.ok)).toBe(true);
      expect(innerWrites(limited).map((entry) => entry.status).filter((status) => status !== 200)).toEqual([]);
      expect(performance.now() - started).toBeGreaterThanOrEqual(2000);

      await limited.reset();
      await client(limited, limitedToken, null).batch(writes.slice(0, 20));
      expect(innerWrites(limited).some((entry) => entry.status === 429)).toBe(true);
    } finally {
      await limited.close();
    }
  });
});
