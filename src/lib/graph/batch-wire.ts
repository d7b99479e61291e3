/** The wire format of `$batch` (https://learn.microsoft.com/graph/json-batching). */
import { graphErrorFromResponse, type GraphError } from './graph-error';
import type { ResponseSchema } from './response-schema';

export interface WireRequest {
  id: string;
  method: 'GET' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface WireResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The batch answer's envelope; each inner body is checked later by its own schema. */
export const batchEnvelopeSchema: ResponseSchema<WireResponse[]> = {
  safeParse(data) {
    if (!isRecord(data) || !Array.isArray(data.responses)) return { success: false };
    const responses: WireResponse[] = [];
    for (const raw of data.responses) {
      if (!isRecord(raw) || typeof raw.id !== 'string' || typeof raw.status !== 'number') return { success: false };
      const headers: Record<string, string> = {};
      if (isRecord(raw.headers)) {
        for (const [name, value] of Object.entries(raw.headers)) if (typeof value === 'string') headers[name.toLowerCase()] = value;
      }
      responses.push({ id: raw.id, status: raw.status, headers, body: raw.body });
    }
    return { success: true, data: responses };
  },
};

/** One inner request; its client-request-id ties it to Graph's logs, across its retries. */
export function wireRequest(
  id: string,
  request: { method: WireRequest['method']; path: string; body?: unknown },
  clientRequestId: string,
): WireRequest {
  const hasBody = request.body !== undefined;
  return {
    id,
    method: request.method,
    url: request.path.startsWith('/') ? request.path : `/${request.path}`,
    headers: { 'client-request-id': clientRequestId, ...(hasBody ? { 'Content-Type': 'application/json' } : {}) },
    ...(hasBody ? { body: request.body } : {}),
  };
}

/**
 * A failed inner answer as a GraphError: the same reading of Graph's error envelope and ids as for
 * a whole response. `write`: the inner request was a write, so a 403 names the write permission.
 */
export async function innerError(response: WireResponse, clientRequestId: string, write: boolean): Promise<GraphError> {
  const status = response.status >= 200 && response.status <= 599 ? response.status : 500;
  const body = response.body === undefined ? null : JSON.stringify(response.body);
  return graphErrorFromResponse(new Response(body, { status, headers: response.headers }), clientRequestId, write);
}
