/**
 * JSON batching (https://learn.microsoft.com/graph/json-batching): many GETs and PATCHes in
 * `POST /$batch` requests of at most 20, each inner request answered — and throttled — on its own.
 * The outer request goes through the client's single-request path (ky's retries, token renewal);
 * this file retries the inner requests, which Graph and its SDKs leave to the caller.
 * Its contract (requests, results, options) is in batch-types.ts. See docs/decisions/009-batch-and-write-pacing.md.
 */
import { backoffDelayMs } from './backoff';
import { batchEnvelopeSchema, innerError, wireRequest, type WireResponse } from './batch-wire';
import { maxBatchRequests, type BatchOptions, type BatchRequest, type BatchResult, type BatchTransport, type BatchWaitNotice } from './batch-types';
import { cancelledErrorCode, GraphError, parseRetryAfter } from './graph-error';
import { abortableSleep } from './write-pacer';

/** Thrown from the outer request's retry hook: send the batch again without these requests. */
class ResendWithout extends Error {
  constructor(readonly settled: ReadonlySet<number>) {
    super('Some requests were settled before the batch was sent again.');
  }
}

// Inside a batch, as outside: 429 (and 503) say how long to wait; 500/502/504 are transient.
const retryAfterStatuses = new Set([429, 503]);
const transientStatuses = new Set([500, 502, 504]);

interface Pending<T> {
  index: number;
  request: BatchRequest<T>;
  clientRequestId: string;
  retries: number;
  /** Sent again once with a fresh token after Graph answered it 401. */
  renewed: boolean;
  readyAt: number;
  /** Why it waits, for the notice. */
  heldBy: { reason: BatchWaitNotice['reason']; status: number | null };
  /** A PATCH sent before whose row the caller checks again before it is sent again (`beforeResend`). */
  checkBeforeSending: boolean;
}

function cancelled(): GraphError {
  return new GraphError({ status: 0, code: cancelledErrorCode, message: 'The request was cancelled.' });
}

