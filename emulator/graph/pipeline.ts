import { FaultConfigError, type Fault, type FaultInjector } from '../faults/faults.ts';
import type { BatchTag, LoggedRequest, RequestLog } from '../faults/request-log.ts';
import type { Throttle } from '../faults/throttle.ts';
import { DropSignal, newRequestId } from '../http.ts';
import type { TokenService } from '../identity/tokens.ts';
import { injectFault, logged } from '../request-pipeline.ts';
import { NotFoundError, type Store } from '../store/store.ts';
import { authenticate, refuseWithoutScope, wwwAuthenticate } from './auth.ts';
import { handleBatch } from './batch.ts';
import { codeForStatus, graphError, messageForStatus, type ErrorIds } from './errors.ts';
import { GRAPH_PREFIX, notFound } from './handler.ts';
import { QueryError } from './odata.ts';
import { GRAPH_ROUTES } from './routes.ts';
import { compileRoutes, matchRoute, splitSegments, type Route } from './routing.ts';

export interface GraphDeps {
  store: () => Store;
  tokens: TokenService;
  throttle: Throttle;
  faults: FaultInjector;
  log: RequestLog;
  publicOrigin: string;
}

/** Graph's type names of what the store's NotFoundError names. */
const STORE_ENTITY_TYPES: Record<NotFoundError['resource'], string> = { script: 'deviceManagementScript', userState: 'deviceManagementScriptUserState' };

const DIAGNOSTIC = '{"ServerInfo":{"DataCenter":"Local","Slice":"E","Ring":"0","ScaleUnit":"000","RoleInstance":"emulator"}}';

/**
 * The Microsoft Graph beta side. Every request, and every request inside a `$batch`, takes the
 * same stages in Graph's order: request log, faults, authentication, routing, throttling,
 * permission, then the resource's handler from the route table.
 */
export class GraphPipeline {
  private readonly deps: GraphDeps;
  private readonly routes: Route[];

  constructor(deps: GraphDeps, routes = GRAPH_ROUTES) {
    this.deps = deps;
    this.routes = compileRoutes(routes);
  }

  /** The route table, for documentation and tests. */
  routeTable(): { method: string; path: string }[] {
    return [...this.routes.map((r) => ({ method: r.method, path: r.path })), { method: 'POST', path: '/$batch' }];
  }

  /** Handles one Graph request (or one inside a $batch). Throws DropSignal when the connection must be dropped. */
  handle(request: Request, batch?: BatchTag): Promise<Response> {
    const url = new URL(request.url);
    const requestId = newRequestId();
    const sent = request.headers.get('client-request-id');
    const ids: ErrorIds = { requestId, clientRequestId: sent ?? requestId };
    return logged(this.deps.log, request, url, { requestId, clientRequestId: sent, logBody: true, ...(batch ? { batch } : {}) }, async (entry) => {
      let response: Response;
      try {
        response = await this.run(request, url, ids, entry, batch);
      } catch (error) {
        if (error instanceof DropSignal) throw error;
        console.error('emulator: unexpected error in a Graph handler', error);
        response = graphError(ids, 500, 'InternalServerError', 'An internal server error occurred.');
      }
      response.headers.set('request-id', ids.requestId);
      response.headers.set('client-request-id', ids.clientRequestId);
      response.headers.set('x-ms-ags-diagnostic', DIAGNOSTIC);
      if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-cache');
      return response;
    });
  }

  private faultResponse(ids: ErrorIds, fault: Fault, status: number): Response {
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== null && fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
    if (status === 401) headers['WWW-Authenticate'] = wwwAuthenticate(this.deps.publicOrigin);
    return graphError(ids, status, codeForStatus(status), messageForStatus(status), headers);
  }

  private async run(request: Request, url: URL, ids: ErrorIds, entry: LoggedRequest, batch: BatchTag | undefined): Promise<Response> {
    const path = url.pathname.slice(GRAPH_PREFIX.length);
    // The batch envelope takes no random fault: its inner requests do, each on its own.
    const isBatch = !batch && path.toLowerCase() === '/$batch';
    let fault: Fault | undefined;
    try {
      fault = await injectFault(this.deps.faults, request, url, entry, !isBatch);
    } catch (error) {
      if (error instanceof FaultConfigError) return graphError(ids, 400, 'BadRequest', `x-emulator-fault: ${error.message}`);
      throw error;
    }
    if (fault?.status !== undefined) return this.faultResponse(ids, fault, fault.status);

    const auth = await authenticate(this.deps.tokens, request, fault, ids, this.deps.publicOrigin);
    if ('response' in auth) return auth.response;
    const { principal } = auth;

    if (isBatch) {
      if (request.method !== 'POST') return graphError(ids, 405, 'MethodNotAllowed', `The HTTP method '${request.method}' is not allowed for $batch.`);
      return handleBatch(request, ids, (inner, tag) => this.handle(inner, tag), this.deps.publicOrigin);
    }

    const matched = matchRoute(this.routes, request.method, splitSegments(path));
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

    const refused = refuseWithoutScope(principal, route, ids, decision.headers);
    if (refused) return refused;

    let response: Response;
    try {
      response = await route.handler({ request, url, params, ids, principal, store: this.deps.store(), publicOrigin: this.deps.publicOrigin });
    } catch (error) {
      if (error instanceof QueryError) response = graphError(ids, 400, 'BadRequest', error.message);
      else if (error instanceof NotFoundError) response = notFound(ids, STORE_ENTITY_TYPES[error.resource], error.message);
      else throw error;
    }
    for (const [name, value] of Object.entries(decision.headers)) response.headers.set(name, value);
    return response;
  }
}
