import ky, { HTTPError, TimeoutError } from 'ky';
import { backoffDelayMs } from './backoff';
import type { BatchOptions, BatchRequest, BatchResult, BatchTransport } from './batch';
import { cancelledErrorCode, GraphError, graphErrorFromResponse, networkErrorCode, parseRetryAfter, unconfirmingStatuses } from './graph-error';
import { collectionPageSchema } from './collection-page';
import { followPages, type GraphPage } from './paging';
import type { ResponseSchema } from './response-schema';
import { lazyWritePacer, withWriteSlot } from './write-budget';
import type { AcquireOptions, ReleaseSlots, WritePacer } from './write-pacer';

/** What the Graph client asks the auth layer for: a bearer token, for reading or writing. */
export interface TokenRequest {
  /** A write scope is needed (PATCH); browsing asks for read only (least privilege). */
  write: boolean;
  /** Skip the token cache: the last token was refused with 401. */
  forceRefresh: boolean;
  /**
   * Scopes beyond read or write that this one request needs (incremental consent). They are
   * optional: when they cannot be had without a prompt, the provider rejects with a 403
   * `GraphError` of code `consentRequiredErrorCode` and the caller carries on without them.
   */
  extraScopes?: readonly string[];
}
export type TokenProvider = (request: TokenRequest) => Promise<string>;

/** Told to the UI before each wait, so it can say why and when it retries (`retryNoticeText`). */
export interface RetryNotice {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  /** HTTP status that caused the retry, or null for a network failure. */
  status: number | null;
}

export interface GraphRequestOptions {
  signal?: AbortSignal;
  /** See `TokenRequest.extraScopes`. */
  extraScopes?: readonly string[];
  onRetry?: (notice: RetryNotice) => void;
  /**
   * Told before a write waits for a free slot under Intune's write limit, which this tab's and
   * other tabs' bulk jobs share with single saves (`write-budget.ts`); nothing has been sent yet.
   */
  onWriteLimitWait?: (delayMs: number) => void;
  /** Told which request Graph answered (its `request-id`), once the answer is in and valid; errors carry both ids. */
  onAnswer?: (ids: { requestId: string | null; clientRequestId: string }) => void;
  /** Start with a fresh token: Graph refused the last one inside a `$batch` (which it had accepted outside). */
  renewToken?: boolean;
  /**
   * A write's check before its first sending, called once its slot under Intune's write limit is
   * held, so that no wait for the limit comes between the check and the write; it throws to send
   * nothing (a conflict).
   */
  beforeSend?: () => Promise<void>;
  /**
   * Called after a retry's wait, before the request is sent again. A write that was checked
   * before its first sending checks again here, since the wait may have been long (throttling,
   * an outage): it throws to send nothing more (a conflict, or the write found already landed).
   */
  beforeResend?: () => Promise<void>;
}

export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com/beta (no trailing slash). */
  baseUrl: string;
  getToken: TokenProvider;
  fetch?: typeof globalThis.fetch;
  /** Retries after the first attempt. */
  retryLimit?: number;
  /** First backoff step when Graph gives no Retry-After. */
  backoffBaseMs?: number;
  /** Upper bound of one backoff step. */
  backoffCapMs?: number;
  /** Upper bound for a Retry-After wait. */
  maxRetryAfterMs?: number;
  /** Per attempt; generous because the emulator (and Graph) can be slow under load. */
  timeoutMs?: number;
  random?: () => number;
  createRequestId?: () => string;
  /** Holds writes (single PATCHes and those inside batches) under Intune's limit; null: none. */
  writePacer?: WritePacer | null;
  /** The clock of `batch`'s retries (real time by default; tests pass one that moves only when slept). */
  clock?: Pick<BatchTransport, 'now' | 'sleep'>;
  /**
   * Told of every GET that waits out a retry while its caller shows no retry notice of its own
   * (no `onRetry`): a list, a record, its devices or history loading through throttling or an
   * outage. The shell says so (`ReadWaits`, `ReadWaitNotice`) instead of a silent "Loading…".
   */
  readWaits?: ReadWaitReporter;
}

/** See `GraphClientOptions.readWaits`; ids are the reads' client-request-ids. */
export interface ReadWaitReporter {
  waiting(id: string, notice: RetryNotice): void;
  settled(id: string): void;
}

