/**
 * One logical Graph request: its attempts (ky's retries, each wait told first), one silent token
 * renewal after a 401, and every failure as a `GraphError`. The client (graph-client.ts) builds
 * its reads, writes, pages and batches on it.
 */
import ky, { HTTPError, TimeoutError } from 'ky';
import { backoffDelayMs } from './backoff';
import { cancelledErrorCode, GraphError, graphErrorFromResponse, networkErrorCode, parseRetryAfter, unconfirmingStatuses } from './graph-error';
import type { ResponseSchema } from './response-schema';

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

// Graph throttles with 429 and sometimes 503, both with Retry-After
// (https://learn.microsoft.com/graph/throttling). 500/502/504 are transient.
const retryStatusCodes = [429, 500, 502, 503, 504];
const retryAfterStatusCodes = [429, 503];
// PATCH of a user state sets absolute values (idempotent); POST is only `$batch` of GETs and PATCHes.
const retryMethods = ['get', 'patch', 'post'];

/** How the client's requests are sent: its options, with their defaults applied. */
export interface RequestPolicy {
  /** A path under the client's base URL, or a nextLink, to the URL to call (only ever on Graph's host). */
  resolveUrl(pathOrUrl: string): string;
  getToken: TokenProvider;
  fetch: typeof globalThis.fetch;
  retryLimit: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  maxRetryAfterMs: number;
  timeoutMs: number;
  random: () => number;
  createRequestId: () => string;
}

export type SendRequest = <T>(
  method: 'get' | 'patch' | 'post',
  pathOrUrl: string,
  body: unknown,
  schema: ResponseSchema<T>,
  requestOptions?: GraphRequestOptions,
  write?: boolean,
  clientRequestId?: string,
) => Promise<T>;

/**
 * One logical request: its attempts (ky's retries), one silent token renewal after a 401, and
 * every failure as a `GraphError`. `clientRequestId` is kept across the attempts, so Graph's
 * logs tie them together.
 */
export function createRequestSender(policy: RequestPolicy): SendRequest {
  return async function send<T>(
    method: 'get' | 'patch' | 'post',
    pathOrUrl: string,
    body: unknown,
    schema: ResponseSchema<T>,
    requestOptions: GraphRequestOptions = {},
    write = method !== 'get',
    clientRequestId = policy.createRequestId(),
  ): Promise<T> {
    const url = policy.resolveUrl(pathOrUrl);
    let attempts = 0;
    let lastStatus: number | null = null;
    const announce = (delayMs: number) => {
      if (!requestOptions.signal?.aborted) {
        requestOptions.onRetry?.({ attempt: attempts, delayMs: Math.round(delayMs), status: lastStatus });
      }
      return delayMs;
    };

    for (let renewal = 0; ; renewal += 1) {
      const token = await policy.getToken({ write, forceRefresh: renewal > 0 || requestOptions.renewToken === true, ...(requestOptions.extraScopes ? { extraScopes: requestOptions.extraScopes } : {}) });
      try {
        const response = await ky(url, {
          method,
          fetch: policy.fetch,
          timeout: policy.timeoutMs,
          signal: requestOptions.signal,
          headers: { Authorization: `Bearer ${token}`, 'client-request-id': clientRequestId, Accept: 'application/json' },
          ...(body === undefined ? {} : { json: body }),
          retry: {
            limit: policy.retryLimit,
            methods: retryMethods,
            statusCodes: retryStatusCodes,
            afterStatusCodes: retryAfterStatusCodes,
            maxRetryAfter: policy.maxRetryAfterMs,
            backoffLimit: Number.POSITIVE_INFINITY,
            // Without Retry-After: exponential backoff with jitter, capped.
            delay: (attemptCount) => announce(backoffDelayMs(attemptCount, policy.backoffBaseMs, policy.backoffCapMs, policy.random)),
          },
          hooks: {
            // After the wait, before the next attempt: a write checks its record again here.
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
                if (retryAfter !== null && retryAfterStatusCodes.includes(response.status) && attempts <= policy.retryLimit) {
                  announce(Math.min(retryAfter * 1000, policy.maxRetryAfterMs));
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
        if (error instanceof HTTPError) {
          const graphError = await graphErrorFromResponse(error.response, clientRequestId, write);
          // An expired or revoked token: renew silently once and repeat.
          if (graphError.status === 401 && renewal === 0) continue;
          throw graphError;
        }
        throw unansweredFailure(error, { clientRequestId, write, cancelled: requestOptions.signal?.aborted === true, attempts, lastStatus });
      }
    }
  };
}

/** What an attempt that failed without Graph's answer (an HTTP error is Graph's answer) knew. */
interface UnansweredAttempt {
  clientRequestId: string;
  write: boolean;
  /** The caller's signal had aborted. */
  cancelled: boolean;
  /** Attempts sent so far, and the status of the last one answered (null: none, or no answer). */
  attempts: number;
  lastStatus: number | null;
}

/**
 * The error to throw for a request that ended without Graph's answer: cancelled, timed out or
 * unreachable, each saying whether a write may have landed all the same. A `GraphError`, a
 * token error (MSAL) or anything unexpected travels unchanged.
 */
function unansweredFailure(error: unknown, { clientRequestId, write, cancelled, attempts, lastStatus }: UnansweredAttempt): unknown {
  if (error instanceof GraphError) return error;
  if (cancelled) {
    // Cancelled while waiting to send again: the attempt before may have landed, unless Graph
    // answered it with a refusal (throttling). Cancelled before any attempt: nothing went out.
    const unconfirmedWrite = write && attempts > 0 && (lastStatus === null || unconfirmingStatuses.has(lastStatus));
    return new GraphError({ status: 0, code: cancelledErrorCode, message: 'The request was cancelled.', clientRequestId, write, unconfirmedWrite });
  }
  if (error instanceof TimeoutError) {
    return new GraphError({ status: 0, code: 'Timeout', message: 'Graph did not answer in time.', clientRequestId, write, unconfirmedWrite: write });
  }
  if (error instanceof TypeError) {
    return new GraphError({ status: 0, code: networkErrorCode, message: 'Could not reach Graph.', clientRequestId, write, unconfirmedWrite: write, cause: error });
  }
  return error;
}
