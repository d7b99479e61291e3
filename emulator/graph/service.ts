import { GRAPH_APP_ID, GRAPH_READ_SCOPES, GRAPH_WRITE_SCOPES } from '../constants.ts';
import { FaultConfigError, type Fault, type FaultInjector } from '../faults/faults.ts';
import type { LoggedRequest, RequestLog } from '../faults/request-log.ts';
import type { Throttle } from '../faults/throttle.ts';
import { DropSignal, GRAPH_JSON, isRecord, newRequestId, sleep } from '../http.ts';
import type { GraphPrincipal, TokenService } from '../identity/tokens.ts';
import { guidFrom } from '../seed/prng.ts';
import { ConflictError, NotFoundError, publicUserState, type Store } from '../store/store.ts';
import { handleBatch } from './batch.ts';
import {
  DEVICE_STATE_SCHEMA,
  deviceStateEntity,
  deviceStatesOf,
  RUN_SUMMARY_TYPE,
  SCRIPT_SCHEMA,
  scriptEntity,
  SINGLE_OPTIONS,
  USER_STATE_SCHEMA,
  userStateEntity,
  type ScriptSortField,
  type DeviceStateSortField,
} from './entities.ts';
import { codeForStatus, graphError, messageForStatus, type ErrorIds } from './errors.ts';
import type { FieldDef } from './filter.ts';
import { encodeSkipToken, nextLink, parseCollectionOptions, QueryError, type CollectionSchema } from './odata.ts';
import { isJsonContentType, validateCreate, validatePatch } from './validate.ts';

/** Longer request bodies are cut in the request log. */
const MAX_LOGGED_BODY_CHARS = 4096;

export interface GraphDeps {
  store: () => Store;
  tokens: TokenService;
  throttle: Throttle;
  faults: FaultInjector;
  log: RequestLog;
  publicOrigin: string;
}

export interface BatchTag {
  requestId: string;
  id: string;
}

interface Call {
  request: Request;
  url: URL;
  params: Record<string, string>;
  ids: ErrorIds;
  principal: GraphPrincipal;
}

type Handler = (call: Call) => Promise<Response> | Response;

interface Route {
  method: string;
  template: string;
  segments: string[];
  write: boolean;
  handler: Handler;
}

export const GRAPH_PREFIX = '/beta';

/** Graph's CORS answer: every origin (bearer tokens, no cookies), these headers allowed and exposed. */
export const GRAPH_CORS_ALLOW_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'client-request-id',
  'return-client-request-id',
  'SdkVersion',
  'Prefer',
  'ConsistencyLevel',
  'Cache-Control',
  'If-Match',
  'If-None-Match',
  'x-ms-client-request-id',
  'x-emulator-fault',
].join(', ');
export const GRAPH_CORS_EXPOSE_HEADERS = ['request-id', 'client-request-id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Location', 'x-ms-ags-diagnostic'].join(', ');

export function graphCorsHeaders(origin: string | null): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin ?? '*',
    'Access-Control-Expose-Headers': GRAPH_CORS_EXPOSE_HEADERS,
    Vary: 'Origin',
  };
}

export function graphPreflight(origin: string | null): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...graphCorsHeaders(origin),
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': GRAPH_CORS_ALLOW_HEADERS,
      'Access-Control-Max-Age': '3600',
    },
  });
}

function splitSegments(path: string): string[] {
  const out: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      segment = raw;
    }
    // OData key syntax: deviceManagementScripts('id') is the same as deviceManagementScripts/id.
    const key = /^([A-Za-z]+)\('?([^')]*)'?\)$/.exec(segment);
    if (key?.[1] && key[2] !== undefined) out.push(key[1], key[2]);
    else out.push(segment);
  }
  return out;
}

function ok(body: object, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': GRAPH_JSON, 'OData-Version': '4.0', ...headers } });
}

/** The Microsoft Graph beta side: authentication, faults, throttling, routing and handlers. */
export class GraphService {
  private readonly deps: GraphDeps;
  private readonly routes: Route[];

