import { FaultConfigError, type FaultInjector } from '../faults/faults.ts';
import type { RequestLog } from '../faults/request-log.ts';
import { newRequestId } from '../http.ts';
import { injectFault, logged } from '../request-pipeline.ts';
import { entraError } from './routes.ts';

export interface IdentityPipelineDeps {
  log: RequestLog;
  faults: FaultInjector;
  appOrigins: () => string[];
  /** The identity endpoints themselves (a Hono app's fetch). */
  serve: (request: Request) => Promise<Response> | Response;
}

/**
 * The identity platform side: requests are logged and take header and rule faults (never random
 * ones, which are for Graph), answered in Entra's error shape. Preflights pass untouched.
 */
export function identityPipeline(deps: IdentityPipelineDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method === 'OPTIONS') return deps.serve(request);
    const url = new URL(request.url);
    const sent = request.headers.get('client-request-id');
    const requestId = newRequestId();
    return logged(deps.log, request, url, { requestId, clientRequestId: sent, logBody: false }, async (entry) => {
      let response: Response;
      try {
        const fault = await injectFault(deps.faults, request, url, entry, false);
        if (fault?.status !== undefined) {
          const headers: Record<string, string> = {};
          if (fault.retryAfter !== null && fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
          const origin = request.headers.get('Origin');
          if (origin && deps.appOrigins().includes(origin)) headers['Access-Control-Allow-Origin'] = origin;
          response = entraError(fault.status, fault.status === 503 ? 'temporarily_unavailable' : 'server_error', 90033, 'A transient error has occurred. Please try again.', {}, headers);
        } else response = await deps.serve(request);
      } catch (error) {
        if (error instanceof FaultConfigError) response = new Response(JSON.stringify({ error: 'invalid_request', error_description: `x-emulator-fault: ${error.message}` }), { status: 400 });
        else throw error;
      }
      // Entra answers with x-ms-request-id (and echoes client-request-id).
      response.headers.set('x-ms-request-id', requestId);
      if (sent) response.headers.set('client-request-id', sent);
      return response;
    });
  };
}