export interface GraphClient {
  get<T>(path: string, schema: ResponseSchema<T>, options?: GraphRequestOptions): Promise<T>;
  patch<T>(path: string, body: unknown, schema: ResponseSchema<T>, options?: GraphRequestOptions): Promise<T>;
  /** Follows `@odata.nextLink` verbatim until it is absent (https://learn.microsoft.com/graph/paging). */
  pages<T>(path: string, itemSchema: ResponseSchema<T>, options?: GraphRequestOptions): AsyncGenerator<GraphPage<T>>;
  /** Many GETs and PATCHes through `$batch`; one result per request, in the order given. */
  batch<T>(requests: readonly BatchRequest<T>[], options?: BatchOptions<T>): Promise<BatchResult<T>[]>;
  /**
   * Takes up to `count` slots under Intune's write limit now, waiting as long as it takes, for
   * writes to be sent after a check: a bulk job takes them before it reads its rows, so the wait
   * for the limit never comes between the check and the write (`BatchOptions.slotsTaken`).
   */
  takeWriteSlots(count: number, options?: AcquireOptions): Promise<WriteSlots>;
}

/** Slots taken with `takeWriteSlots`: how many (the pacer's whole window at most), and their release. */
export interface WriteSlots {
  count: number;
  release: ReleaseSlots;
}