  constructor(deps: GraphDeps) {
    this.deps = deps;
    const scripts = '/deviceManagement/deviceManagementScripts';
    const states = `${scripts}/{scriptId}/userRunStates`;
    // Mirrors Graph's resource paths (https://graph.microsoft.com/beta/...).
    this.routes = [
      this.route('GET', scripts, (c) => this.listScripts(c)),
      this.route('GET', `${scripts}/{scriptId}`, (c) => this.getScript(c)),
      this.route('GET', `${scripts}/{scriptId}/runSummary`, (c) => this.getRunSummary(c)),
      this.route('GET', states, (c) => this.listUserStates(c)),
      this.route('POST', states, (c) => this.createUserState(c)),
      this.route('GET', `${states}/{userStateId}`, (c) => this.getUserState(c)),
      this.route('PATCH', `${states}/{userStateId}`, (c) => this.patchUserState(c)),
      this.route('DELETE', `${states}/{userStateId}`, (c) => this.deleteUserState(c)),
      this.route('GET', `${states}/{userStateId}/deviceRunStates`, (c) => this.listDeviceStates(c)),
      this.route('GET', `${states}/{userStateId}/deviceRunStates/{deviceStateId}`, (c) => this.getDeviceState(c)),
    ];
  }

  /** The route table, for documentation and tests. */
  routeTable(): { method: string; path: string }[] {
    return [...this.routes.map((r) => ({ method: r.method, path: r.template })), { method: 'POST', path: '/$batch' }];
  }

  private route(method: string, template: string, handler: Handler): Route {
    return { method, template, segments: splitSegments(template), write: method !== 'GET', handler };
  }

  private get store(): Store {
    return this.deps.store();
  }

  private match(method: string, segments: string[]): { route: Route; params: Record<string, string> } | { error: 'segment'; segment: string } | { error: 'method' } {
    let methodMismatch = false;
    let deepest = -1;
    for (const route of this.routes) {
      if (route.segments.length !== segments.length) {
        // Track how far the path matched, for the "Resource not found for the segment" message.
        let i = 0;
        while (i < Math.min(route.segments.length, segments.length)) {
          const t = route.segments[i] ?? '';
          if (!(t.startsWith('{') || t.toLowerCase() === (segments[i] ?? '').toLowerCase())) break;
          i += 1;
        }
        deepest = Math.max(deepest, i);
        continue;
      }
      const params: Record<string, string> = {};
      let matched = true;
      for (let i = 0; i < segments.length; i += 1) {
        const t = route.segments[i] ?? '';
        const s = segments[i] ?? '';
        if (t.startsWith('{')) params[t.slice(1, -1)] = s;
        else if (t.toLowerCase() !== s.toLowerCase()) {
          matched = false;
          deepest = Math.max(deepest, i);
          break;
        }
      }
      if (!matched) continue;
      if (route.method !== method) {
        methodMismatch = true;
        continue;
      }
      return { route, params };
    }
    if (methodMismatch) return { error: 'method' };
    return { error: 'segment', segment: segments[Math.max(0, deepest)] ?? '' };
  }

  /**
   * Handles one Graph request (or one request inside a $batch): logs it, applies faults,
   * authenticates, throttles, routes. Throws DropSignal when the connection must be dropped.
   */
  async handle(request: Request, batch?: BatchTag): Promise<Response> {
    const url = new URL(request.url);
    const requestId = newRequestId();
    const sent = request.headers.get('client-request-id');
    const ids: ErrorIds = { requestId, clientRequestId: sent ?? requestId };
    // Writes keep their body in the log, so tests can check what a client sent on the wire.
    const body = request.method === 'PATCH' || request.method === 'POST' || request.method === 'PUT' ? await request.clone().text().catch(() => null) : null;
    const entry = this.deps.log.start({
      requestId,
      clientRequestId: sent,
      method: request.method,
      path: url.pathname + url.search,
      ...(body === null ? {} : { body: body.slice(0, MAX_LOGGED_BODY_CHARS) }),
      ...(batch ? { batch } : {}),
    });
    let response: Response;
    try {
      response = await this.run(request, url, ids, entry, batch);
    } catch (error) {
      if (error instanceof DropSignal) {
        this.deps.log.finish(entry, null, null);
        throw error;
      }
      console.error('emulator: unexpected error in a Graph handler', error);
      response = graphError(ids, 500, 'InternalServerError', 'An internal server error occurred.');
    }
    response.headers.set('request-id', ids.requestId);
    response.headers.set('client-request-id', ids.clientRequestId);
    response.headers.set('x-ms-ags-diagnostic', '{"ServerInfo":{"DataCenter":"Local","Slice":"E","Ring":"0","ScaleUnit":"000","RoleInstance":"emulator"}}');
    if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-cache');
    const retryAfter = response.headers.get('Retry-After');
    this.deps.log.finish(entry, response.status, retryAfter === null ? null : Number(retryAfter));
    return response;
  }

