import type { BatchTag } from '../faults/request-log.ts';
import { GRAPH_JSON, isRecord } from '../http.ts';
import { graphError, graphErrorBody, type ErrorIds } from './errors.ts';
import { GRAPH_PREFIX } from './handler.ts';
import { isJsonContentType } from './validate.ts';

/**
 * Runs one inner request through the whole Graph pipeline, tagged with the batch it came in.
 * Given by the pipeline, so that this module need not know it.
 */
export type BatchDispatch = (inner: Request, tag: BatchTag) => Promise<Response>;

/** Graph's documented limit of requests in one JSON batch. */
export const MAX_BATCH_REQUESTS = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

/** Inner answers spell headers as Graph does (clients such as the SDK look up "Content-Type"). */
const CANONICAL_HEADERS: Record<string, string> = {
  'content-type': 'Content-Type',
  'retry-after': 'Retry-After',
  location: 'Location',
  'odata-version': 'OData-Version',
  'cache-control': 'Cache-Control',
  'www-authenticate': 'WWW-Authenticate',
  'ratelimit-limit': 'RateLimit-Limit',
  'ratelimit-remaining': 'RateLimit-Remaining',
  'ratelimit-reset': 'RateLimit-Reset',
};

const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

function parseItems(value: unknown): BatchItem[] | string {
  if (!isRecord(value) || !Array.isArray(value.requests)) return "The batch body must be a JSON object with a 'requests' array.";
  const requests: unknown[] = value.requests;
  if (requests.length === 0) return 'The batch must contain at least one request.';
  if (requests.length > MAX_BATCH_REQUESTS) return `Number of batch request steps exceeds the maximum value of ${MAX_BATCH_REQUESTS}.`;
  const items: BatchItem[] = [];
  const ids = new Set<string>();
  for (const raw of requests) {
    if (!isRecord(raw)) return 'Each batch request must be a JSON object.';
    const { id, method, url, headers, body, dependsOn } = raw;
    if (typeof id !== 'string' || id === '') return "Each batch request needs a string 'id'.";
    if (ids.has(id)) return `Batch request id '${id}' is not unique.`;
    ids.add(id);
    if (typeof method !== 'string' || !METHODS.has(method.toUpperCase())) return `Batch request '${id}' has an invalid 'method'.`;
    if (typeof url !== 'string' || url === '') return `Batch request '${id}' needs a 'url'.`;
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return `Batch request '${id}': the url must be relative (for example '/deviceManagement/deviceManagementScripts'), not absolute.`;
    const headerMap: Record<string, string> = {};
    if (headers !== undefined) {
      if (!isRecord(headers)) return `Batch request '${id}': 'headers' must be an object.`;
      for (const [name, v] of Object.entries(headers)) {
        if (typeof v !== 'string') return `Batch request '${id}': header '${name}' must be a string.`;
        headerMap[name] = v;
      }
    }
    let deps: string[] = [];
    if (dependsOn !== undefined) {
      if (!Array.isArray(dependsOn) || !dependsOn.every((d): d is string => typeof d === 'string')) return `Batch request '${id}': 'dependsOn' must be an array of ids.`;
      deps = dependsOn;
    }
    const upper = method.toUpperCase();
    const hasContentType = Object.keys(headerMap).some((h) => h.toLowerCase() === 'content-type');
    if ((body !== undefined && body !== null && !hasContentType) || ((upper === 'POST' || upper === 'PATCH' || upper === 'PUT') && (body === undefined || !hasContentType))) {
      return `Write request id : ${id} does not contain Content-Type header or body.`;
    }
    items.push({ id, method: upper, url, headers: headerMap, body, dependsOn: deps });
  }
  for (const item of items) {
    for (const dep of item.dependsOn) {
      if (!ids.has(dep) || dep === item.id) return `Batch request '${item.id}' depends on an unknown request '${dep}'.`;
    }
  }
  return items;
}

/** Dependencies before dependants, otherwise in the order given; a cycle is refused. */
function executionOrder(items: BatchItem[]): BatchItem[] | string {
  const byId = new Map(items.map((i) => [i.id, i]));
  const state = new Map<string, 'visiting' | 'done'>();
  const out: BatchItem[] = [];
  const visit = (item: BatchItem): string | undefined => {
    const s = state.get(item.id);
    if (s === 'done') return undefined;
    if (s === 'visiting') return `The dependsOn of batch request '${item.id}' forms a cycle.`;
    state.set(item.id, 'visiting');
    for (const dep of item.dependsOn) {
      const target = byId.get(dep);
      if (target) {
        const error = visit(target);
        if (error) return error;
      }
    }
    state.set(item.id, 'done');
    out.push(item);
    return undefined;
  };
  for (const item of items) {
    const error = visit(item);
    if (error) return error;
  }
  return out;
}

/**
 * `POST /beta/$batch`: every inner request goes through the whole pipeline on its own (faults,
 * auth, throttling, logging) by `dispatch`; a request whose dependency failed gets 424.
 */
export async function handleBatch(request: Request, ids: ErrorIds, dispatch: BatchDispatch, publicOrigin: string): Promise<Response> {
  const contentType = request.headers.get('Content-Type');
  if (!isJsonContentType(contentType)) return graphError(ids, 415, 'UnsupportedMediaType', `The content type '${contentType ?? ''}' is not supported for $batch. Send 'Content-Type: application/json'.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await request.text());
  } catch {
    return graphError(ids, 400, 'BadRequest', 'Invalid JSON. A token was not recognized in the JSON content.');
  }
  const items = parseItems(parsed);
  if (typeof items === 'string') return graphError(ids, 400, 'BadRequest', items);
  const order = executionOrder(items);
  if (typeof order === 'string') return graphError(ids, 400, 'BadRequest', order);

  const statuses = new Map<string, number>();
  const responses: { id: string; status: number; headers: Record<string, string>; body?: unknown }[] = [];
  for (const item of order) {
    const failed = item.dependsOn.find((dep) => {
      const status = statuses.get(dep);
      return status === undefined || status < 200 || status > 299;
    });
    if (failed !== undefined) {
      statuses.set(item.id, 424);
      responses.push({
        id: item.id,
        status: 424,
        headers: { 'Content-Type': GRAPH_JSON },
        body: graphErrorBody(ids, 'FailedDependency', `The request depends on request '${failed}', which failed.`),
      });
      continue;
    }
    const headers = new Headers(item.headers);
    const authorization = request.headers.get('Authorization');
    if (authorization && !headers.has('Authorization')) headers.set('Authorization', authorization);
    let body: string | undefined;
    if (item.body !== undefined && item.body !== null) body = typeof item.body === 'string' ? item.body : JSON.stringify(item.body);
    const path = item.url.startsWith('/') ? item.url : `/${item.url}`;
    const inner = new Request(`${publicOrigin}${GRAPH_PREFIX}${path}`, { method: item.method, headers, ...(body !== undefined ? { body } : {}) });
    const answer = await dispatch(inner, { requestId: ids.requestId, id: item.id });
    const text = await answer.text();
    const answerHeaders: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      answerHeaders[CANONICAL_HEADERS[name] ?? name] = value;
    });
    let answerBody: unknown;
    if (text !== '') {
      try {
        answerBody = JSON.parse(text);
      } catch {
        answerBody = text;
      }
    }
    statuses.set(item.id, answer.status);
    responses.push({ id: item.id, status: answer.status, headers: answerHeaders, ...(answerBody !== undefined ? { body: answerBody } : {}) });
  }
  return new Response(JSON.stringify({ responses }), { status: 200, headers: { 'Content-Type': GRAPH_JSON, 'OData-Version': '4.0' } });
}