// Graph throttles with 429 and sometimes 503, both with Retry-After
// (https://learn.microsoft.com/graph/throttling). 500/502/504 are transient.
const retryStatusCodes = [429, 500, 502, 503, 504];
const retryAfterStatusCodes = [429, 503];
// PATCH of a user state sets absolute values (idempotent); POST is only `$batch` of GETs and PATCHes.
const retryMethods = ['get', 'patch', 'post'];

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const baseOrigin = new URL(baseUrl).origin;
  const retryLimit = options.retryLimit ?? 6;
  const backoffBaseMs = options.backoffBaseMs ?? 1000;
  const backoffCapMs = options.backoffCapMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const random = options.random ?? Math.random;
  const createRequestId = options.createRequestId ?? (() => crypto.randomUUID());
  const writePacer = options.writePacer === undefined ? lazyWritePacer({ key: baseOrigin }) : options.writePacer;
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  function resolveUrl(pathOrUrl: string): string {
    if (/^https?:\/\//i.test(pathOrUrl)) {
      // A nextLink is used verbatim, but a token is only ever sent to the configured Graph host.
      if (new URL(pathOrUrl).origin !== baseOrigin) {
        throw new GraphError({ status: 0, code: 'UntrustedNextLink', message: 'Graph returned a link to another host.' });
      }
      return pathOrUrl;
    }
    return `${baseUrl}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
  }

  async function send<T>(
    method: 'get' | 'patch' | 'post',
    pathOrUrl: string,
    body: unknown,
    schema: ResponseSchema<T>,
    requestOptions: GraphRequestOptions = {},
    write = method !== 'get',
  ): Promise<T> {
    const url = resolveUrl(pathOrUrl);
    // One id per logical request, kept across retries, so Graph's logs tie the attempts together.
    const clientRequestId = createRequestId();
    let attempts = 0;
    let lastStatus: number | null = null;
    const readWaits = method === 'get' && requestOptions.onRetry === undefined ? options.readWaits : undefined;
    const announce = (delayMs: number) => {
      if (!requestOptions.signal?.aborted) {
        const notice = { attempt: attempts, delayMs: Math.round(delayMs), status: lastStatus };
        requestOptions.onRetry?.(notice);
        readWaits?.waiting(clientRequestId, notice);
      }
      return delayMs;
    };

    try {

      for (let renewal = 0; ; renewal += 1) {
        const token = await options.getToken({ write, forceRefresh: renewal > 0 || requestOptions.renewToken === true, ...(requestOptions.extraScopes ? { extraScopes: requestOptions.extraScopes } : {}) });
        try {
          const response = await ky(url, {
            method,
            fetch: fetchImpl,
            timeout: timeoutMs,
            signal: requestOptions.signal,
            headers: { Authorization: `Bearer ${token}`, 'client-request-id': clientRequestId, Accept: 'application/json' },
            ...(body === undefined ? {} : { json: body }),
            retry: {
              limit: retryLimit,
              methods: retryMethods,
              statusCodes: retryStatusCodes,
              afterStatusCodes: retryAfterStatusCodes,
              maxRetryAfter: maxRetryAfterMs,
              backoffLimit: Number.POSITIVE_INFINITY,
              // Without Retry-After: exponential backoff with jitter, capped.
              delay: (attemptCount) => announce(backoffDelayMs(attemptCount, backoffBaseMs, backoffCapMs, random)),
            },
            hooks: {
              beforeRetry: [async () => requestOptions.beforeResend?.()],
              beforeRequest: [
                () => {
                  attempts += 1;
                  lastStatus = null;
                },
              ],
              afterResponse: [
                (_request, _options, response) => {
                  lastStatus = response.status;
                  // ky waits Retry-After itself; tell the UI first (the delay hook runs only without it).
                  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
                  if (retryAfter !== null && retryAfterStatusCodes.includes(response.status) && attempts <= retryLimit) {
                    announce(Math.min(retryAfter * 1000, maxRetryAfterMs));
                  }
                },
              ],
            },
          });
          const json: unknown = response.status === 204 ? undefined : await response.json();
          const parsed = schema.safeParse(json);
          if (!parsed.success) {
            throw new GraphError({
              status: response.status,
              code: 'UnexpectedResponse',
              message: 'Graph answered with data in an unexpected shape.',
              requestId: response.headers.get('request-id'),
              clientRequestId,
            });
          }
          requestOptions.onAnswer?.({ requestId: response.headers.get('request-id'), clientRequestId });
          return parsed.data;
        } catch (error) {
          if (error instanceof GraphError) throw error;
          if (error instanceof HTTPError) {
            const graphError = await graphErrorFromResponse(error.response, clientRequestId, write);
            // An expired or revoked token: renew silently once and repeat.
            if (graphError.status === 401 && renewal === 0) continue;
            throw graphError;
          }
          if (requestOptions.signal?.aborted) {
            // Cancelled while waiting to send again: the attempt before may have landed, unless Graph
            // answered it with a refusal (throttling). Cancelled before any attempt: nothing went out.
            const unconfirmedWrite = write && attempts > 0 && (lastStatus === null || unconfirmingStatuses.has(lastStatus));
            throw new GraphError({ status: 0, code: cancelledErrorCode, message: 'The request was cancelled.', clientRequestId, write, unconfirmedWrite });
          }
          if (error instanceof TimeoutError) {
            throw new GraphError({ status: 0, code: 'Timeout', message: 'Graph did not answer in time.', clientRequestId, write, unconfirmedWrite: write });
          }
          if (error instanceof TypeError) {
            throw new GraphError({
              status: 0,
              code: networkErrorCode,
              message: 'Could not reach Graph.',
              clientRequestId,
              write,
              unconfirmedWrite: write,
              cause: error,
            });
          }
          // Token acquisition errors (MSAL) and anything unexpected travel unchanged.
          throw error;
        }
      }
    } finally {
      readWaits?.settled(clientRequestId);
    }
  }

  const postBatch: BatchTransport['post'] = (body, schema, write, postOptions) =>
    send('post', '/$batch', body, schema, postOptions, write);
  const policy = { createRequestId, random, retryLimit, backoffBaseMs, backoffCapMs, maxRetryAfterMs, ...options.clock };
  return {
    get: (path, schema, requestOptions) => send('get', path, undefined, schema, requestOptions),
    // A single edit shares the write budget with running bulk jobs (of every tab).
    patch: (path, body, schema, requestOptions) =>
      withWriteSlot(writePacer, requestOptions ?? {}, async () => {
        await requestOptions?.beforeSend?.();
        return send('patch', path, body, schema, requestOptions);
      }),
    pages: (path, itemSchema, requestOptions) =>
      followPages(
        (pathOrUrl, onAnswer) =>
          send('get', pathOrUrl, undefined, collectionPageSchema, {
            ...requestOptions,
            onAnswer: (ids) => {
              onAnswer(ids);
              requestOptions?.onAnswer?.(ids);
            },
          }),
        path,
        itemSchema,
      ),
    // Only bulk work batches: its code loads on first use, off the first screen.
    batch: async (requests, batchOptions) => {
      const { runBatch } = await import('./batch');
      return runBatch({ post: postBatch, pacer: writePacer, ...policy }, requests, batchOptions);
    },
    takeWriteSlots: async (count, acquireOptions) => {
      if (writePacer === null) return { count, release: async () => {} };
      const taken = Math.min(count, writePacer.limit);
      return { count: taken, release: await writePacer.acquire(taken, acquireOptions) };
    },
  };
}