export async function runBatch<T>(
  transport: BatchTransport,
  requests: readonly BatchRequest<T>[],
  options: BatchOptions<T> = {},
): Promise<BatchResult<T>[]> {
  const now = transport.now ?? (() => Date.now());
  const sleep = transport.sleep ?? abortableSleep;
  const { signal } = options;
  const results: (BatchResult<T> | undefined)[] = requests.map(() => undefined);
  // One client-request-id per inner request, kept across its retries.
  let pending: Pending<T>[] = requests.map((request, index) => ({
    index,
    request,
    clientRequestId: transport.createRequestId(),
    retries: 0,
    renewed: false,
    readyAt: 0,
    heldBy: { reason: 'backoff', status: null },
    checkBeforeSending: false,
  }));

  const settle = (item: Pending<T>, result: BatchResult<T>) => {
    results[item.index] = result;
    options.onResult?.(item.index, result);
  };
  const wait = async (notice: BatchWaitNotice) => {
    options.onWait?.(notice);
    await sleep(notice.delayMs, signal);
  };

  let slotsTakenLeft = options.slotsTaken ?? 0;
  const checkBeforeOuterResend = async (chunk: readonly Pending<T>[]) => {
    const patches = chunk.filter((item) => item.request.method === 'PATCH').map((item) => item.index);
    const settledByCaller = (await options.beforeResend?.(patches)) ?? new Set<number>();
    if (settledByCaller.size > 0) throw new ResendWithout(settledByCaller);
  };
  // A timer can fire a moment before the clock reads its deadline: what was waited for is due.
  let waitedUntil = 0;
  // An inner 401: the token expired (or was revoked) after Graph accepted the batch. The next
  // request asks for a fresh one, which is also how an expired session reaches interactive sign-in.
  let renewToken = false;
  try {
    while (pending.length > 0) {
      signal?.throwIfAborted();
      const at = Math.max(now(), waitedUntil);
      const ready = pending.filter((item) => item.readyAt <= at);
      if (ready.length === 0) {
        const soonest = pending.reduce((first, item) => (item.readyAt < first.readyAt ? item : first));
        await wait({ ...soonest.heldBy, delayMs: Math.round(soonest.readyAt - at), requests: pending.length });
        waitedUntil = soonest.readyAt;
        continue;
      }
      // At most 20 requests, and never more writes than the pacer's whole window holds.
      const writeCap = transport.pacer?.limit ?? maxBatchRequests;
      let chunk: Pending<T>[] = [];
      let writes = 0;
      for (const item of ready) {
        if (chunk.length === maxBatchRequests) break;
        const isWrite = item.request.method === 'PATCH';
        if (isWrite && writes === writeCap) continue;
        if (isWrite) writes += 1;
        chunk.push(item);
      }
      const alreadyHeld = Math.min(writes, slotsTakenLeft);
      slotsTakenLeft -= alreadyHeld;
      const ownSlots = writes - alreadyHeld;
      let usedSlots = ownSlots;
      const release = transport.pacer
        ? await transport.pacer.acquire(ownSlots, {
            signal,
            onWait: (delayMs) => options.onWait?.({ reason: 'pacing', delayMs, requests: chunk.length, status: null }),
          })
        : async () => {};
      // PATCHes sent before and answered with a retry: their rows may have changed during the wait.
      // Checked once their slots are held, so no wait for the write limit comes after the check.
      const toCheck = chunk.filter((item) => item.checkBeforeSending);
      if (options.beforeResend && toCheck.length > 0) {
        for (const item of toCheck) item.checkBeforeSending = false;
        let settledByCaller: ReadonlySet<number>;
        try {
          settledByCaller = await options.beforeResend(toCheck.map((item) => item.index));
        } catch (error) {
          await release(0);
          throw error;
        }
        pending = pending.filter((item) => !settledByCaller.has(item.index));
        chunk = chunk.filter((item) => !settledByCaller.has(item.index));
        // A PATCH is only sent again after its first sending, so the settled ones held slots of this batch's own.
        const settledWrites = writes - chunk.filter((item) => item.request.method === 'PATCH').length;
        writes -= settledWrites;
        usedSlots -= settledWrites;
        if (chunk.length === 0) {
          await release(0);
          continue;
        }
      }
      let responses: WireResponse[];
      try {
        responses = await transport.post(
          {
            requests: chunk.map((item) => wireRequest(String(item.index), item.request, item.clientRequestId)),
          },
          batchEnvelopeSchema,
          writes > 0,
          {
            ...(signal ? { signal } : {}),
            ...(renewToken ? { renewToken } : {}),
            ...(options.beforeResend && writes > 0 ? { beforeResend: () => checkBeforeOuterResend(chunk) } : {}),
            onRetry: (notice) =>
              options.onWait?.({
                reason: notice.status !== null && retryAfterStatuses.has(notice.status) ? 'retry-after' : 'backoff',
                delayMs: notice.delayMs,
                requests: chunk.length,
                status: notice.status,
              }),
          },
        );
      } catch (error) {
        if (error instanceof ResendWithout) {
          // The others go in the next batch, checked again there: its slots may have had to wait.
          pending = pending.filter((item) => !error.settled.has(item.index));
          for (const item of chunk) item.checkBeforeSending = item.request.method === 'PATCH';
          continue;
        }
        // The whole request failed after the client's own retries: every item in it failed so.
        if (!(error instanceof GraphError) || error.code === cancelledErrorCode) throw error;
        for (const item of chunk) settle(item, { ok: false, error });
        pending = pending.filter((item) => !chunk.includes(item));
        continue;
      } finally {
        await release(usedSlots);
      }

      renewToken = false;
      // Graph may answer in any order; the id ties each answer to its request.
      const byId = new Map(responses.map((response) => [response.id, response]));
      const answeredAt = now();
      const retry = new Set<Pending<T>>();
      for (const item of chunk) {
        const response = byId.get(String(item.index));
        if (response === undefined) {
          settle(item, {
            ok: false,
            error: new GraphError({ status: 0, code: 'MissingBatchResponse', message: 'Graph left this request of the batch unanswered.', clientRequestId: item.clientRequestId }),
          });
          continue;
        }
        const requestId = response.headers['request-id'] ?? null;
        if (response.status >= 200 && response.status <= 299) {
          const parsed = item.request.schema.safeParse(response.body);
          settle(
            item,
            parsed.success
              ? { ok: true, status: response.status, body: parsed.data, requestId, clientRequestId: item.clientRequestId }
              : {
                  ok: false,
                  error: new GraphError({ status: response.status, code: 'UnexpectedResponse', message: 'Graph answered with data in an unexpected shape.', requestId, clientRequestId: item.clientRequestId }),
                },
          );
          continue;
        }
        if (response.status === 401 && !item.renewed) {
          item.renewed = true;
          item.readyAt = answeredAt;
          renewToken = true;
          retry.add(item);
          continue;
        }
        const canRetry = item.retries < transport.retryLimit;
        const retryAfter = parseRetryAfter(response.headers['retry-after'] ?? null);
        if (canRetry && (retryAfterStatuses.has(response.status) || transientStatuses.has(response.status))) {
          item.retries += 1;
          const honoured = retryAfter !== null && retryAfterStatuses.has(response.status);
          const delayMs = honoured
            ? Math.min(retryAfter * 1000, transport.maxRetryAfterMs)
            : backoffDelayMs(item.retries, transport.backoffBaseMs, transport.backoffCapMs, transport.random);
          item.readyAt = answeredAt + delayMs;
          item.heldBy = { reason: honoured ? 'retry-after' : 'backoff', status: response.status };
          item.checkBeforeSending = item.request.method === 'PATCH';
          retry.add(item);
          continue;
        }
        settle(item, { ok: false, error: await innerError(response, item.clientRequestId, item.request.method === 'PATCH') });
      }
      pending = pending.filter((item) => retry.has(item) || !chunk.includes(item));
    }
  } catch (error) {
    if (signal?.aborted) throw cancelled();
    throw error;
  }
  return results.map(
    (result) => result ?? { ok: false, error: new GraphError({ status: 0, code: 'MissingBatchResponse', message: 'No result.' }) },
  );
}
