import { Hono, type Context } from 'hono';
import { ACCOUNT_LIST, CLIENT_ID, SCRIPT_COLLECTIONS, type ScriptKind } from './constants.ts';
import { DEFAULT_RANDOM_STATUSES, FaultConfigError, parseRules, publicRule, type FaultInjector, type RandomFaults } from './faults/faults.ts';
import type { RequestLog } from './faults/request-log.ts';
import { INTUNE_LIMITS, type Throttle, type ThrottleLimits } from './faults/throttle.ts';
import { isRecord } from './http.ts';
import { findAccount, type TokenService } from './identity/tokens.ts';
import { publicUserState, type Store } from './store/store.ts';

export interface AdminDeps {
  store: Store;
  tokens: TokenService;
  faults: FaultInjector;
  throttle: Throttle;
  log: RequestLog;
  reset(seed?: { bigScriptSize?: number }): Promise<void>;
  describeConfig(): object;
}

class AdminInputError extends Error {}

async function readJson(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AdminInputError('body is not valid JSON');
  }
  if (!isRecord(parsed)) throw new AdminInputError('body must be a JSON object');
  return parsed;
}

function nonNegativeInt(value: unknown, name: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) throw new AdminInputError(`${name} must be an integer between 0 and ${max}`);
  return value;
}

export function parseRandomFaults(value: unknown): RandomFaults | null {
  if (value === null || value === false) return null;
  if (!isRecord(value)) throw new AdminInputError('faults must be an object or null');
  const rate = value.rate ?? 0;
  if (typeof rate !== 'number' || rate < 0 || rate > 1) throw new AdminInputError('faults.rate must be between 0 and 1');
  const statuses = value.statuses ?? [...DEFAULT_RANDOM_STATUSES];
  if (!Array.isArray(statuses) || !statuses.every((s): s is number => typeof s === 'number' && Number.isInteger(s) && s >= 400 && s <= 599)) {
    throw new AdminInputError('faults.statuses must be HTTP error statuses');
  }
  const latencyMinMs = nonNegativeInt(value.latencyMinMs ?? 0, 'faults.latencyMinMs', 600_000);
  const latencyMaxMs = nonNegativeInt(value.latencyMaxMs ?? latencyMinMs, 'faults.latencyMaxMs', 600_000);
  if (latencyMaxMs < latencyMinMs) throw new AdminInputError('faults.latencyMaxMs must be at least latencyMinMs');
  return {
    rate,
    statuses,
    latencyMinMs,
    latencyMaxMs,
    seed: nonNegativeInt(value.seed ?? 1, 'faults.seed'),
    retryAfterSeconds: nonNegativeInt(value.retryAfterSeconds ?? 1, 'faults.retryAfterSeconds', 3600),
  };
}

export function parseThrottle(value: unknown, current: ThrottleLimits | null): ThrottleLimits | null {
  if (value === false || value === null) return null;
  if (value === true) return { ...INTUNE_LIMITS };
  if (!isRecord(value)) throw new AdminInputError('throttle must be true, false or an object of limits');
  const base = current ?? INTUNE_LIMITS;
  const out: ThrottleLimits = { ...base };
  for (const key of ['windowSeconds', 'writesPerApp', 'writesPerTenant', 'requestsPerApp', 'requestsPerTenant'] as const) {
    if (value[key] !== undefined) out[key] = nonNegativeInt(value[key], `throttle.${key}`);
  }
  if (out.windowSeconds < 1) throw new AdminInputError('throttle.windowSeconds must be at least 1');
  return out;
}

