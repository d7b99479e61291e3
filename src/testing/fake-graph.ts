import type { BatchRequest, BatchResult } from '../lib/graph/batch';
import type { GraphClient, GraphPage } from '../lib/graph/graph-client';
import type { ResponseSchema } from '../lib/graph/response-schema';
import { GraphError } from '../lib/graph/graph-error';

export interface FakeRequest {
  method: 'GET' | 'PATCH';
  path: string;
  body?: unknown;
}

type Json = Record<string, unknown>;

export interface FakeGraphSeed {
  /** A script's `kind` (default `deviceManagementScripts`) is the collection it lives in; Graph answers without it. */
  scripts?: Json[];
  /** User states per script id. */
  userStates?: Record<string, Json[]>;
  pageSize?: number;
}

/**
 * An in-memory Graph behind the app's GraphClient interface, for component and hook tests.
 * (Wire-level behaviour — retries, headers, paging URLs — is tested on the real client.)
 */
export function createFakeGraph(seed: FakeGraphSeed = {}) {
  const scripts = new Map((seed.scripts ?? []).map((script) => [String(script.id), { ...script }]));
  const userStates = new Map(
    Object.entries(seed.userStates ?? {}).map(([scriptId, states]) => [
      scriptId,
      new Map(states.map((state) => [String(state.id), { ...state }])),
    ]),
  );
  const pageSize = seed.pageSize ?? 1000;
  const requests: FakeRequest[] = [];
  const failures: Array<{ method: 'GET' | 'PATCH'; error: GraphError }> = [];
  let gate: Promise<void> | null = null;

  const notFound = () => new GraphError({ status: 404, code: 'ResourceNotFound', message: 'not found', requestId: 'req-404' });

  async function answer(method: 'GET' | 'PATCH', path: string, body?: unknown): Promise<unknown> {
    requests.push(body === undefined ? { method, path } : { method, path, body });
    if (gate !== null) await gate;
    const failureIndex = failures.findIndex((failure) => failure.method === method);
    if (failureIndex !== -1) {
      const [failure] = failures.splice(failureIndex, 1);
      if (failure !== undefined) throw failure.error;
    }
    const url = new URL(path, 'https://graph.test');
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    // deviceManagement / {collection} / {id} / userRunStates / {id} | runSummary
    const [, collection = '', scriptId, child, stateId] = segments;
    const inCollection = (candidate: Json) => (candidate.kind ?? 'deviceManagementScripts') === collection;
    if (scriptId === undefined) return { value: [...scripts.values()].filter(inCollection).map(graphScript) };
    const found = scripts.get(scriptId);
    // A script is found only under its own collection, as in Graph.
    const script = found !== undefined && inCollection(found) ? found : undefined;
    if (child === 'runSummary') {
      if (script === undefined) throw notFound();
      return script.runSummary ?? { successDeviceCount: 0, errorDeviceCount: 0, successUserCount: 0, errorUserCount: 0 };
    }
    if (child === undefined) {
      if (script === undefined) throw notFound();
      return graphScript(script);
    }
    // User states seeded without their script belong to a Windows script.
    const states = (found === undefined ? collection === 'deviceManagementScripts' : script !== undefined) ? userStates.get(scriptId) : undefined;
    if (states === undefined) throw notFound();
    if (stateId === undefined) {
      const all = [...states.values()];
      const skip = Number(url.searchParams.get('skip') ?? '0');
      const page = all.slice(skip, skip + pageSize);
      const next = skip + pageSize < all.length ? `https://graph.test${url.pathname}?skip=${skip + pageSize}` : undefined;
      return {
        value: page,
        ...(url.searchParams.get('$count') === 'true' ? { '@odata.count': all.length } : {}),
        ...(next === undefined ? {} : { '@odata.nextLink': next }),
      };
    }
    const state = states.get(stateId);
    if (state === undefined) throw notFound();
    if (method === 'PATCH') Object.assign(state, body);
    return { ...state };
  }

  const client: GraphClient = {
    async get<T>(path: string, schema: ResponseSchema<T>) {
      return parse(schema, await answer('GET', path));
    },
    async patch<T>(path: string, body: unknown, schema: ResponseSchema<T>) {
      return parse(schema, await answer('PATCH', path, body));
    },
    async *pages<T>(path: string, itemSchema: ResponseSchema<T>): AsyncGenerator<GraphPage<T>> {
      let next: string | null = path;
      while (next !== null) {
        const page = (await answer('GET', next)) as { value: unknown[]; '@odata.count'?: number; '@odata.nextLink'?: string };
        next = page['@odata.nextLink'] ?? null;
        yield { items: page.value.map((item) => parse(itemSchema, item)), count: page['@odata.count'] ?? null, nextLink: next };
      }
    },
    // Each request answered on its own, as Graph does inside a batch; a failure is that item's result.
    async batch<T>(batchRequests: readonly BatchRequest<T>[]) {
      const results: BatchResult<T>[] = [];
      for (const [index, request] of batchRequests.entries()) {
        const clientRequestId = `fake-crid-${index}`;
        try {
          const body = parse(request.schema, await answer(request.method, request.path, request.body));
          results.push({ ok: true, status: 200, body, requestId: `fake-req-${index}`, clientRequestId });
        } catch (error) {
          if (!(error instanceof GraphError)) throw error;
          results.push({ ok: false, error });
        }
      }
      return results;
    },
  };

  return {
    client,
    requests,
    /** Reads the store directly (like the emulator's /_emulator/store). */
    userState: (scriptId: string, stateId: string) => userStates.get(scriptId)?.get(stateId),
    /** Another admin's change, straight into the store. */
    changeUserState: (scriptId: string, stateId: string, changes: Json) => {
      const state = userStates.get(scriptId)?.get(stateId);
      if (state !== undefined) Object.assign(state, changes);
    },
    failNext: (method: 'GET' | 'PATCH', error: GraphError) => failures.push({ method, error }),
    /** Holds every answer until the returned function is called. */
    hold: () => {
      let release = () => {};
      gate = new Promise<void>((resolve) => {
        release = () => {
          gate = null;
          resolve();
        };
      });
      return release;
    },
  };
}

/** The script as Graph shows it: the fake's `kind` is where it lives, not a property. */
function graphScript(script: Json): Json {
  const shown = { ...script };
  delete shown.kind;
  return shown;
}

function parse<T>(schema: ResponseSchema<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new Error(`fake Graph: unexpected shape ${JSON.stringify(data)}`);
  return result.data;
}

export type FakeGraph = ReturnType<typeof createFakeGraph>;

export function makeUserStates(count: number, prefix = 'user'): Json[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `state-${index + 1}`,
    userPrincipalName: `${prefix}${index + 1}@contoso.com`,
    successDeviceCount: index % 7,
    errorDeviceCount: index % 3,
  }));
}
