import { GRAPH_APP_ID, GRAPH_READ_SCOPES, GRAPH_WRITE_SCOPES } from '../constants.ts';
import type { Fault } from '../faults/faults.ts';
import type { GraphPrincipal, TokenService } from '../identity/tokens.ts';
import { graphError, type ErrorIds } from './errors.ts';

/** Graph's bearer challenge; `extra` adds the claims challenge of a revoked session. */
export function wwwAuthenticate(publicOrigin: string, extra = ''): string {
  return `Bearer realm="", authorization_uri="${publicOrigin}/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"${extra}`;
}

/**
 * Authentication, as Graph does it before anything else: 401 for a missing, bad or expired token
 * (or an `expired-token` fault), 403 for app-only tokens and personal accounts.
 */
export async function authenticate(tokens: TokenService, request: Request, fault: Fault | undefined, ids: ErrorIds, publicOrigin: string): Promise<{ principal: GraphPrincipal } | { response: Response }> {
  const check = fault?.expiredToken
    ? ({ ok: false, reason: 'expired', message: 'Lifetime validation failed, the token is expired.' } as const)
    : await tokens.verifyAccessToken(request.headers.get('Authorization'));
  if (!check.ok) {
    const claims =
      check.reason === 'revoked'
        ? `, error="insufficient_claims", claims="${Buffer.from(JSON.stringify({ access_token: { nbf: { essential: true, value: String(Math.floor(Date.now() / 1000)) } } })).toString('base64')}"`
        : '';
    return { response: graphError(ids, 401, 'InvalidAuthenticationToken', check.message, { 'WWW-Authenticate': wwwAuthenticate(publicOrigin, claims) }) };
  }
  const principal = check.principal;
  if (principal.appOnly) {
    return { response: graphError(ids, 403, 'Forbidden', 'Application permissions are not supported for this API: it needs a delegated token of a signed-in work or school account.') };
  }
  if (principal.personal) {
    return {
      response: graphError(ids, 403, 'Forbidden', 'Personal Microsoft accounts are not supported for Intune. Sign in with a work or school account of a tenant that has an Intune licence.'),
    };
  }
  return { principal };
}

/**
 * The permission check: a route's own scopes when it has them, else the script scopes (reads need
 * a Read or ReadWrite scope, writes a ReadWrite one). Undefined when allowed.
 */
export function refuseWithoutScope(principal: GraphPrincipal, route: { write: boolean; scopes?: readonly string[] }, ids: ErrorIds, headers: Record<string, string>): Response | undefined {
  const allowed = route.scopes ?? (route.write ? GRAPH_WRITE_SCOPES : GRAPH_READ_SCOPES);
  if (principal.scopes.some((s) => allowed.some((a) => a.toLowerCase() === s.toLowerCase()))) return undefined;
  return graphError(
    ids,
    403,
    'Forbidden',
    `Application is not authorized to perform this operation. Application must have one of the following scopes: ${allowed.join(', ')} - Operation ID (for customer support): ${ids.requestId}`,
    headers,
  );
}