/** Test and demo controls under /_emulator (never part of Graph). */
export function createAdminApp(deps: AdminDeps): Hono {
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('Access-Control-Allow-Origin', '*');
    c.res.headers.set('Cache-Control', 'no-store');
  });
  app.options('*', () => new Response(null, { status: 204, headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS', 'Access-Control-Allow-Headers': 'Content-Type' } }));
  app.onError((error, c) => {
    if (error instanceof AdminInputError || error instanceof FaultConfigError) return c.json({ error: error.message }, 400);
    console.error('emulator: admin endpoint failed', error);
    return c.json({ error: 'internal error' }, 500);
  });

  app.get('/', (c) =>
    c.json({
      endpoints: [
        'GET /_emulator/health',
        'GET|POST /_emulator/config',
        'POST /_emulator/reset',
        'GET|PUT|DELETE /_emulator/faults',
        'GET|DELETE /_emulator/requests',
        'GET /_emulator/retry-compliance',
        'POST /_emulator/tokens',
        'POST /_emulator/tokens/expire',
        'POST /_emulator/sessions/revoke',
        ...Object.values(SCRIPT_COLLECTIONS).map((collection) => `GET /_emulator/store/${collection}[/{id}[/runSummary|/userRunStates[/{id}]]]`),
      ],
    }),
  );
  app.get('/health', (c) => c.json({ status: 'ok', version: deps.store.version }));

  app.get('/config', (c) => c.json(deps.describeConfig()));
  app.post('/config', async (c) => {
    const body = await readJson(c);
    // Validate everything before changing anything.
    const lifetime = body.tokenLifetimeSeconds === undefined ? undefined : nonNegativeInt(body.tokenLifetimeSeconds, 'tokenLifetimeSeconds', 86_400);
    let limits = deps.throttle.limits;
    if (body.throttle !== undefined) limits = parseThrottle(body.throttle, deps.throttle.limits);
    if (body.writeLimit !== undefined) {
      const n = nonNegativeInt(body.writeLimit, 'writeLimit');
      limits = { ...(limits ?? INTUNE_LIMITS), writesPerApp: n, writesPerTenant: n * 2 };
    }
    const random = body.faults === undefined ? deps.faults.random : parseRandomFaults(body.faults);
    for (const key of Object.keys(body)) {
      if (!['tokenLifetimeSeconds', 'throttle', 'writeLimit', 'faults'].includes(key)) throw new AdminInputError(`unknown config property "${key}"`);
    }
    if (lifetime !== undefined) deps.tokens.lifetimeSeconds = lifetime;
    if (limits !== deps.throttle.limits) {
      deps.throttle.limits = limits;
      deps.throttle.reset();
    }
    if (body.faults !== undefined) deps.faults.setRandom(random);
    return c.json(deps.describeConfig());
  });

  app.post('/reset', async (c) => {
    const body = await readJson(c);
    const seed: { bigScriptSize?: number } = {};
    if (body.bigScriptSize !== undefined) seed.bigScriptSize = nonNegativeInt(body.bigScriptSize, 'bigScriptSize', 2_000_000);
    await deps.reset(seed);
    return c.json({ reset: true, bigScriptSize: deps.store.bigScriptSize });
  });

  const describeFaults = (): object => ({ rules: deps.faults.getRules().map(publicRule), random: deps.faults.random });
  app.get('/faults', (c) => c.json(describeFaults()));
  app.put('/faults', async (c) => {
    deps.faults.setRules(parseRules(await readJson(c)));
    return c.json(describeFaults());
  });
  app.delete('/faults', (c) => {
    deps.faults.clearRules();
    return c.json(describeFaults());
  });

  app.get('/requests', (c) => {
    const since = Number(c.req.query('since') ?? '0');
    const entries = deps.log.list().filter((e) => e.seq > since);
    return c.json({ count: entries.length, value: entries });
  });
  app.delete('/requests', (c) => {
    deps.log.clear();
    return c.body(null, 204);
  });
  app.get('/retry-compliance', (c) => c.json(deps.log.retryCompliance()));

  app.post('/tokens', async (c) => {
    const body = await readJson(c);
    const lifetimeSeconds = body.lifetimeSeconds === undefined ? undefined : nonNegativeInt(body.lifetimeSeconds, 'lifetimeSeconds', 86_400);
    const clientId = typeof body.clientId === 'string' ? body.clientId : CLIENT_ID;
    if (body.appOnly === true) {
      const roles = Array.isArray(body.roles) ? body.roles.filter((r): r is string => typeof r === 'string') : ['DeviceManagementManagedDevices.ReadWrite.All'];
      const token = await deps.tokens.mintAppOnlyToken({ clientId, roles, ...(lifetimeSeconds !== undefined ? { lifetimeSeconds } : {}) });
      return c.json({ token_type: 'Bearer', access_token: token, expires_in: lifetimeSeconds ?? deps.tokens.lifetimeSeconds });
    }
    const upn = typeof body.upn === 'string' ? body.upn : '';
    const account = findAccount(upn);
    if (!account) throw new AdminInputError(`unknown account "${upn}"; seeded: ${ACCOUNT_LIST.map((a) => a.upn).join(', ')}`);
    const scopes = Array.isArray(body.scopes) ? body.scopes.filter((s): s is string => typeof s === 'string') : [...account.graphScopes];
    const minted = await deps.tokens.mintAccessToken({ account, clientId, scopes, ...(lifetimeSeconds !== undefined ? { lifetimeSeconds } : {}) });
    return c.json({ token_type: 'Bearer', access_token: minted.token, expires_in: minted.expiresIn, scope: scopes.join(' ') });
  });
  app.post('/tokens/expire', async (c) => {
    const body = await readJson(c);
    const count = body.count === undefined ? 1 : nonNegativeInt(body.count, 'count');
    const upn = typeof body.upn === 'string' ? body.upn : undefined;
    deps.tokens.expireNext(count, upn);
    return c.json({ pending: deps.tokens.pendingForcedExpiries(), upn: upn ?? null });
  });
  app.post('/sessions/revoke', async (c) => {
    const body = await readJson(c);
    const upn = typeof body.upn === 'string' ? body.upn : '';
    const account = findAccount(upn);
    if (!account) throw new AdminInputError(`unknown account "${upn}"`);
    deps.tokens.revokeUser(account);
    return c.json({ revoked: account.upn });
  });

  // Raw store reads, no auth: for tests that check what was (or was not) written. One set per
  // script collection; a script is found only under its own kind's collection, as in Graph.
  for (const [kind, collection] of Object.entries(SCRIPT_COLLECTIONS) as [ScriptKind, string][]) {
    const base = `/store/${collection}`;
    app.get(base, (c) =>
      c.json({ value: deps.store.listScripts(kind).map((s) => ({ id: s.id, displayName: s.displayName, userStateCount: deps.store.countUserStates(s.id) })) }),
    );
    app.get(`${base}/:scriptId`, (c) => {
      const script = deps.store.getScript(c.req.param('scriptId'), kind);
      if (!script) return c.json({ error: 'script not found' }, 404);
      return c.json({ id: script.id, displayName: script.displayName, userStateCount: deps.store.countUserStates(script.id) });
    });
    app.get(`${base}/:scriptId/runSummary`, (c) => {
      const id = c.req.param('scriptId');
      if (!deps.store.getScript(id, kind)) return c.json({ error: 'script not found' }, 404);
      return c.json(deps.store.runSummary(id));
    });
    app.get(`${base}/:scriptId/userRunStates`, (c) => {
      const id = c.req.param('scriptId');
      if (!deps.store.getScript(id, kind)) return c.json({ error: 'script not found' }, 404);
      const count = deps.store.countUserStates(id);
      if (c.req.query('countOnly') === 'true') return c.json({ count });
      const upn = c.req.query('userPrincipalName');
      let rows = deps.store.allUserStates(id);
      if (upn !== undefined) rows = rows.filter((r) => r.userPrincipalName === upn);
      const offset = Number(c.req.query('offset') ?? '0') || 0;
      const limit = Number(c.req.query('limit') ?? String(rows.length)) || rows.length;
      return c.json({ count, value: rows.slice(offset, offset + limit) });
    });
    app.get(`${base}/:scriptId/userRunStates/:id`, (c) => {
      const scriptId = c.req.param('scriptId');
      const row = deps.store.getScript(scriptId, kind) ? deps.store.getUserState(scriptId, c.req.param('id')) : undefined;
      if (!row) return c.json({ error: 'user state not found' }, 404);
      return c.json(publicUserState(row));
    });
  }

  return app;
}
