import { GRAPH_APP_ID, GRAPH_READ_SCOPES, GRAPH_WRITE_SCOPES, SCOPES } from '../constants.ts';
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

/** Scopes a route accepts, when they are not the script scopes (managed devices, audit events). */
export interface RouteScopes {
  read: readonly string[];
  write: readonly string[];
}

/** Reading managed devices (`/managedDevices`, `$expand=managedDevice`), per the managedDevice pages. */
export const DEVICE_READ_SCOPES: readonly string[] = [SCOPES.managedDevicesRead, SCOPES.managedDevicesReadWrite];

/** Script resources: one of the documented read scopes for reads, a ReadWrite one for writes. */
export const SCRIPT_SCOPES: RouteScopes = { read: GRAPH_READ_SCOPES, write: GRAPH_WRITE_SCOPES };

/** The permission check: the token must carry one of `allowed`. Undefined when allowed. */
export function refuseWithoutScope(principal: GraphPrincipal, allowed: readonly string[], ids: ErrorIds, headers: Record<string, string>): Response | undefined {
  if (principal.scopes.some((s) => allowed.some((a) => a.toLowerCase() === s.toLowerCase()))) return undefined;
  return graphError(
    ids,
    403,
    'Forbidden',
    `Application is not authorized to perform this operation. Application must have one of the following scopes: ${allowed.join(', ')} - Operation ID (for customer support): ${ids.requestId}`,
    headers,
  );
}