  private faultResponse(ids: ErrorIds, fault: Fault, status: number): Response {
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== null && fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
    if (status === 401) headers['WWW-Authenticate'] = this.wwwAuthenticate();
    return graphError(ids, status, codeForStatus(status), messageForStatus(status), headers);
  }

  private wwwAuthenticate(extra = ''): string {
    return `Bearer realm="", authorization_uri="${this.deps.publicOrigin}/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"${extra}`;
  }

  private async run(request: Request, url: URL, ids: ErrorIds, entry: LoggedRequest, batch: BatchTag | undefined): Promise<Response> {
    const path = url.pathname.slice(GRAPH_PREFIX.length);
    const isBatch = !batch && path.toLowerCase() === '/$batch';
    let fault: Fault | undefined;
    try {
      fault = this.deps.faults.choose(request.method, url.pathname + url.search, request.headers.get('x-emulator-fault'), !isBatch);
    } catch (error) {
      if (error instanceof FaultConfigError) return graphError(ids, 400, 'BadRequest', `x-emulator-fault: ${error.message}`);
      throw error;
    }
    if (fault) {
      entry.fault = fault.label;
      if (fault.latencyMs) await sleep(fault.latencyMs, request.signal);
      // A client that gave up during the delay never reached the service: nothing is applied.
      if (request.signal.aborted) {
        entry.fault = `${fault.label};client-aborted`;
        throw new DropSignal();
      }
      if (fault.drop) throw new DropSignal();
      if (fault.status !== undefined) return this.faultResponse(ids, fault, fault.status);
    }

    // Authentication, as Graph does it before anything else.
    const check = fault?.expiredToken
      ? ({ ok: false, reason: 'expired', message: 'Lifetime validation failed, the token is expired.' } as const)
      : await this.deps.tokens.verifyAccessToken(request.headers.get('Authorization'));
    if (!check.ok) {
      const claims =
        check.reason === 'revoked'
          ? `, error="insufficient_claims", claims="${Buffer.from(JSON.stringify({ access_token: { nbf: { essential: true, value: String(Math.floor(Date.now() / 1000)) } } })).toString('base64')}"`
          : '';
      return graphError(ids, 401, 'InvalidAuthenticationToken', check.message, { 'WWW-Authenticate': this.wwwAuthenticate(claims) });
    }
    const principal = check.principal;
    if (principal.appOnly) {
      return graphError(ids, 403, 'Forbidden', 'Application permissions are not supported for this API: it needs a delegated token of a signed-in work or school account.');
    }
    if (principal.personal) {
      return graphError(ids, 403, 'Forbidden', 'Personal Microsoft accounts are not supported for Intune. Sign in with a work or school account of a tenant that has an Intune licence.');
    }

    if (isBatch) {
      if (request.method !== 'POST') return graphError(ids, 405, 'MethodNotAllowed', `The HTTP method '${request.method}' is not allowed for $batch.`);
      return handleBatch(request, ids, this, this.deps.publicOrigin);
    }

    const matched = this.match(request.method, splitSegments(path));
    if ('error' in matched) {
      if (matched.error === 'method') return graphError(ids, 405, 'MethodNotAllowed', `The HTTP method '${request.method}' is not allowed for this resource.`);
      return graphError(ids, 400, 'BadRequest', `Resource not found for the segment '${matched.segment}'.`);
    }
    const { route, params } = matched;

    const decision = this.deps.throttle.check(principal.tenantId, principal.appId, route.write);
    if (!decision.ok) {
      entry.fault = 'throttle';
      return graphError(ids, 429, 'TooManyRequests', `Too many requests: the limit of ${decision.scope} was reached. Retry after ${decision.retryAfter} seconds.`, {
        'Retry-After': String(decision.retryAfter),
        ...decision.headers,
      });
    }

    const allowed = route.write ? GRAPH_WRITE_SCOPES : GRAPH_READ_SCOPES;
    if (!principal.scopes.some((s) => allowed.some((a) => a.toLowerCase() === s.toLowerCase()))) {
      return graphError(
        ids,
        403,
        'Forbidden',
        `Application is not authorized to perform this operation. Application must have one of the following scopes: ${allowed.join(', ')} - Operation ID (for customer support): ${ids.requestId}`,
        decision.headers,
      );
    }

    let response: Response;
    try {
      response = await route.handler({ request, url, params, ids, principal });
    } catch (error) {
      if (error instanceof QueryError) response = graphError(ids, 400, 'BadRequest', error.message);
      else if (error instanceof NotFoundError) response = this.notFound(ids, error.resource, error.message);
      else throw error;
    }
    for (const [name, value] of Object.entries(decision.headers)) response.headers.set(name, value);
    return response;
  }

