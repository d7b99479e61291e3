/**
 * A failed Graph call, typed so the UI can branch on status and code and show the ids that
 * Microsoft support asks for. The message is Graph's developer text; UI shows plain words instead.
 * Never carries a token or a request header.
 */
export class GraphError extends Error {
  override readonly name = 'GraphError';
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly clientRequestId: string | null;
  readonly retryAfterSeconds: number | null;
  /** The request wanted to write (PATCH), so a 403 means the write permission is missing. */
  readonly write: boolean;
  /**
   * A write that Graph may have applied although it failed: it was sent and no answer said it was
   * refused (no answer at all, a timeout, a 500/502/504, or a cancel while waiting to retry one of
   * those). What Intune holds is unknown until the record is read again.
   */
  readonly unconfirmedWrite: boolean;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    requestId?: string | null;
    clientRequestId?: string | null;
    retryAfterSeconds?: number | null;
    write?: boolean;
    unconfirmedWrite?: boolean;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.clientRequestId = init.clientRequestId ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.write = init.write ?? false;
    this.unconfirmedWrite = init.unconfirmedWrite ?? false;
  }
}

/**
 * Answers after which a write may have been applied: the gateway or service failed somewhere
 * after taking the request. 429 and 503 are Graph refusing to take it (throttling, ADR 005).
 */
export const unconfirmingStatuses: ReadonlySet<number> = new Set([500, 502, 504]);

/** Status 0: the request never got an HTTP answer (network down, connection dropped). */
export const networkErrorCode = 'NetworkError';
/** An optional scope (`TokenRequest.extraScopes`) is not granted and would need a prompt. */
export const consentRequiredErrorCode = 'ConsentRequired';
/** The user (or a route change) cancelled the request. */
export const cancelledErrorCode = 'Cancelled';

export function isGraphError(error: unknown): error is GraphError {
  return error instanceof GraphError;
}

export function isCancelled(error: unknown): boolean {
  return isGraphError(error) && error.code === cancelledErrorCode;
}

interface GraphErrorBody {
  error?: {
    code?: unknown;
    message?: unknown;
    innerError?: Record<string, unknown>;
    innererror?: Record<string, unknown>;
  };
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date), or null. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, (date - now) / 1000);
}

/**
 * Builds a GraphError from a non-2xx response, reading Graph's error envelope
 * (https://learn.microsoft.com/graph/errors) and the correlation headers.
 */
export async function graphErrorFromResponse(response: Response, clientRequestId: string, write = false): Promise<GraphError> {
  let body: GraphErrorBody = {};
  try {
    const text = await response.text();
    if (text !== '') body = JSON.parse(text) as GraphErrorBody;
  } catch {
    // A proxy or gateway may answer with HTML or nothing at all; the status still says enough.
  }
  const inner = body.error?.innerError ?? body.error?.innererror ?? {};
  const code = typeof body.error?.code === 'string' && body.error.code !== '' ? body.error.code : `Http${response.status}`;
  const message =
    typeof body.error?.message === 'string' && body.error.message !== ''
      ? body.error.message
      : `Graph answered ${response.status} ${response.statusText}`.trim();
  const innerRequestId = inner['request-id'];
  const innerClientRequestId = inner['client-request-id'];
  return new GraphError({
    status: response.status,
    code,
    message,
    requestId: response.headers.get('request-id') ?? (typeof innerRequestId === 'string' ? innerRequestId : null),
    clientRequestId:
      response.headers.get('client-request-id') ??
      (typeof innerClientRequestId === 'string' ? innerClientRequestId : clientRequestId),
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
    write,
    unconfirmedWrite: write && unconfirmingStatuses.has(response.status),
  });
}
