import { Hono } from 'hono';
import { createAdminApp } from './admin.ts';
import { DEFAULT_APP_ORIGINS, DEFAULT_BIG_SCRIPT_SIZE, DEFAULT_PORT, DEFAULT_PUBLIC_ORIGIN } from './constants.ts';
import { DEFAULT_RANDOM_STATUSES, FaultConfigError, FaultInjector, type RandomFaults } from './faults/faults.ts';
import { RequestLog } from './faults/request-log.ts';
import { INTUNE_LIMITS, Throttle, type ThrottleLimits } from './faults/throttle.ts';
import { graphCorsHeaders, graphPreflight } from './graph/cors.ts';
import { GRAPH_PREFIX } from './graph/handler.ts';
import { GraphPipeline } from './graph/pipeline.ts';
import { DropSignal } from './http.ts';
import { loadSigningKeys } from './identity/keys.ts';
import { identityPipeline } from './identity/pipeline.ts';
import { createIdentityApp } from './identity/routes.ts';
import { TokenService } from './identity/tokens.ts';
import { Journal } from './store/journal.ts';
import { Store } from './store/store.ts';

export interface RandomFaultOptions {
  /** Probability 0–1 that a Graph request fails. */
  rate?: number;
  statuses?: number[];
  latencyMinMs?: number;
  latencyMaxMs?: number;
  seed?: number;
  /** Retry-After sent with random 429/503 (default 1). */
  retryAfterSeconds?: number;
}

export interface EmulatorOptions {
  /** Directory for the journal and the signing key; undefined keeps everything in memory. */
  dataDir?: string;
  /** Start from a fresh seed, discarding the journal (the CLI's --reset). */
  resetData?: boolean;
  /** User states of the big script (default 100,000). */
  bigScriptSize?: number;
  /** Access-token lifetime (default 3600 s). */
  tokenLifetimeSeconds?: number;
  /** Intune's limits by default; false switches throttling off; an object overrides some limits. */
  throttle?: Partial<ThrottleLimits> | false;
  /** Random fault mode (off by default). */
  faults?: RandomFaultOptions | null;
  /** Origins of the dashboard (CORS at the token endpoint, extra redirect URIs). */
  appOrigins?: string[];
  port?: number;
  /** The origin clients use (default http://localhost:{port}). */
  publicOrigin?: string;
}

export interface EmulatorConfig {
  dataDir: string | null;
  bigScriptSize: number;
  tokenLifetimeSeconds: number;
  throttle: ThrottleLimits | null;
  faults: RandomFaults | null;
  appOrigins: string[];
  publicOrigin: string;
}

export interface Emulator {
  /** Web-standard Request → Response; rejects (TypeError) when a fault drops the connection. */
  fetch(request: Request): Promise<Response>;
  readonly store: Store;
  readonly tokens: TokenService;
  readonly faults: FaultInjector;
  readonly throttle: Throttle;
  readonly log: RequestLog;
  readonly graph: GraphPipeline;
  readonly app: Hono;
  readonly publicOrigin: string;
  /** Notes for the operator from start-up (e.g. journal replay). */
  readonly startupNotes: string[];
  config(): EmulatorConfig;
  /** Reseeds (clearing the journal), clears fault rules, throttle windows, revocations and the request log. */
  reset(seed?: { bigScriptSize?: number }): Promise<void>;
  close(): Promise<void>;
}

function resolveRandom(options: RandomFaultOptions | null | undefined): RandomFaults | null {
  if (!options) return null;
  const rate = options.rate ?? 0;
  const latencyMinMs = options.latencyMinMs ?? 0;
  const latencyMaxMs = options.latencyMaxMs ?? latencyMinMs;
  if (rate < 0 || rate > 1) throw new FaultConfigError('fault rate must be between 0 and 1');
  if (latencyMaxMs < latencyMinMs) throw new FaultConfigError('latency max must be at least latency min');
  if (rate === 0 && latencyMaxMs === 0) return null;
  return {
    rate,
    statuses: options.statuses && options.statuses.length > 0 ? options.statuses : [...DEFAULT_RANDOM_STATUSES],
    latencyMinMs,
    latencyMaxMs,
    seed: options.seed ?? 1,
    retryAfterSeconds: options.retryAfterSeconds ?? 1,
  };
}