  private notFound(ids: ErrorIds, resource: 'script' | 'userState' | 'deviceState', id: string): Response {
    const type = resource === 'script' ? 'deviceManagementScript' : resource === 'userState' ? 'deviceManagementScriptUserState' : 'deviceManagementScriptDeviceState';
    return graphError(ids, 404, 'ResourceNotFound', `Resource not found: no ${type} with key '${id}'.`);
  }

  private context(fragment: string): string {
    return `${this.deps.publicOrigin}${GRAPH_PREFIX}/$metadata#${fragment}`;
  }

  private selectSuffix(select: string[] | undefined): string {
    return select ? `(${select.join(',')})` : '';
  }

  private scriptOr404(call: Call): { script: NonNullable<ReturnType<Store['getScript']>> } | { response: Response } {
    const id = call.params.scriptId ?? '';
    const script = this.store.getScript(id);
    if (!script) return { response: this.notFound(call.ids, 'script', id) };
    return { script };
  }

  private collection(call: Call, fragment: string, select: string[] | undefined, rows: object[], total: number, count: boolean, next: string | undefined): Response {
    const body: Record<string, unknown> = { '@odata.context': this.context(`${fragment}${this.selectSuffix(select)}`) };
    if (count) body['@odata.count'] = total;
    body.value = rows;
    if (next) body['@odata.nextLink'] = next;
    return ok(body);
  }

  /** Paging for small collections (scripts, device states): sort and slice, offset skip tokens. */
  private smallPage<T, F extends string>(call: Call, rows: T[], schema: CollectionSchema<T, F>, toEntity: (row: T, select?: string[]) => object, fragment: string): Response {
    const options = parseCollectionOptions(call.url, schema);
    let result = options.filter ? rows.filter(options.filter.test) : rows.slice();
    if (options.orderBy.length > 0) {
      const fields = new Map<string, FieldDef<T>>(schema.fields.map((f) => [f.name, f]));
      result = result.sort((a, b) => {
        for (const key of options.orderBy) {
          const field = fields.get(key.field);
          if (!field) continue;
          const va = field.get(a);
          const vb = field.get(b);
          const sa = typeof va === 'string' ? va.toLowerCase() : va;
          const sb = typeof vb === 'string' ? vb.toLowerCase() : vb;
          const c = sa === sb ? 0 : sa === null ? -1 : sb === null ? 1 : sa < sb ? -1 : 1;
          if (c !== 0) return key.descending ? -c : c;
        }
        return 0;
      });
    }
    const start = Math.min(result.length, (options.offset ?? 0) + options.skip);
    const end = Math.min(result.length, start + options.top);
    const page = result.slice(start, end).map((r) => toEntity(r, options.select));
    const next = end < result.length ? nextLink(this.deps.publicOrigin, call.url, options.carried, encodeSkipToken({ offset: end })) : undefined;
    return this.collection(call, fragment, options.select, page, result.length, options.count, next);
  }

  private listScripts(call: Call): Response {
    return this.smallPage<ReturnType<Store['listScripts']>[number], ScriptSortField>(call, this.store.listScripts(), SCRIPT_SCHEMA, scriptEntity, 'deviceManagement/deviceManagementScripts');
  }

  private singleSelect<T, F extends string>(call: Call, schema: CollectionSchema<T, F>): string[] | undefined {
    return parseCollectionOptions(call.url, { ...schema, allowed: SINGLE_OPTIONS }).select;
  }

