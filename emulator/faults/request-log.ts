/** Marks a request that came inside a $batch: the batch's request-id and the inner request's id. */
export interface BatchTag {
  requestId: string;
  id: string;
}

/** What the emulator answered, request by request: for tests that check a client's behaviour. */
export interface RequestLogEntry {
  seq: number;
  requestId: string;
  clientRequestId: string | null;
  method: string;
  /** Path and query as received. */
  path: string;
  /** ISO time the request arrived. */
  time: string;
  /** Status answered; null when the connection was dropped. */
  status: number | null;
  durationMs: number;
  /** The fault applied ("header:429", "rule:0", "random:503", "throttle"), or null. */
  fault: string | null;
  /** Retry-After (seconds) sent with the answer, or null. */
  retryAfter: number | null;
  /** The body of a PATCH, POST or PUT as received (cut at 4,096 characters). */
  body?: string;
  /** For a request inside a $batch: the batch's request-id and the inner request's id. */
  batch?: BatchTag;
}

export interface LoggedRequest extends RequestLogEntry {
  receivedMs: number;
  answeredMs: number;
}

export interface RetryComplianceEntry {
  requestId: string;
  method: string;
  path: string;
  clientRequestId: string | null;
  status: number | null;
  retryAfterSeconds: number;
  answeredAt: string;
  /** How the retry was recognised: same client-request-id, else same method and path. */
  matchedBy: 'client-request-id' | 'method+path' | null;
  retryRequestId: string | null;
  retriedAt: string | null;
  waitedMs: number | null;
  /** True when the retry came at least Retry-After later; null when it never came. */
  compliant: boolean | null;
  /** For an answer inside a $batch: the batch's request-id and the inner request's id. */
  batch?: BatchTag;
}

export interface RetryComplianceReport {
  summary: { withRetryAfter: number; retried: number; compliant: number; violations: number; notRetried: number };
  entries: RetryComplianceEntry[];
}

const MAX_ENTRIES = 100_000;

function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  start(input: { requestId: string; clientRequestId: string | null; method: string; path: string; body?: string; batch?: BatchTag }): LoggedRequest {
    const receivedMs = nowMs();
    this.seq += 1;
    const entry: LoggedRequest = {
      seq: this.seq,
      requestId: input.requestId,
      clientRequestId: input.clientRequestId,
      method: input.method,
      path: input.path,
      time: new Date(receivedMs).toISOString(),
      status: null,
      durationMs: 0,
      fault: null,
      retryAfter: null,
      receivedMs,
      answeredMs: receivedMs,
    };
    if (input.body !== undefined) entry.body = input.body;
    if (input.batch) entry.batch = input.batch;
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return entry;
  }

  finish(entry: LoggedRequest, status: number | null, retryAfter: number | null): void {
    entry.answeredMs = nowMs();
    entry.durationMs = Math.round((entry.answeredMs - entry.receivedMs) * 10) / 10;
    entry.status = status;
    entry.retryAfter = retryAfter;
  }

  list(): RequestLogEntry[] {
    return this.entries.map(({ receivedMs: _r, answeredMs: _a, ...rest }) => rest);
  }

  clear(): void {
    this.entries = [];
  }

  /**
   * For every answer that carried Retry-After: the next request with the same client-request-id
   * (or, when none came back with it, the same method and path) and whether it waited long enough.
   * Inside a $batch, every inner request answers on its own; another request of the same batch was
   * sent together with it, so it is never its retry.
   */
  retryCompliance(): RetryComplianceReport {
    const entries: RetryComplianceEntry[] = [];
    const all = this.entries;
    for (let i = 0; i < all.length; i += 1) {
      const answer = all[i];
      if (!answer || answer.retryAfter === null) continue;
      let retry: LoggedRequest | undefined;
      let matchedBy: RetryComplianceEntry['matchedBy'] = null;
      let samePath: LoggedRequest | undefined;
      for (let j = i + 1; j < all.length; j += 1) {
        const e = all[j];
        if (!e) continue;
        if (answer.batch && e.batch?.requestId === answer.batch.requestId) continue;
        if (answer.clientRequestId && e.clientRequestId === answer.clientRequestId) {
          retry = e;
          matchedBy = 'client-request-id';
          break;
        }
        if (!samePath && e.method === answer.method && e.path === answer.path) samePath = e;
        if (samePath && !answer.clientRequestId) break;
      }
      if (!retry && samePath) {
        retry = samePath;
        matchedBy = 'method+path';
      }
      const waitedMs = retry ? Math.round((retry.receivedMs - answer.answeredMs) * 10) / 10 : null;
      entries.push({
        requestId: answer.requestId,
        method: answer.method,
        path: answer.path,
        clientRequestId: answer.clientRequestId,
        status: answer.status,
        retryAfterSeconds: answer.retryAfter,
        answeredAt: new Date(answer.answeredMs).toISOString(),
        matchedBy,
        retryRequestId: retry?.requestId ?? null,
        retriedAt: retry ? new Date(retry.receivedMs).toISOString() : null,
        waitedMs,
        compliant: waitedMs === null ? null : waitedMs >= answer.retryAfter * 1000,
        ...(answer.batch ? { batch: answer.batch } : {}),
      });
    }
    const retried = entries.filter((e) => e.compliant !== null).length;
    const compliant = entries.filter((e) => e.compliant === true).length;
    return {
      summary: { withRetryAfter: entries.length, retried, compliant, violations: retried - compliant, notRetried: entries.length - retried },
      entries,
    };
  }
}
