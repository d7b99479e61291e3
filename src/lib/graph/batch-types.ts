/**
 * The contract of JSON batching (https://learn.microsoft.com/graph/json-batching) for the Graph
 * client and its callers: inner requests, their results, the waits told, the options, and what
 * the runner (batch.ts, loaded on first use) needs from the client.
 */
import type { WireRequest, WireResponse } from './batch-wire';
import type { GraphError } from './graph-error';
import type { ResponseSchema } from './response-schema';
import type { WritePacer } from './write-pacer';

/** Graph's documented limit of requests in one batch. */
export const maxBatchRequests = 20;

export interface BatchRequest<T> {
  method: 'GET' | 'PATCH';
  /** Relative to the client's base URL, e.g. `/deviceManagement/…/userRunStates/{id}`. */
  path: string;
  body?: unknown;
  schema: ResponseSchema<T>;
}

export type BatchResult<T> =
  | { ok: true; status: number; body: T; requestId: string | null; clientRequestId: string }
  | { ok: false; error: GraphError };

/** Told before every wait, so a job panel can say "waiting 5 s for Graph". */
export interface BatchWaitNotice {
  /** `retry-after`: Graph said how long; `backoff`: a transient failure; `pacing`: the write limit. */
  reason: 'retry-after' | 'backoff' | 'pacing';
  delayMs: number;
  /** Requests held back by this wait. */
  requests: number;
  /** The status that caused it, null for pacing or a dropped connection. */
  status: number | null;
}

export interface BatchOptions<T> {
  signal?: AbortSignal;
  onWait?: (notice: BatchWaitNotice) => void;
  /** Each request's final result as soon as it is known (a job saves its progress here). */
  onResult?: (index: number, result: BatchResult<T>) => void;
  /**
   * How many of the PATCHes already hold slots of the write pacer, taken by the caller before it
   * checked its rows (`GraphClient.takeWriteSlots`): their first sending takes none, and the
   * caller releases them. A PATCH sent again after Graph refused it takes a slot of its own.
   */
  slotsTaken?: number;
  /**
   * PATCHes (by index in the requests) about to be sent again after a wait, inner or of the
   * whole batch: the caller may check their rows first, since the wait can be long. It returns
   * the ones it has settled itself (a conflict, a write found landed): those are sent no more, and
   * `onResult` is not called for them.
   */
  beforeResend?: (indices: readonly number[]) => Promise<ReadonlySet<number>>;
}

/** What `batch` needs from the client. */
export interface BatchTransport {
  /** `POST /$batch` through the single-request path; `write` asks for a write token. */
  post(
    body: { requests: WireRequest[] },
    schema: ResponseSchema<WireResponse[]>,
    write: boolean,
    // What the client's single-request options carry (GraphRequestOptions).
    options: {
      signal?: AbortSignal;
      renewToken?: boolean;
      onRetry?: (notice: { delayMs: number; status: number | null }) => void;
      beforeResend?: () => Promise<void>;
    },
  ): Promise<WireResponse[]>;
  pacer: WritePacer | null;
  createRequestId(): string;
  random(): number;
  retryLimit: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  maxRetryAfterMs: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}