  private getScript(call: Call): Response {
    const found = this.scriptOr404(call);
    if ('response' in found) return found.response;
    const select = this.singleSelect(call, SCRIPT_SCHEMA);
    return ok({ '@odata.context': this.context(`deviceManagement/deviceManagementScripts${this.selectSuffix(select)}/$entity`), ...scriptEntity(found.script, select) });
  }

  private getRunSummary(call: Call): Response {
    const found = this.scriptOr404(call);
    if ('response' in found) return found.response;
    parseCollectionOptions(call.url, { ...SCRIPT_SCHEMA, allowed: new Set() });
    const summary = this.store.runSummary(found.script.id);
    return ok({
      '@odata.context': this.context(`deviceManagement/deviceManagementScripts('${found.script.id}')/runSummary/$entity`),
      '@odata.type': RUN_SUMMARY_TYPE,
      id: found.script.id,
      ...summary,
    });
  }

  private listUserStates(call: Call): Response {
    const found = this.scriptOr404(call);
    if ('response' in found) return found.response;
    const options = parseCollectionOptions(call.url, USER_STATE_SCHEMA);
    const page = this.store.queryUserStates(found.script.id, {
      ...(options.filter ? { filter: options.filter } : {}),
      orderBy: options.orderBy,
      ...(options.cursor ? { after: options.cursor } : {}),
      skip: options.skip,
      top: options.top,
    });
    const rows = page.rows.map((r) => userStateEntity(r, options.select));
    const next = page.next ? nextLink(this.deps.publicOrigin, call.url, options.carried, encodeSkipToken({ cursor: page.next })) : undefined;
    return this.collection(call, `deviceManagement/deviceManagementScripts('${found.script.id}')/userRunStates`, options.select, rows, page.total, options.count, next);
  }

  private getUserState(call: Call): Response {
    const found = this.scriptOr404(call);
    if ('response' in found) return found.response;
    const id = call.params.userStateId ?? '';
    const row = this.store.getUserState(found.script.id, id);
    if (!row) return this.notFound(call.ids, 'userState', id);
    const select = this.singleSelect(call, USER_STATE_SCHEMA);
    return ok({
      '@odata.context': this.context(`deviceManagement/deviceManagementScripts('${found.script.id}')/userRunStates${this.selectSuffix(select)}/$entity`),
      ...userStateEntity(row, select),
    });
  }

