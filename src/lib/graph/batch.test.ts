import * as z from 'zod/mini';
import type { BatchWaitNotice } from './batch-types';
import { createGraphClient } from './graph-client';
import type { TokenRequest } from './graph-request';
import { fakeClock } from '../../testing/fake-clock';

const baseUrl = 'https://graph.example.test/beta';
const stateSchema = z.object({ id: z.string(), errorDeviceCount: z.number() });

interface Inner {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: { errorDeviceCount?: number };
}
interface InnerAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}
type InnerHandler = (inner: Inner, seen: number) => InnerAnswer;

const ok = (inner: Inner): InnerAnswer => ({
  status: 200,
  headers: { 'request-id': `req-${inner.url}`, 'Content-Type': 'application/json' },
  body: { id: inner.url.split('/').pop(), errorDeviceCount: inner.body?.errorDeviceCount ?? 1 },
});
const errorBody = (code: string) => ({ error: { code, message: 'developer text', innerError: { 'request-id': 'req-inner' } } });

/**
 * A stub Graph `$batch`: answers each inner request with `handler` (given how often that url was
 * seen before) and lists the answers in reverse, as Graph may answer in any order. `outer`
 * answers whole requests first (e.g. a 503 of the whole batch).
 */
function stubGraph(handler: InnerHandler = ok, outer: Response[] = []) {
  const batches: Inner[][] = [];
  const seen = new Map<string, number>();
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (request.method !== 'POST' || !request.url.endsWith('/$batch')) throw new Error(`unexpected ${request.method} ${request.url}`);
    const { requests } = (await request.json()) as { requests: Inner[] };
    const early = outer.shift();
    if (early !== undefined) return early;
    batches.push(requests);
    const responses = requests.map((inner) => {
      const count = seen.get(inner.url) ?? 0;
      seen.set(inner.url, count + 1);
      return { id: inner.id, ...handler(inner, count) };
    });
    return new Response(JSON.stringify({ responses: responses.reverse() }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, batches };
}

let crid = 0;
function makeClient(graph: ReturnType<typeof stubGraph>) {
  const tokenRequests: TokenRequest[] = [];
  const time = fakeClock();
  const client = createGraphClient({
    baseUrl,
    fetch: graph.fetch,
    getToken: async (request) => {
      tokenRequests.push(request);
      return `token-${tokenRequests.length}`;
    },
    backoffBaseMs: 4,
    backoffCapMs: 10,
    random: () => 0.5,
    retryLimit: 3,
    createRequestId: () => `crid-${(crid += 1)}`,
    writePacer: null,
    clock: { now: time.now, sleep: time.sleep },
  });
  return { client, tokenRequests, sleeps: time.clock.sleeps };
}

const patch = (id: string, errorDeviceCount = 0) => ({
  method: 'PATCH' as const,
  path: `/states/${id}`,
  body: { errorDeviceCount },
  schema: stateSchema,
});
const get = (id: string) => ({ method: 'GET' as const, path: `/states/${id}`, schema: stateSchema });

describe('Graph client batch', () => {
  it('returns one result per request in the order given, with its request ids', async () => {
    const graph = stubGraph();
    const { client, tokenRequests } = makeClient(graph);
    const results = await client.batch([patch('a', 5), get('b'), patch('c', 7)]);
    expect(results.map((result) => (result.ok ? result.body : null))).toEqual([
      { id: 'a', errorDeviceCount: 5 },
      { id: 'b', errorDeviceCount: 1 },
      { id: 'c', errorDeviceCount: 7 },
    ]);
    expect(results[0]).toMatchObject({ ok: true, status: 200, requestId: 'req-/states/a' });
    // Each inner request carries its own client-request-id, and the result reports it.
    const sent = graph.batches[0] ?? [];
    expect(sent.map((inner) => inner.headers['client-request-id'])).toEqual(results.map((result) => (result.ok ? result.clientRequestId : null)));
    expect(new Set(sent.map((inner) => inner.headers['client-request-id'])).size).toBe(3);
    expect(sent[0]).toMatchObject({ method: 'PATCH', url: '/states/a', headers: { 'Content-Type': 'application/json' }, body: { errorDeviceCount: 5 } });
    expect(sent[1]?.headers['Content-Type']).toBeUndefined();
    expect(tokenRequests).toEqual([{ write: true, forceRefresh: false }]);
  });

  it('splits more than 20 requests into batches of at most 20', async () => {
    const graph = stubGraph();
    const { client, tokenRequests } = makeClient(graph);
    const ids = Array.from({ length: 45 }, (_, index) => `s${index}`);
    const results = await client.batch(ids.map((id) => get(id)));
    expect(graph.batches.map((sent) => sent.length)).toEqual([20, 20, 5]);
    expect(results.map((result) => (result.ok ? result.body.id : null))).toEqual(ids);
    expect(tokenRequests.every((request) => !request.write)).toBe(true);
  });

  it('retries inner 429s after their own Retry-After, together, and keeps the other results', async () => {
    const notices: BatchWaitNotice[] = [];
    const graph = stubGraph((inner, seen) =>
      (inner.url === '/states/b' || inner.url === '/states/d') && seen === 0
        ? { status: 429, headers: { 'Retry-After': '0.05' }, body: errorBody('TooManyRequests') }
        : ok(inner),
    );
    const { client, sleeps } = makeClient(graph);
    const results = await client.batch(['a', 'b', 'c', 'd'].map((id) => patch(id, 0)), { onWait: (notice) => notices.push(notice) });
    expect(sleeps).toEqual([50]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(graph.batches.map((sent) => sent.map((inner) => inner.url))).toEqual([
      ['/states/a', '/states/b', '/states/c', '/states/d'],
      ['/states/b', '/states/d'],
    ]);
    // The retry keeps each request's client-request-id, so Graph's logs tie the attempts together.
    expect(graph.batches[1]?.map((inner) => inner.headers['client-request-id'])).toEqual(
      [1, 3].map((index) => graph.batches[0]?.[index]?.headers['client-request-id']),
    );
    expect(notices).toEqual([{ reason: 'retry-after', delayMs: 50, requests: 2, status: 429 }]);
  });

  it('backs off with jitter when an inner 429 has no Retry-After, and retries inner 5xx', async () => {
    const notices: BatchWaitNotice[] = [];
    const graph = stubGraph((inner, seen) => {
      if (inner.url === '/states/a' && seen < 2) return { status: 429, body: errorBody('TooManyRequests') };
      if (inner.url === '/states/b' && seen === 0) return { status: 500, body: errorBody('InternalServerError') };
      return ok(inner);
    });
    const { client, sleeps } = makeClient(graph);
    const results = await client.batch([patch('a'), patch('b'), patch('c')], { onWait: (notice) => notices.push(notice) });
    expect(results.every((result) => result.ok)).toBe(true);
    expect(graph.batches.map((sent) => sent.map((inner) => inner.url))).toEqual([
      ['/states/a', '/states/b', '/states/c'],
      ['/states/a', '/states/b'],
      ['/states/a'],
    ]);
    // base 4 ms doubling, capped at 10 ms; half the step fixed plus random() * half: 3 ms, then 6 ms.
    // The 5xx of b waits with a's first 429 (its backoff is the same 3 ms), not on its own.
    expect(notices.map((notice) => [notice.reason, notice.status, notice.delayMs])).toEqual([
      ['backoff', 429, 3],
      ['backoff', 429, 6],
    ]);
    expect(sleeps).toEqual([3, 6]);
  });

  it('reports a failed item with its Graph error while the others succeed, without retrying it', async () => {
    const graph = stubGraph((inner) => {
      if (inner.url === '/states/missing') return { status: 404, headers: { 'request-id': 'req-404' }, body: errorBody('ResourceNotFound') };
      if (inner.url === '/states/bad') return { status: 400, body: errorBody('BadRequest') };
      return ok(inner);
    });
    const { client } = makeClient(graph);
    const results = await client.batch([patch('a'), patch('missing'), patch('bad', -1), patch('d')]);
    expect(results.map((result) => result.ok)).toEqual([true, false, false, true]);
    expect(results[1]).toMatchObject({
      ok: false,
      error: { status: 404, code: 'ResourceNotFound', requestId: 'req-404', clientRequestId: graph.batches[0]?.[1]?.headers['client-request-id'] },
    });
    expect(results[2]).toMatchObject({ ok: false, error: { status: 400, code: 'BadRequest', requestId: 'req-inner' } });
    expect(graph.batches).toHaveLength(1);
  });

  it('marks a refused inner write as a write, so a 403 names the write permission, and a refused read as a read', async () => {
    const graph = stubGraph(() => ({ status: 403, body: errorBody('Forbidden') }));
    const { client } = makeClient(graph);
    const [write, read] = await client.batch([patch('a'), get('b')]);
    expect(write).toMatchObject({ ok: false, error: { status: 403, write: true } });
    expect(read).toMatchObject({ ok: false, error: { status: 403, write: false } });
  });

  it('gives an inner 429 up after the retry limit, with its Retry-After', async () => {
    const graph = stubGraph(() => ({ status: 429, headers: { 'Retry-After': '0' }, body: errorBody('TooManyRequests') }));
    const { client } = makeClient(graph);
    const [result] = await client.batch([patch('a')]);
    expect(result).toMatchObject({ ok: false, error: { status: 429, code: 'TooManyRequests', retryAfterSeconds: 0 } });
    expect(graph.batches).toHaveLength(4);
  });

  it('rejects an item whose answer has the wrong shape', async () => {
    const graph = stubGraph(() => ({ status: 200, body: { nope: true } }));
    const { client } = makeClient(graph);
    const [result] = await client.batch([get('a')]);
    expect(result).toMatchObject({ ok: false, error: { code: 'UnexpectedResponse' } });
  });

  it('retries a whole-batch 503 as a single request would, and renews the token once on 401', async () => {
    const json = (status: number, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify(errorBody('Whole')), { status, headers: { 'content-type': 'application/json', ...headers } });
    const graph = stubGraph(ok, [json(503, { 'retry-after': '0' }), json(401)]);
    const { client, tokenRequests } = makeClient(graph);
    const results = await client.batch([patch('a'), patch('b')]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(graph.batches).toHaveLength(1);
    expect(tokenRequests).toEqual([
      { write: true, forceRefresh: false },
      { write: true, forceRefresh: true },
    ]);
  });

  it('sends inner 401s again once, with a fresh token, and fails them only if Graph refuses that too', async () => {
    const graph = stubGraph((inner, seen) =>
      (inner.url === '/states/b' && seen === 0) || inner.url === '/states/c' ? { status: 401, body: errorBody('InvalidAuthenticationToken') } : ok(inner),
    );
    const { client, tokenRequests } = makeClient(graph);
    const results = await client.batch(['a', 'b', 'c'].map((id) => patch(id, 0)));
    expect(results.map((result) => result.ok)).toEqual([true, true, false]);
    expect(graph.batches.map((sent) => sent.map((inner) => inner.url))).toEqual([
      ['/states/a', '/states/b', '/states/c'],
      ['/states/b', '/states/c'],
    ]);
    expect(tokenRequests).toEqual([
      { write: true, forceRefresh: false },
      { write: true, forceRefresh: true },
    ]);
  });

  it('fails every item of a batch that Graph kept refusing as a whole', async () => {
    const refusals = Array.from({ length: 4 }, () => new Response(JSON.stringify(errorBody('Down')), { status: 500 }));
    const graph = stubGraph(ok, refusals);
    const { client } = makeClient(graph);
    const results = await client.batch([patch('a'), patch('b')]);
    expect(results).toMatchObject([
      { ok: false, error: { status: 500, code: 'Down' } },
      { ok: false, error: { status: 500, code: 'Down' } },
    ]);
  });

  it('can be cancelled while waiting for an inner Retry-After', async () => {
    const controller = new AbortController();
    const graph = stubGraph((inner) =>
      inner.url === '/states/b' ? { status: 429, headers: { 'Retry-After': '30' }, body: errorBody('TooManyRequests') } : ok(inner),
    );
    const { client } = makeClient(graph);
    const settled: number[] = [];
    const result = client.batch([patch('a'), patch('b')], {
      signal: controller.signal,
      onResult: (index) => settled.push(index),
      onWait: () => controller.abort(),
    });
    await expect(result).rejects.toMatchObject({ code: 'Cancelled' });
    // What was saved before the cancel was reported.
    expect(settled).toEqual([0]);
    expect(graph.batches).toHaveLength(1);
  });
});
