import { GRAPH_JSON, graphDate } from '../http.ts';

export interface ErrorIds {
  requestId: string;
  clientRequestId: string;
}

/** Graph's error code for a status when a fault or a generic failure needs one. */
export function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'BadRequest';
    case 401:
      return 'InvalidAuthenticationToken';
    case 403:
      return 'Forbidden';
    case 404:
      return 'ResourceNotFound';
    case 405:
      return 'MethodNotAllowed';
    case 409:
      return 'Conflict';
    case 412:
      return 'PreconditionFailed';
    case 415:
      return 'UnsupportedMediaType';
    case 424:
      return 'FailedDependency';
    case 429:
      return 'TooManyRequests';
    case 500:
      return 'InternalServerError';
    case 501:
      return 'NotImplemented';
    case 502:
      return 'BadGateway';
    case 503:
      return 'ServiceUnavailable';
    case 504:
      return 'GatewayTimeout';
    case 507:
      return 'InsufficientStorage';
    default:
      return 'UnknownError';
  }
}

export function messageForStatus(status: number): string {
  switch (status) {
    case 429:
      return 'Too many requests. Wait for the time given in Retry-After, then retry.';
    case 500:
      return 'An internal server error occurred.';
    case 502:
      return 'The service received an invalid response from an upstream server.';
    case 503:
      return 'The service is temporarily unavailable. Retry after the time given in Retry-After.';
    case 504:
      return 'The service did not answer in time.';
    case 507:
      return 'Insufficient storage.';
    default:
      return `The request failed with status ${status}.`;
  }
}

export interface ErrorDetail {
  code: string;
  message: string;
  target?: string;
}

/** Graph's error envelope with `innerError` (date, request-id, client-request-id). */
export function graphErrorBody(ids: ErrorIds, code: string, message: string, details?: ErrorDetail[]): object {
  const error: Record<string, unknown> = { code, message };
  if (details && details.length > 0) error.details = details;
  error.innerError = { date: graphDate(), 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId };
  return { error };
}

export function graphError(ids: ErrorIds, status: number, code: string, message: string, headers: Record<string, string> = {}, details?: ErrorDetail[]): Response {
  return new Response(JSON.stringify(graphErrorBody(ids, code, message, details)), { status, headers: { 'Content-Type': GRAPH_JSON, ...headers } });
}