  /** Reads a JSON object body: 415 for another content type, 400 for empty or malformed JSON. */
  private async readBody(call: Call): Promise<{ body: Record<string, unknown> } | { response: Response }> {
    const text = await call.request.text();
    const contentType = call.request.headers.get('Content-Type');
    if (!isJsonContentType(contentType)) {
      return {
        response: graphError(call.ids, 415, 'UnsupportedMediaType', `The content type '${contentType ?? ''}' is not supported. Send 'Content-Type: application/json'.`),
      };
    }
    if (text.trim() === '') return { response: graphError(call.ids, 400, 'BadRequest', 'Empty Payload. JSON content expected.') };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { response: graphError(call.ids, 400, 'BadRequest', 'Invalid JSON. A token was not recognized in the JSON content.') };
    }
    if (!isRecord(parsed)) return { response: graphError(call.ids, 400, 'BadRequest', 'The request body must be a JSON object.') };
    return { body: parsed };
  }

  private async createUserState(call: Call): Promise<Response> {
    const found = this.scriptOr404(call);
    if ('response' in found) return found.response;
    const read = await this.readBody(call);
    if ('response' in read) return read.response;
    const result = validateCreate(read.body);
    if (!result.ok) return graphError(call.ids, 400, 'BadRequest', result.failure.message, {}, [{ code: 'InvalidValue', message: result.failure.message, ...(result.failure.target ? { target: result.failure.target } : {}) }]);
    const id = result.id ?? guidFrom(`created:${found.script.id}:${call.ids.requestId}`);
    let row;
    try {
      row = this.store.createUserState(found.script.id, { id, ...result.state });
    } catch (error) {
      if (error instanceof ConflictError) return graphError(call.ids, 409, 'Conflict', `A deviceManagementScriptUserState with id '${id}' already exists.`);
      throw error;
    }
    return ok(userStateEntity(row), 201, {
      Location: `${this.deps.publicOrigin}${GRAPH_PREFIX}/deviceManagement/deviceManagementScripts('${found.script.id}')/userRunStates('${row.id}')`,
    });
  }

  private async patchUserState(call: Call): Promise<Response> {
    const found = this.scriptOr404(call);
    if ('response' in found) return found.response;
    const id = call.params.userStateId ?? '';
    if (!this.store.getUserState(found.script.id, id)) return this.notFound(call.ids, 'userState', id);
    const read = await this.readBody(call);
    if ('response' in read) return read.response;
    const result = validatePatch(read.body, id);
    if (!result.ok) {
      return graphError(call.ids, 400, 'BadRequest', result.failure.message, {}, [{ code: 'InvalidValue', message: result.failure.message, ...(result.failure.target ? { target: result.failure.target } : {}) }]);
    }
    const existing = this.store.getUserState(found.script.id, id);
    if (!existing) return this.notFound(call.ids, 'userState', id);
    const row = Object.keys(result.changes).length === 0 ? existing : this.store.patchUserState(found.script.id, id, result.changes);
    // PATCH answers 200 with the whole updated entity (see update-deviceManagementScriptUserState).
    return ok(userStateEntity(row));
  }

  private deleteUserState(call: Call): Response {
    const found = this.scriptOr404(call);
    if ('response' in found) return found.response;
    const id = call.params.userStateId ?? '';
    if (!this.store.getUserState(found.script.id, id)) return this.notFound(call.ids, 'userState', id);
    this.store.deleteUserState(found.script.id, id);
    return new Response(null, { status: 204 });
  }

  private listDeviceStates(call: Call): Response {
    const found = this.scriptOr404(call);
    if ('response' in found) return found.response;
    const id = call.params.userStateId ?? '';
    const row = this.store.getUserState(found.script.id, id);
    if (!row) return this.notFound(call.ids, 'userState', id);
    const total = row.successDeviceCount + row.errorDeviceCount;
    const fragment = `deviceManagement/deviceManagementScripts('${found.script.id}')/userRunStates('${id}')/deviceRunStates`;
    const options = parseCollectionOptions(call.url, DEVICE_STATE_SCHEMA);
    if (!options.filter && options.orderBy.length === 0) {
      // Derived rows are generated for the page only, whatever the counts say.
      const start = Math.min(total, (options.offset ?? 0) + options.skip);
      const end = Math.min(total, start + options.top);
      const page = deviceStatesOf(row, found.script, start, end).map((d) => deviceStateEntity(d, options.select));
      const next = end < total ? nextLink(this.deps.publicOrigin, call.url, options.carried, encodeSkipToken({ offset: end })) : undefined;
      return this.collection(call, fragment, options.select, page, total, options.count, next);
    }
    if (total > 100_000) throw new QueryError('$filter and $orderby on deviceRunStates are supported up to 100,000 device states.');
    return this.smallPage<ReturnType<typeof deviceStatesOf>[number], DeviceStateSortField>(call, deviceStatesOf(row, found.script), DEVICE_STATE_SCHEMA, deviceStateEntity, fragment);
  }

  private getDeviceState(call: Call): Response {
    const found = this.scriptOr404(call);
    if ('response' in found) return found.response;
    const id = call.params.userStateId ?? '';
    const row = this.store.getUserState(found.script.id, id);
    if (!row) return this.notFound(call.ids, 'userState', id);
    const deviceStateId = (call.params.deviceStateId ?? '').toLowerCase();
    const total = Math.min(row.successDeviceCount + row.errorDeviceCount, 100_000);
    const device = deviceStatesOf(row, found.script, 0, total).find((d) => d.id === deviceStateId);
    if (!device) return this.notFound(call.ids, 'deviceState', call.params.deviceStateId ?? '');
    const select = this.singleSelect(call, DEVICE_STATE_SCHEMA);
    return ok({
      '@odata.context': this.context(`deviceManagement/deviceManagementScripts('${found.script.id}')/userRunStates('${id}')/deviceRunStates${this.selectSuffix(select)}/$entity`),
      ...deviceStateEntity(device, select),
    });
  }
}

export { publicUserState };
