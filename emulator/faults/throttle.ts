/**
 * Intune's documented limits for these entities, per 20 seconds: writes 200 per app per tenant
 * and 400 per tenant; any request 2000 per app per tenant and 4000 per tenant. Sliding windows.
 */
export interface ThrottleLimits {
  windowSeconds: number;
  writesPerApp: number;
  writesPerTenant: number;
  requestsPerApp: number;
  requestsPerTenant: number;
}

export const INTUNE_LIMITS: ThrottleLimits = { windowSeconds: 20, writesPerApp: 200, writesPerTenant: 400, requestsPerApp: 2000, requestsPerTenant: 4000 };

class SlidingWindow {
  private times: number[] = [];
  private head = 0;

  prune(now: number, windowMs: number): void {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= now - windowMs) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  get count(): number {
    return this.times.length - this.head;
  }

  oldest(): number | undefined {
    return this.times[this.head];
  }

  add(now: number): void {
    this.times.push(now);
  }
}

export type ThrottleDecision = { ok: true; headers: Record<string, string> } | { ok: false; retryAfter: number; headers: Record<string, string>; scope: string };

export class Throttle {
  limits: ThrottleLimits | null;
  private readonly windows = new Map<string, SlidingWindow>();
  throttledCount = 0;

  constructor(limits: ThrottleLimits | null) {
    this.limits = limits;
  }

  private window(key: string): SlidingWindow {
    let w = this.windows.get(key);
    if (!w) {
      w = new SlidingWindow();
      this.windows.set(key, w);
    }
    return w;
  }

  reset(): void {
    this.windows.clear();
    this.throttledCount = 0;
  }

  /** Admits the request (and counts it) or says how long to wait. */
  check(tenantId: string, appId: string, write: boolean, now = Date.now()): ThrottleDecision {
    const limits = this.limits;
    if (!limits) return { ok: true, headers: {} };
    const windowMs = limits.windowSeconds * 1000;
    const buckets: { key: string; limit: number; scope: string }[] = [
      { key: `r|${tenantId}|${appId}`, limit: limits.requestsPerApp, scope: 'requests per app per tenant' },
      { key: `r|${tenantId}`, limit: limits.requestsPerTenant, scope: 'requests per tenant' },
    ];
    if (write) {
      buckets.push({ key: `w|${tenantId}|${appId}`, limit: limits.writesPerApp, scope: 'writes per app per tenant' });
      buckets.push({ key: `w|${tenantId}`, limit: limits.writesPerTenant, scope: 'writes per tenant' });
    }
    let waitMs = 0;
    let scope = '';
    for (const bucket of buckets) {
      const w = this.window(bucket.key);
      w.prune(now, windowMs);
      if (w.count >= bucket.limit) {
        const oldest = w.oldest() ?? now;
        const wait = oldest + windowMs - now;
        if (wait > waitMs) {
          waitMs = wait;
          scope = bucket.scope;
        }
      }
    }
    // The RateLimit-* headers describe the per-app bucket that matters for this kind of request.
    const shown = write ? buckets[2] : buckets[0];
    const shownWindow = shown ? this.window(shown.key) : undefined;
    const reset = Math.max(1, Math.ceil((((shownWindow?.oldest() ?? now) + windowMs - now) / 1000)));
    if (waitMs > 0) {
      this.throttledCount += 1;
      const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
      return {
        ok: false,
        retryAfter,
        scope,
        headers: { 'RateLimit-Limit': String(shown?.limit ?? 0), 'RateLimit-Remaining': '0', 'RateLimit-Reset': String(retryAfter) },
      };
    }
    for (const bucket of buckets) this.window(bucket.key).add(now);
    const remaining = shown && shownWindow ? Math.max(0, shown.limit - shownWindow.count) : 0;
    return { ok: true, headers: { 'RateLimit-Limit': String(shown?.limit ?? 0), 'RateLimit-Remaining': String(remaining), 'RateLimit-Reset': String(reset) } };
  }
}
