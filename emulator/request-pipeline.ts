import type { Fault, FaultInjector } from './faults/faults.ts';
import type { BatchTag, LoggedRequest, RequestLog } from './faults/request-log.ts';
import { DropSignal, sleep } from './http.ts';

/**
 * The stages every request the emulator serves goes through, Graph and identity alike: it is
 * logged, then it may meet a fault. What comes after (auth, throttling, routing) is the surface's
 * own; see graph/pipeline.ts and identity/pipeline.ts.
 */

/** Longer request bodies are cut in the request log. */
const MAX_LOGGED_BODY_CHARS = 4096;

export interface LoggedStart {
  requestId: string;
  /** The client-request-id header as sent, or null. */
  clientRequestId: string | null;
  /** Keep the body of a PATCH, POST or PUT in the log, so tests can check what a client sent. */
  logBody: boolean;
  batch?: BatchTag;
}

/**
 * Logs one request around `run`: the entry is finished with the answer's status and Retry-After
 * once `run` has answered, or with no status when a fault drops the connection.
 */
export async function logged(log: RequestLog, request: Request, url: URL, start: LoggedStart, run: (entry: LoggedRequest) => Promise<Response>): Promise<Response> {
  const write = request.method === 'PATCH' || request.method === 'POST' || request.method === 'PUT';
  const body = start.logBody && write ? await request.clone().text().catch(() => null) : null;
  const entry = log.start({
    requestId: start.requestId,
    clientRequestId: start.clientRequestId,
    method: request.method,
    path: url.pathname + url.search,
    ...(body === null ? {} : { body: body.slice(0, MAX_LOGGED_BODY_CHARS) }),
    ...(start.batch ? { batch: start.batch } : {}),
  });
  let response: Response;
  try {
    response = await run(entry);
  } catch (error) {
    if (error instanceof DropSignal) log.finish(entry, null, null);
    throw error;
  }
  const retryAfter = response.headers.get('Retry-After');
  log.finish(entry, response.status, retryAfter === null ? null : Number(retryAfter));
  return response;
}

/**
 * The fault stage: the request's `x-emulator-fault` header, else a rule, else random mode (when
 * `random` allows it). Waits out injected latency; throws DropSignal for a dropped connection and
 * for a client that gave up during the delay (it never reached the service, so nothing is
 * applied). Returns the fault whose answer the surface must give (`status`, `expiredToken`), if
 * any. A malformed header throws FaultConfigError, which each surface answers in its own shape.
 */
export async function injectFault(faults: FaultInjector, request: Request, url: URL, entry: LoggedRequest, random: boolean): Promise<Fault | undefined> {
  const fault = faults.choose(request.method, url.pathname + url.search, request.headers.get('x-emulator-fault'), random);
  if (!fault) return undefined;
  entry.fault = fault.label;
  if (fault.latencyMs) await sleep(fault.latencyMs, request.signal);
  if (request.signal.aborted) {
    entry.fault = `${fault.label};client-aborted`;
    throw new DropSignal();
  }
  if (fault.drop) throw new DropSignal();
  return fault;
}
