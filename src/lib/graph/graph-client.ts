import type { BatchOptions, BatchRequest, BatchResult, BatchTransport } from './batch-types';
import { GraphError } from './graph-error';
import { collectionPageSchema } from './collection-page';
import { createRequestSender, type GraphRequestOptions, type RetryNotice, type TokenProvider } from './graph-request';
import { followPages, type GraphPage } from './paging';
import type { ResponseSchema } from './response-schema';
import { lazyWritePacer, takeWriteSlots, withWriteSlot } from './write-budget';
import type { AcquireOptions, ReleaseSlots, WritePacer } from './write-pacer';

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

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const baseOrigin = new URL(baseUrl).origin;
  const retryLimit = options.retryLimit ?? 6;
  const backoffBaseMs = options.backoffBaseMs ?? 1000;
  const backoffCapMs = options.backoffCapMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const random = options.random ?? Math.random;
  const createRequestId = options.createRequestId ?? (() => crypto.randomUUID());
  const writePacer = options.writePacer === undefined ? lazyWritePacer({ key: baseOrigin }) : options.writePacer;

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

  const send = createRequestSender({
    resolveUrl,
    getToken: options.getToken,
    fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)),
    retryLimit,
    backoffBaseMs,
    backoffCapMs,
    maxRetryAfterMs,
    timeoutMs: options.timeoutMs ?? 60_000,
    random,
    createRequestId,
  });

  /**
   * A GET. One whose caller shows no retry notice of its own tells `readWaits` while it waits
   * out a retry, under its client-request-id, and that it settled.
   */
  async function read<T>(pathOrUrl: string, schema: ResponseSchema<T>, requestOptions: GraphRequestOptions = {}): Promise<T> {
    const readWaits = options.readWaits;
    if (readWaits === undefined || requestOptions.onRetry !== undefined) return send('get', pathOrUrl, undefined, schema, requestOptions);
    const clientRequestId = createRequestId();
    const onRetry = (notice: RetryNotice) => readWaits.waiting(clientRequestId, notice);
    try {
      return await send('get', pathOrUrl, undefined, schema, { ...requestOptions, onRetry }, false, clientRequestId);
    } finally {
      readWaits.settled(clientRequestId);
    }
  }

  const postBatch: BatchTransport['post'] = (body, schema, write, postOptions) =>
    send('post', '/$batch', body, schema, postOptions, write);
  const policy = { createRequestId, random, retryLimit, backoffBaseMs, backoffCapMs, maxRetryAfterMs, ...options.clock };
  return {
    get: read,
    // A single edit shares the write budget with running bulk jobs (of every tab).
    patch: (path, body, schema, requestOptions) =>
      withWriteSlot(writePacer, requestOptions ?? {}, async () => {
        await requestOptions?.beforeSend?.();
        return send('patch', path, body, schema, requestOptions);
      }),
    pages: (path, itemSchema, requestOptions) =>
      followPages(
        (pathOrUrl, onAnswer) =>
          read(pathOrUrl, collectionPageSchema, {
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
    takeWriteSlots: (count, acquireOptions) => takeWriteSlots(writePacer, count, acquireOptions),
  };
}
