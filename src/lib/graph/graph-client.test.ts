import * as z from 'zod/mini';
import { createGraphClient, type ReadWaitReporter } from './graph-client';
import type { RetryNotice, TokenRequest } from './graph-request';
import { GraphError } from './graph-error';
import { createWritePacer } from './write-pacer';

const baseUrl = 'https://graph.example.test/beta';
const itemSchema = z.object({ id: z.string() });

interface Call {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function graphErrorBody(code: string, message = 'developer text') {
  return { error: { code, message, innerError: { 'request-id': 'req-from-body', date: '2026-01-01T00:00:00' } } };
}

/** A stub fetch that answers from a queue and records what was sent. */
function stubFetch(answers: Array<Response | Error | (() => Response)>) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    calls.push({ url: request.url, method: request.method, headers: request.headers, body: await request.text() });
    const next = answers.shift();
    if (next === undefined) throw new Error('unexpected request');
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next() : next;
  };
  return { fetch, calls };
}

function makeClient(
  answers: Array<Response | Error | (() => Response)>,
  extra: { retryLimit?: number; readWaits?: ReadWaitReporter } = {},
) {
  const stub = stubFetch(answers);
  const tokenRequests: TokenRequest[] = [];
  let tokenNumber = 0;
  const client = createGraphClient({
    baseUrl,
    fetch: stub.fetch,
    getToken: async (request) => {
      tokenRequests.push(request);
      tokenNumber += 1;
      return `token-${tokenNumber}`;
    },
    backoffBaseMs: 4,
    backoffCapMs: 10,
    random: () => 0.5,
    retryLimit: extra.retryLimit ?? 3,
    createRequestId: () => 'crid-1',
    ...(extra.readWaits ? { readWaits: extra.readWaits } : {}),
  });
  return { client, calls: stub.calls, tokenRequests };
}

