/**
 * The fastest any client can push a number of requests through the emulator's throttle.
 *
 * The emulator (emulator/faults/throttle.ts) keeps one sliding window per bucket: a request that
 * arrives at time t is admitted when fewer than `limit` requests of its bucket were admitted in
 * (t - W, t]; an admitted request stops counting at exactly its admission time + W, and a refused
 * one (429) never counts. So the k-th admitted request (0-based) can come no earlier than the
 * (k - limit)-th + W, and with the first `limit` admitted at time 0 the best schedule is
 * t_k = floor(k / limit) * W. The last of n requests is admitted at floor((n - 1) / limit) * W:
 * for 1,000 writes at 200 per 20 s that is 80 s (batches start at 0, 20, 40, 60 and 80 s), not
 * 1,000 / 200 * 20 = 100 s, because nothing has to wait for the last batch's window to pass.
 * Each bucket gives such a bound and the slowest one is the minimum; network and server time
 * come on top.
 */
export interface RateBucket {
  /** What the bucket counts, for the report ("writes per app per tenant"). */
  name: string;
  /** Requests admitted per window. */
  limit: number;
  windowMs: number;
  /** How many requests of the run count in this bucket. */
  requests: number;
}

/** Earliest admission of the n-th request (1-based n) under one bucket, from the first admission. */
export function earliestAdmissionMs(n: number, limit: number, windowMs: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`request count must be a whole number, got ${n}`);
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be at least 1, got ${limit}`);
  if (n === 0) return 0;
  return Math.floor((n - 1) / limit) * windowMs;
}

/** The binding bucket and the minimum time it allows. */
export function theoreticalMinimum(buckets: readonly RateBucket[]): { ms: number; binding: RateBucket | null } {
  let best: { ms: number; binding: RateBucket | null } = { ms: 0, binding: null };
  for (const bucket of buckets) {
    const ms = earliestAdmissionMs(bucket.requests, bucket.limit, bucket.windowMs);
    if (best.binding === null || ms > best.ms) best = { ms, binding: bucket };
  }
  return best;
}

/** The emulator's limits as GET /_emulator/config reports them. */
export interface ThrottleConfig {
  windowSeconds: number;
  writesPerApp: number;
  writesPerTenant: number;
  requestsPerApp: number;
  requestsPerTenant: number;
}

/**
 * The buckets a run of `edits` PATCHes (each preceded by `readsPerEdit` GETs) fills when one app
 * of one tenant sends them all. Every request counts in the request buckets, writes also in the
 * write buckets.
 */
export function bucketsFor(config: ThrottleConfig, edits: number, readsPerEdit: number): RateBucket[] {
  const windowMs = config.windowSeconds * 1000;
  const requests = edits * (1 + readsPerEdit);
  return [
    { name: 'writes per app per tenant', limit: config.writesPerApp, windowMs, requests: edits },
    { name: 'writes per tenant', limit: config.writesPerTenant, windowMs, requests: edits },
    { name: 'requests per app per tenant', limit: config.requestsPerApp, windowMs, requests },
    { name: 'requests per tenant', limit: config.requestsPerTenant, windowMs, requests },
  ];
}
