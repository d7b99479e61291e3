import { createRandom } from '../seed/prng.ts';

/** Retry-After sent with an injected 429 or 503 when the header or rule does not say. */
export const DEFAULT_FAULT_RETRY_AFTER_SECONDS = 1;

/** A fault to apply to one request. */
export interface Fault {
  status?: number;
  /** Seconds; null sends no Retry-After. */
  retryAfter?: number | null;
  latencyMs?: number;
  drop?: boolean;
  expiredToken?: boolean;
  source: 'header' | 'rule' | 'random';
  /** Short description for the request log, e.g. "header:429;retry-after=0". */
  label: string;
}

/** A rule set through `PUT /_emulator/faults`. */
export interface FaultRule {
  method?: string;
  /** Substring of path+query (e.g. "/userRunStates/"). */
  path?: string;
  /** Regular expression tested against path+query. */
  pathRegex?: string;
  status?: number;
  retryAfter?: number | null;
  latencyMs?: number;
  drop?: boolean;
  expiredToken?: boolean;
  /** How many matching requests get the fault (default 1); null for every one. */
  times?: number | null;
  /** How many matching requests pass untouched first (default 0). */
  skip?: number;
}

export interface StoredRule extends FaultRule {
  times: number | null;
  skip: number;
  /** How many requests this rule has faulted so far. */
  applied: number;
}

export interface RandomFaults {
  /** Probability (0–1) that a Graph request fails with one of `statuses`. */
  rate: number;
  statuses: number[];
  /** Every Graph request is delayed by a value drawn between these (ms). */
  latencyMinMs: number;
  latencyMaxMs: number;
  seed: number;
  retryAfterSeconds: number;
}

export const DEFAULT_RANDOM_STATUSES: readonly number[] = [429, 500, 502, 503, 504];

export class FaultConfigError extends Error {}

function defaultRetryAfter(status: number | undefined): number | null {
  return status === 429 || status === 503 ? DEFAULT_FAULT_RETRY_AFTER_SECONDS : null;
}

function checkStatus(status: number): number {
  if (!Number.isInteger(status) || status < 400 || status > 599) throw new FaultConfigError(`fault status must be an HTTP error status (400-599), got ${status}`);
  return status;
}

/**
 * Parses the `x-emulator-fault` request header: `;`-separated parts, e.g. `429`,
 * `429;retry-after=0`, `503;retry-after=none`, `latency=10000`, `drop`, `expired-token`,
 * `500;latency=200`.
 */
