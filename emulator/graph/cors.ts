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