describe('Graph client', () => {
  it('sends the bearer token, a client-request-id and Accept, and parses the answer', async () => {
    const { client, calls, tokenRequests } = makeClient([json({ id: 'a' })]);
    await expect(client.get('/things/a', itemSchema)).resolves.toEqual({ id: 'a' });
    expect(calls[0]?.url).toBe(`${baseUrl}/things/a`);
    expect(calls[0]?.headers.get('authorization')).toBe('Bearer token-1');
    expect(calls[0]?.headers.get('client-request-id')).toBe('crid-1');
    expect(calls[0]?.headers.get('accept')).toBe('application/json');
    expect(tokenRequests).toEqual([{ write: false, forceRefresh: false }]);
  });

  it('tells the caller which request Graph answered', async () => {
    const { client } = makeClient([json({ id: 'a' }, 200, { 'request-id': 'req-7' })]);
    const answers: unknown[] = [];
    await client.patch('/things/a', {}, itemSchema, { onAnswer: (ids) => answers.push(ids) });
    expect(answers).toEqual([{ requestId: 'req-7', clientRequestId: 'crid-1' }]);
  });

  it('PATCHes JSON with a write token', async () => {
    const { client, calls, tokenRequests } = makeClient([json({ id: 'a' })]);
    await client.patch('/things/a', { errorDeviceCount: 3 }, itemSchema);
    expect(calls[0]?.method).toBe('PATCH');
    expect(calls[0]?.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ errorDeviceCount: 3 });
    expect(tokenRequests[0]).toEqual({ write: true, forceRefresh: false });
  });

  it('turns a Graph error envelope into a typed GraphError with the ids', async () => {
    const { client } = makeClient([
      json(graphErrorBody('ResourceNotFound'), 404, { 'request-id': 'req-1', 'client-request-id': 'crid-1' }),
    ]);
    const error = await client.get('/things/x', itemSchema).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({
      status: 404,
      code: 'ResourceNotFound',
      message: 'developer text',
      requestId: 'req-1',
      clientRequestId: 'crid-1',
    });
    expect(String((error as GraphError).message)).not.toContain('token');
  });

  it('falls back to the request id inside innerError and to the status when the body is not JSON', async () => {
    const { client } = makeClient([json(graphErrorBody('BadRequest'), 400), new Response('<html>', { status: 418 })]);
    await expect(client.get('/a', itemSchema)).rejects.toMatchObject({ code: 'BadRequest', requestId: 'req-from-body' });
    await expect(client.get('/b', itemSchema)).rejects.toMatchObject({ status: 418, code: 'Http418', requestId: null });
  });

  it('waits Retry-After on 429, tells the UI first, and keeps the client-request-id across retries', async () => {
    const notices: RetryNotice[] = [];
    const { client, calls } = makeClient([
      json(graphErrorBody('TooManyRequests'), 429, { 'retry-after': '0.05' }),
      json({ id: 'a' }),
    ]);
    const started = performance.now();
    await client.patch('/a', { successDeviceCount: 1 }, itemSchema, { onRetry: (notice) => notices.push(notice) });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(notices).toEqual([{ attempt: 1, delayMs: 50, status: 429 }]);
    expect(calls.map((call) => call.headers.get('client-request-id'))).toEqual(['crid-1', 'crid-1']);
    expect(calls.map((call) => call.method)).toEqual(['PATCH', 'PATCH']);
    expect(calls[1]?.body).toBe(calls[0]?.body);
  });

  it('backs off exponentially with jitter when 429 or 503 come without Retry-After', async () => {
    const notices: RetryNotice[] = [];
    const { client } = makeClient([
      json(graphErrorBody('TooManyRequests'), 429),
      json(graphErrorBody('ServiceUnavailable'), 503),
      json(graphErrorBody('ServiceUnavailable'), 503),
      json({ id: 'a' }),
    ]);
    await client.get('/a', itemSchema, { onRetry: (notice) => notices.push(notice) });
    // base 4 ms doubling, capped at 10 ms; jitter keeps half the step and adds random() * half.
    expect(notices).toEqual([
      { attempt: 1, delayMs: 3, status: 429 },
      { attempt: 2, delayMs: 6, status: 503 },
      { attempt: 3, delayMs: 8, status: 503 },
    ]);
  });

  it.each([500, 502, 504])('retries %i for GET', async (status) => {
    const { client, calls } = makeClient([json(graphErrorBody('Transient'), status), json({ id: 'a' })]);
    await expect(client.get('/a', itemSchema)).resolves.toEqual({ id: 'a' });
    expect(calls).toHaveLength(2);
  });

  /** The read waits a client reported, in order. */
  function recordReadWaits() {
    const events: Array<['waiting', string, RetryNotice] | ['settled', string]> = [];
    const readWaits: ReadWaitReporter = {
      waiting: (id, notice) => events.push(['waiting', id, notice]),
      settled: (id) => events.push(['settled', id]),
    };
    return { events, readWaits };
  }

  it('reports a read held back for a retry to the shell, and that it settled, answered or not', async () => {
    const { events, readWaits } = recordReadWaits();
    const throttled = makeClient([json(graphErrorBody('TooManyRequests'), 429, { 'retry-after': '0.01' }), json({ id: 'a' })], {
      readWaits,
    });
    await throttled.client.get('/a', itemSchema);
    expect(events).toEqual([['waiting', 'crid-1', { attempt: 1, delayMs: 10, status: 429 }], ['settled', 'crid-1']]);

    events.length = 0;
    const down = makeClient([json(graphErrorBody('A'), 503), json(graphErrorBody('B'), 503)], { retryLimit: 1, readWaits });
    await expect(down.client.get('/a', itemSchema)).rejects.toMatchObject({ code: 'B' });
    expect(events.map(([event]) => event)).toEqual(['waiting', 'settled']);
  });

  it('leaves a read whose caller shows its own retries, and every write, to their callers', async () => {
    const { events, readWaits } = recordReadWaits();
    const { client } = makeClient(
      [json(graphErrorBody('T'), 429, { 'retry-after': '0.01' }), json({ id: 'a' }), json(graphErrorBody('T'), 429, { 'retry-after': '0.01' }), json({ id: 'a' })],
      { readWaits },
    );
    const notices: RetryNotice[] = [];
    await client.get('/a', itemSchema, { onRetry: (notice) => notices.push(notice) });
    await client.patch('/a', {}, itemSchema);
    expect(notices).toHaveLength(1);
    expect(events.filter(([event]) => event === 'waiting')).toEqual([]);
  });

  it('says before a PATCH waits for a free slot under the write limit, before anything is sent', async () => {
    const stub = stubFetch([json({ id: 'a' }), json({ id: 'a' })]);
    const writePacer = createWritePacer({ limit: 1, windowMs: 60, storage: null, locks: null, key: 'write-limit-wait' });
    const client = createGraphClient({ baseUrl, fetch: stub.fetch, getToken: async () => 'token', writePacer });
    const waits: Array<{ delayMs: number; sent: number }> = [];
    const onWriteLimitWait = (delayMs: number) => waits.push({ delayMs, sent: stub.calls.length });
    await client.patch('/a', {}, itemSchema, { onWriteLimitWait });
    expect(waits).toEqual([]);
    await client.patch('/a', {}, itemSchema, { onWriteLimitWait });
    expect(waits).toHaveLength(1);
    expect(waits[0]?.delayMs).toBeGreaterThan(0);
    expect(waits[0]?.sent).toBe(1);
    expect(stub.calls).toHaveLength(2);
  });

  it('retries a dropped connection', async () => {
    const notices: RetryNotice[] = [];
    const { client, calls } = makeClient([new TypeError('Failed to fetch'), json({ id: 'a' })]);
    await expect(client.patch('/a', {}, itemSchema, { onRetry: (notice) => notices.push(notice) })).resolves.toEqual({
      id: 'a',
    });
    expect(calls).toHaveLength(2);
    expect(notices[0]?.status).toBeNull();
  });

  it('gives up after the retry limit with the last Graph error', async () => {
    const { client, calls } = makeClient(
      [json(graphErrorBody('A'), 503), json(graphErrorBody('B'), 503), json(graphErrorBody('C'), 503)],
      { retryLimit: 2 },
    );
    await expect(client.get('/a', itemSchema)).rejects.toMatchObject({ status: 503, code: 'C' });
    expect(calls).toHaveLength(3);
  });

  it('reports a network failure after the retries as a NetworkError', async () => {
    const { client } = makeClient([new TypeError('x'), new TypeError('x')], { retryLimit: 1 });
    await expect(client.get('/a', itemSchema)).rejects.toMatchObject({ status: 0, code: 'NetworkError' });
  });

  it.each([400, 403, 404, 409, 412])('does not retry %i', async (status) => {
    const { client, calls } = makeClient([json(graphErrorBody('No'), status)]);
    await expect(client.get('/a', itemSchema)).rejects.toMatchObject({ status });
    expect(calls).toHaveLength(1);
  });

  it('marks a refused PATCH as a write, so the UI names the write permission', async () => {
    const read = makeClient([json(graphErrorBody('Forbidden'), 403)]);
    await expect(read.client.get('/a', itemSchema)).rejects.toMatchObject({ status: 403, write: false });
    const write = makeClient([json(graphErrorBody('Forbidden'), 403)]);
    await expect(write.client.patch('/a', { errorDeviceCount: 1 }, itemSchema)).rejects.toMatchObject({ status: 403, write: true });
  });

  it('renews the token once on 401 and repeats the request', async () => {
    const { client, calls, tokenRequests } = makeClient([
      json(graphErrorBody('InvalidAuthenticationToken'), 401),
      json({ id: 'a' }),
    ]);
    await expect(client.patch('/a', { errorDeviceCount: 1 }, itemSchema)).resolves.toEqual({ id: 'a' });
    expect(tokenRequests).toEqual([
      { write: true, forceRefresh: false },
      { write: true, forceRefresh: true },
    ]);
    expect(calls.map((call) => call.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('gives up after a second 401', async () => {
    const { client, calls } = makeClient([
      json(graphErrorBody('InvalidAuthenticationToken'), 401),
      json(graphErrorBody('InvalidAuthenticationToken'), 401),
    ]);
    await expect(client.get('/a', itemSchema)).rejects.toMatchObject({ status: 401 });
    expect(calls).toHaveLength(2);
  });

  it('can be cancelled while waiting to retry', async () => {
    const controller = new AbortController();
    const { client } = makeClient([json(graphErrorBody('TooManyRequests'), 429, { 'retry-after': '30' })]);
    const result = client.get('/a', itemSchema, {
      signal: controller.signal,
      onRetry: () => controller.abort(),
    });
    await expect(result).rejects.toMatchObject({ code: 'Cancelled' });
  });

  it.each([
    ['a 500', () => json(graphErrorBody('InternalServerError'), 500), true],
    ['no answer', () => new TypeError('Failed to fetch'), true],
    ['a 429', () => json(graphErrorBody('TooManyRequests'), 429, { 'retry-after': '30' }), false],
  ])('says whether a write cancelled while waiting to be retried after %s may have landed', async (_name, answer, unconfirmed) => {
    const controller = new AbortController();
    const { client } = makeClient([answer()]);
    const result = client.patch('/a', { errorDeviceCount: 1 }, itemSchema, { signal: controller.signal, onRetry: () => controller.abort() });
    await expect(result).rejects.toMatchObject({ code: 'Cancelled', write: true, unconfirmedWrite: unconfirmed });
  });

  it('says that a write that failed without an answer or with a 502 may have landed, and a read never', async () => {
    const network = makeClient([new TypeError('x'), new TypeError('x')], { retryLimit: 1 });
    await expect(network.client.patch('/a', { errorDeviceCount: 1 }, itemSchema)).rejects.toMatchObject({ code: 'NetworkError', unconfirmedWrite: true });
    const gateway = makeClient([json(graphErrorBody('BadGateway'), 502), json(graphErrorBody('BadGateway'), 502)], { retryLimit: 1 });
    await expect(gateway.client.patch('/a', { errorDeviceCount: 1 }, itemSchema)).rejects.toMatchObject({ status: 502, unconfirmedWrite: true });
    const refused = makeClient([json(graphErrorBody('BadRequest'), 400)]);
    await expect(refused.client.patch('/a', { errorDeviceCount: 1 }, itemSchema)).rejects.toMatchObject({ status: 400, unconfirmedWrite: false });
    const read = makeClient([new TypeError('x'), new TypeError('x')], { retryLimit: 1 });
    await expect(read.client.get('/a', itemSchema)).rejects.toMatchObject({ code: 'NetworkError', unconfirmedWrite: false });
  });

  it('rejects an answer of the wrong shape', async () => {
    const { client } = makeClient([json({ nope: true })]);
    await expect(client.get('/a', itemSchema)).rejects.toMatchObject({ code: 'UnexpectedResponse' });
  });

  it('follows @odata.nextLink verbatim and reports @odata.count', async () => {
    const nextLink = `${baseUrl}/things?$top=2&$skiptoken=Skip%3D'2'&$count=true`;
    const { client, calls } = makeClient([
      json({ value: [{ id: '1' }, { id: '2' }], '@odata.count': 3, '@odata.nextLink': nextLink }),
      json({ value: [{ id: '3' }] }),
    ]);
    const pages = [];
    for await (const page of client.pages('/things?$top=2&$count=true', itemSchema)) pages.push(page);
    expect(pages.map((page) => page.items.map((item) => item.id))).toEqual([['1', '2'], ['3']]);
    expect(pages[0]?.count).toBe(3);
    // Only what fetch itself normalises (the WHATWG URL parser) differs from the link as given.
    expect(calls[1]?.url).toBe(new URL(nextLink).href);
  });

  it('names the page of a malformed item by its request ids', async () => {
    const { client } = makeClient([json({ value: [{ id: '1' }, { id: 2 }] }, 200, { 'request-id': 'req-page' })]);
    const iterate = async () => {
      for await (const _page of client.pages('/things', itemSchema)) {
        // drain
      }
    };
    await expect(iterate()).rejects.toMatchObject({
      code: 'UnexpectedResponse',
      requestId: 'req-page',
      clientRequestId: 'crid-1',
    });
  });

  it('never sends the token to a host other than Graph', async () => {
    const { client, calls } = makeClient([
      json({ value: [], '@odata.nextLink': 'https://evil.example.test/steal' }),
    ]);
    const iterate = async () => {
      for await (const _page of client.pages('/things', itemSchema)) {
        // drain
      }
    };
    await expect(iterate()).rejects.toMatchObject({ code: 'UntrustedNextLink' });
    expect(calls).toHaveLength(1);
  });
});