export function parseFaultHeader(value: string): Fault {
  const fault: Fault = { source: 'header', label: `header:${value}` };
  let retryAfterSet = false;
  for (const raw of value.split(';')) {
    const part = raw.trim().toLowerCase();
    if (part === '') continue;
    if (/^\d{3}$/.test(part)) fault.status = checkStatus(Number(part));
    else if (part === 'drop') fault.drop = true;
    else if (part === 'expired-token') fault.expiredToken = true;
    else if (part.startsWith('latency=')) {
      const ms = Number(part.slice(8));
      if (!Number.isInteger(ms) || ms < 0 || ms > 600_000) throw new FaultConfigError(`latency must be 0-600000 ms, got ${part.slice(8)}`);
      fault.latencyMs = ms;
    } else if (part.startsWith('retry-after=')) {
      const v = part.slice(12);
      retryAfterSet = true;
      if (v === 'none') fault.retryAfter = null;
      else {
        const s = Number(v);
        if (!Number.isInteger(s) || s < 0) throw new FaultConfigError(`retry-after must be whole seconds or "none", got ${v}`);
        fault.retryAfter = s;
      }
    } else throw new FaultConfigError(`unknown x-emulator-fault part "${raw.trim()}"`);
  }
  if (!retryAfterSet) fault.retryAfter = defaultRetryAfter(fault.status);
  return fault;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const RULE_KEYS = new Set(['method', 'path', 'pathRegex', 'status', 'retryAfter', 'latencyMs', 'drop', 'expiredToken', 'times', 'skip']);

export function parseRules(body: unknown): StoredRule[] {
  if (!isRecord(body) || !Array.isArray(body.rules)) throw new FaultConfigError('expected { "rules": [ ... ] }');
  return body.rules.map((raw: unknown, i: number): StoredRule => {
    if (!isRecord(raw)) throw new FaultConfigError(`rule ${i} must be an object`);
    for (const key of Object.keys(raw)) if (!RULE_KEYS.has(key)) throw new FaultConfigError(`rule ${i}: unknown property "${key}"`);
    const rule: StoredRule = { times: 1, skip: 0, applied: 0 };
    if (raw.method !== undefined) {
      if (typeof raw.method !== 'string') throw new FaultConfigError(`rule ${i}: method must be a string`);
      rule.method = raw.method.toUpperCase();
    }
    if (raw.path !== undefined) {
      if (typeof raw.path !== 'string') throw new FaultConfigError(`rule ${i}: path must be a string`);
      rule.path = raw.path;
    }
    if (raw.pathRegex !== undefined) {
      if (typeof raw.pathRegex !== 'string') throw new FaultConfigError(`rule ${i}: pathRegex must be a string`);
      try {
        new RegExp(raw.pathRegex);
      } catch {
        throw new FaultConfigError(`rule ${i}: pathRegex is not a valid regular expression`);
      }
      rule.pathRegex = raw.pathRegex;
    }
    if (raw.status !== undefined) {
      if (typeof raw.status !== 'number') throw new FaultConfigError(`rule ${i}: status must be a number`);
      rule.status = checkStatus(raw.status);
    }
    if (raw.retryAfter !== undefined) {
      if (raw.retryAfter !== null && (typeof raw.retryAfter !== 'number' || !Number.isInteger(raw.retryAfter) || raw.retryAfter < 0)) {
        throw new FaultConfigError(`rule ${i}: retryAfter must be whole seconds or null`);
      }
      rule.retryAfter = raw.retryAfter;
    }
    if (raw.latencyMs !== undefined) {
      if (typeof raw.latencyMs !== 'number' || !Number.isInteger(raw.latencyMs) || raw.latencyMs < 0 || raw.latencyMs > 600_000) {
        throw new FaultConfigError(`rule ${i}: latencyMs must be 0-600000`);
      }
      rule.latencyMs = raw.latencyMs;
    }
    for (const flag of ['drop', 'expiredToken'] as const) {
      const v = raw[flag];
      if (v !== undefined) {
        if (typeof v !== 'boolean') throw new FaultConfigError(`rule ${i}: ${flag} must be a boolean`);
        rule[flag] = v;
      }
    }
    if (raw.times !== undefined) {
      if (raw.times !== null && (typeof raw.times !== 'number' || !Number.isInteger(raw.times) || raw.times < 1)) {
        throw new FaultConfigError(`rule ${i}: times must be a positive integer or null (always)`);
      }
      rule.times = raw.times;
    }
    if (raw.skip !== undefined) {
      if (typeof raw.skip !== 'number' || !Number.isInteger(raw.skip) || raw.skip < 0) throw new FaultConfigError(`rule ${i}: skip must be a non-negative integer`);
      rule.skip = raw.skip;
    }
    if (rule.status === undefined && rule.latencyMs === undefined && !rule.drop && !rule.expiredToken) {
      throw new FaultConfigError(`rule ${i}: give at least one of status, latencyMs, drop, expiredToken`);
    }
    return rule;
  });
}

export function publicRule(rule: StoredRule): FaultRule & { applied: number } {
  return { ...rule };
}

export class FaultInjector {
  private rules: StoredRule[] = [];
  random: RandomFaults | null;
  private rng: () => number;

  constructor(random: RandomFaults | null) {
    this.random = random;
    this.rng = createRandom(random?.seed ?? 1);
  }

  setRandom(random: RandomFaults | null): void {
    this.random = random;
    this.rng = createRandom(random?.seed ?? 1);
  }

  setRules(rules: StoredRule[]): void {
    this.rules = rules;
  }

  getRules(): StoredRule[] {
    return this.rules;
  }

  clearRules(): void {
    this.rules = [];
  }

  /**
   * Chooses the fault for one request: its header first, then the first matching rule (consumed
   * in order), then random mode (Graph requests only). Returns undefined for none.
   */
  choose(method: string, pathAndQuery: string, header: string | null, graph: boolean): Fault | undefined {
    if (header !== null && header.trim() !== '') return parseFaultHeader(header);
    for (const rule of this.rules) {
      if (rule.times !== null && rule.applied >= rule.times) continue;
      if (rule.method && rule.method !== method.toUpperCase()) continue;
      if (rule.path !== undefined && !pathAndQuery.includes(rule.path)) continue;
      if (rule.pathRegex !== undefined && !new RegExp(rule.pathRegex).test(pathAndQuery)) continue;
      if (rule.skip > 0) {
        rule.skip -= 1;
        return undefined;
      }
      rule.applied += 1;
      const fault: Fault = { source: 'rule', label: `rule:${this.rules.indexOf(rule)}` };
      if (rule.status !== undefined) fault.status = rule.status;
      fault.retryAfter = rule.retryAfter !== undefined ? rule.retryAfter : defaultRetryAfter(rule.status);
      if (rule.latencyMs !== undefined) fault.latencyMs = rule.latencyMs;
      if (rule.drop) fault.drop = true;
      if (rule.expiredToken) fault.expiredToken = true;
      return fault;
    }
    const random = this.random;
    if (!graph || !random) return undefined;
    const latency = random.latencyMaxMs > 0 ? Math.round(random.latencyMinMs + this.rng() * (random.latencyMaxMs - random.latencyMinMs)) : 0;
    const failing = random.rate > 0 && this.rng() < random.rate;
    if (!failing && latency === 0) return undefined;
    const fault: Fault = { source: 'random', label: 'random' };
    if (latency > 0) {
      fault.latencyMs = latency;
      fault.label = `random:latency=${latency}`;
    }
    if (failing && random.statuses.length > 0) {
      const status = random.statuses[Math.floor(this.rng() * random.statuses.length)] ?? 500;
      fault.status = status;
      fault.retryAfter = status === 429 || status === 503 ? random.retryAfterSeconds : null;
      fault.label = `random:${status}${latency > 0 ? `;latency=${latency}` : ''}`;
    }
    return fault;
  }
}