export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const port = options.port ?? DEFAULT_PORT;
  const publicOrigin = (options.publicOrigin ?? (options.port !== undefined ? `http://localhost:${port}` : DEFAULT_PUBLIC_ORIGIN)).replace(/\/$/, '');
  const appOrigins = [...(options.appOrigins ?? DEFAULT_APP_ORIGINS)];
  const notes: string[] = [];

  // Key generation runs on libuv's thread pool: start it, seed meanwhile, then wait for it.
  const keysReady = loadSigningKeys(options.dataDir);
  const throttle = new Throttle(options.throttle === false ? null : { ...INTUNE_LIMITS, ...(options.throttle ?? {}) });
  const faults = new FaultInjector(resolveRandom(options.faults));
  const log = new RequestLog();

  // Data: regenerate the seed, then replay the journal of acknowledged writes.
  let store: Store;
  if (options.dataDir) {
    const { journal, entries } = Journal.open(options.dataDir);
    store = new Store(journal);
    const header = entries[0];
    if (options.resetData || !header || header.op !== 'seed') {
      store.reset(options.bigScriptSize ?? DEFAULT_BIG_SCRIPT_SIZE);
      notes.push(`fresh seed (${store.bigScriptSize} user states in the big script), journal ${journal.path}`);
    } else {
      if (options.bigScriptSize !== undefined && options.bigScriptSize !== header.bigScriptSize) {
        notes.push(`the journal was seeded with --big-script-size ${header.bigScriptSize}; keeping it (pass --reset to reseed with ${options.bigScriptSize})`);
      }
      store.load(header.bigScriptSize);
      const applied = store.replay(entries.slice(1));
      notes.push(`replayed ${applied} acknowledged write(s) from ${journal.path}`);
    }
  } else {
    store = new Store(null);
    store.load(options.bigScriptSize ?? DEFAULT_BIG_SCRIPT_SIZE);
  }

  const keys = await keysReady;
  const tokens = new TokenService(keys, publicOrigin, options.tokenLifetimeSeconds ?? 3600);
  const graph = new GraphPipeline({ store: () => store, tokens, throttle, faults, log, publicOrigin });
  const identity = createIdentityApp({ tokens, publicOrigin, appOrigins: () => appOrigins });

  const reset = async (seed?: { bigScriptSize?: number }): Promise<void> => {
    store.reset(seed?.bigScriptSize ?? store.bigScriptSize);
    faults.clearRules();
    throttle.reset();
    tokens.clearRevocations();
    log.clear();
    await Promise.resolve();
  };

  const config = (): EmulatorConfig => ({
    dataDir: options.dataDir ?? null,
    bigScriptSize: store.bigScriptSize,
    tokenLifetimeSeconds: tokens.lifetimeSeconds,
    throttle: throttle.limits,
    faults: faults.random,
    appOrigins,
    publicOrigin,
  });

  const identityRequests = identityPipeline({ log, faults, appOrigins: () => appOrigins, serve: (request) => identity.fetch(request) });

  const app = new Hono();
  app.onError((error, c) => {
    if (error instanceof DropSignal) throw error;
    console.error('emulator: unexpected error', error);
    return c.json({ error: 'internal error' }, 500);
  });
  app.route(
    '/_emulator',
    createAdminApp({
      store,
      tokens,
      faults,
      throttle,
      log,
      reset,
      describeConfig: config,
    }),
  );
  app.options(`${GRAPH_PREFIX}/*`, (c) => graphPreflight(c.req.header('Origin') ?? null));
  app.all(`${GRAPH_PREFIX}/*`, async (c) => {
    const response = await graph.handle(c.req.raw);
    for (const [name, value] of Object.entries(graphCorsHeaders(c.req.header('Origin') ?? null))) response.headers.set(name, value);
    return response;
  });
  app.all('*', (c) => identityRequests(c.req.raw));

  return {
    fetch: async (request) => {
      const response = await app.fetch(request);
      return response;
    },
    store,
    tokens,
    faults,
    throttle,
    log,
    graph,
    app,
    publicOrigin,
    startupNotes: notes,
    config,
    reset,
    close: async () => {
      store.close();
      await Promise.resolve();
    },
  };
}
