import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { ACCOUNT_LIST, CLIENT_DISPLAY_NAME, CLIENT_ID, PERSONAL_TENANT_ID, REDIRECT_URIS, TENANT_DOMAIN, TENANT_ID, type SeededAccount } from '../constants.ts';
import { escapeHtml } from '../http.ts';
import { approvalPage, errorPage, signedOutPage, signInPage } from './pages.ts';
import { grantFor, missingConsent, parseScopes, type RequestedScopes } from './scopes.ts';
import { findAccount, type TokenService } from './tokens.ts';

/** Authorization codes live this long (Entra's are short-lived and single-use). */
export const CODE_LIFETIME_MS = 60_000;
const PENDING_LIFETIME_MS = 10 * 60_000;
export const SESSION_COOKIE = 'emulator_session';

export interface IdentityDeps {
  tokens: TokenService;
  publicOrigin: string;
  appOrigins: () => readonly string[];
}

interface AuthorizeParams {
  tenant: string;
  clientId: string;
  redirectUri: string;
  responseMode: 'fragment' | 'query';
  scopes: RequestedScopes;
  scopeText: string;
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string;
  prompt: string | undefined;
  loginHint: string | undefined;
  clientInfo: boolean;
}

interface CodeGrant {
  params: AuthorizeParams;
  account: SeededAccount;
  sid: string;
  issuedAt: number;
  redeemedAt: number | undefined;
}

type TenantKind = 'common' | 'organizations' | 'consumers' | 'contoso' | 'personal';

function tenantKind(tenant: string): TenantKind | undefined {
  const lower = tenant.toLowerCase();
  if (lower === 'common') return 'common';
  if (lower === 'organizations') return 'organizations';
  if (lower === 'consumers' || lower === PERSONAL_TENANT_ID) return 'consumers';
  if (lower === TENANT_ID || lower === TENANT_DOMAIN) return 'contoso';
  return undefined;
}

function eligibleAccounts(kind: TenantKind): SeededAccount[] {
  return ACCOUNT_LIST.filter((a) => (kind === 'common' ? true : kind === 'consumers' || kind === 'personal' ? a.kind === 'personal' : a.kind === 'work'));
}

function issuerTenant(kind: TenantKind): string {
  if (kind === 'contoso') return TENANT_ID;
  if (kind === 'consumers' || kind === 'personal') return PERSONAL_TENANT_ID;
  return '{tenantid}';
}

function entraTimestamp(): string {
  return new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** Entra's token-endpoint error shape. */
export function entraError(status: number, error: string, code: number, message: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}): Response {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = entraTimestamp();
  return new Response(
    JSON.stringify({
      error,
      error_description: `AADSTS${code}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
      ...extra,
    }),
    { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers } },
  );
}

function html(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers } });
}

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Appends response parameters to the redirect URI in the fragment or the query. */
function redirectWith(params: Pick<AuthorizeParams, 'redirectUri' | 'responseMode'>, values: Record<string, string | undefined>): Response {
  const pairs = Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  let location: string;
  if (params.responseMode === 'query') location = `${params.redirectUri}${params.redirectUri.includes('?') ? '&' : '?'}${pairs}`;
  else location = `${params.redirectUri.split('#')[0] ?? params.redirectUri}#${pairs}`;
  return new Response(null, { status: 302, headers: { Location: location, 'Cache-Control': 'no-store' } });
}

function errorRedirect(params: AuthorizeParams, error: string, code: number, message: string, extra: Record<string, string> = {}): Response {
  return redirectWith(params, {
    error,
    error_description: `AADSTS${code}: ${message} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${entraTimestamp()}`,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    ...extra,
    state: params.state,
  });
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function clientInfo(account: SeededAccount): string {
  return base64url(JSON.stringify({ uid: account.oid, utid: account.tenantId }));
}

/**
 * The Microsoft identity platform v2.0 endpoints as MSAL.js uses them: discovery, keys,
 * authorize (with a sign-in page), token (authorization_code with PKCE, refresh_token), logout.
 */
export function createIdentityApp(deps: IdentityDeps): Hono {
  const app = new Hono();
  const pending = new Map<string, { params: AuthorizeParams; createdAt: number }>();
  const codes = new Map<string, CodeGrant>();

  const registeredRedirects = (): Set<string> => {
    const out = new Set(REDIRECT_URIS);
    for (const origin of deps.appOrigins()) {
      out.add(`${origin}/`);
      out.add(`${origin}/redirect.html`);
    }
    return out;
  };

  const sweep = (): void => {
    const now = Date.now();
    for (const [key, value] of pending) if (now - value.createdAt > PENDING_LIFETIME_MS) pending.delete(key);
    for (const [key, value] of codes) if (now - value.issuedAt > 5 * CODE_LIFETIME_MS) codes.delete(key);
  };

  const base = (tenant: string): string => `${deps.publicOrigin}/${tenant}`;

  app.get('/:tenant/v2.0/.well-known/openid-configuration', (c) => {
    const tenant = c.req.param('tenant');
    const kind = tenantKind(tenant);
    if (!kind) return entraError(400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`, {}, { 'Access-Control-Allow-Origin': '*' });
    const b = base(tenant);
    return c.json(
      {
        token_endpoint: `${b}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${b}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${deps.publicOrigin}/${issuerTenant(kind)}/v2.0`,
        request_uri_parameter_supported: false,
        authorization_endpoint: `${b}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${b}/oauth2/v2.0/logout`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        code_challenge_methods_supported: ['S256'],
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email', 'oid', 'sid'],
        tenant_region_scope: null,
        cloud_instance_name: 'microsoftonline.com',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: 'graph.microsoft.com',
        rbac_url: 'https://pas.windows.net',
      },
      200,
      { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'max-age=86400, private' },
    );
  });

  app.get('/:tenant/discovery/v2.0/keys', (c) => {
    const tenant = c.req.param('tenant');
    if (!tenantKind(tenant)) return entraError(400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found.`, {}, { 'Access-Control-Allow-Origin': '*' });
    return c.json(deps.tokens.jwks(), 200, { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'max-age=86400, private' });
  });

  /** Validates an authorize request. Errors before the redirect URI is trusted are pages. */
  const readAuthorize = (tenant: string, q: (name: string) => string | undefined): { params: AuthorizeParams; kind: TenantKind } | { response: Response } => {
    const kind = tenantKind(tenant);
    if (!kind) return { response: html(errorPage(90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`), 400) };
    const clientId = q('client_id');
    if (!clientId) return { response: html(errorPage(900144, "The request body must contain the following parameter: 'client_id'."), 400) };
    if (clientId !== CLIENT_ID) {
      return {
        response: html(
          errorPage(700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`),
          400,
        ),
      };
    }
    const redirectUri = q('redirect_uri');
    if (!redirectUri) return { response: html(errorPage(900144, "The request body must contain the following parameter: 'redirect_uri'."), 400) };
    if (!registeredRedirects().has(redirectUri)) {
      return {
        response: html(
          errorPage(50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`),
          400,
        ),
      };
    }
    const mode = q('response_mode') ?? 'fragment';
    const params: AuthorizeParams = {
      tenant,
      clientId,
      redirectUri,
      responseMode: mode === 'query' ? 'query' : 'fragment',
      scopes: { oidc: [], graph: [], uriForm: false },
      scopeText: q('scope') ?? '',
      state: q('state'),
      nonce: q('nonce'),
      codeChallenge: q('code_challenge') ?? '',
      prompt: q('prompt'),
      loginHint: q('login_hint'),
      clientInfo: q('client_info') === '1',
    };
    const fail = (error: string, code: number, message: string): { response: Response } => ({ response: errorRedirect(params, error, code, message) });
    if (mode !== 'query' && mode !== 'fragment') return fail('invalid_request', 900143, `The response_mode '${mode}' is not supported by this emulator; use 'fragment' or 'query'.`);
    const responseType = q('response_type');
    if (responseType !== 'code') return fail('unsupported_response_type', 700054, `response_type '${responseType ?? ''}' is not enabled for the application; single-page applications use 'code'.`);
    const parsed = parseScopes(q('scope'));
    if (!parsed.ok) return fail(parsed.error, parsed.code, parsed.description);
    params.scopes = parsed.scopes;
    if (!params.codeChallenge) return fail('invalid_request', 9002325, 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.');
    if ((q('code_challenge_method') ?? 'plain') !== 'S256') return fail('invalid_request', 5000, "The code_challenge_method must be 'S256'.");
    if (params.prompt !== undefined && !['none', 'login', 'select_account', 'consent'].includes(params.prompt)) {
      return fail('invalid_request', 90023, `Invalid prompt value '${params.prompt}'. Use none, login, select_account or consent.`);
    }
    return { params, kind };
  };

  const issueCode = async (params: AuthorizeParams, account: SeededAccount, sid: string, setCookie: boolean): Promise<Response> => {
    sweep();
    const code = base64url(randomBytes(48));
    codes.set(code, { params, account, sid, issuedAt: Date.now(), redeemedAt: undefined });
    const response = redirectWith(params, {
      code,
      client_info: params.clientInfo ? clientInfo(account) : undefined,
      state: params.state,
      session_state: sid,
    });
    if (setCookie) {
      const cookie = await deps.tokens.mintSessionCookie({ account, sid });
      response.headers.append('Set-Cookie', `${SESSION_COOKIE}=${cookie}; Path=/; HttpOnly; SameSite=Lax`);
    }
    return response;
  };

  const showPage = (params: AuthorizeParams, kind: TenantKind): Response => {
    sweep();
    const ctx = base64url(randomBytes(24));
    pending.set(ctx, { params, createdAt: Date.now() });
    return html(
      signInPage({
        action: `/${encodeURIComponent(params.tenant)}/oauth2/v2.0/authorize`,
        ctx,
        accounts: eligibleAccounts(kind),
        hint: params.loginHint,
        appName: CLIENT_DISPLAY_NAME,
        scopes: params.scopes.graph,
      }),
    );
  };

  app.get('/:tenant/oauth2/v2.0/authorize', async (c) => {
    const read = readAuthorize(c.req.param('tenant'), (name) => c.req.query(name));
    if ('response' in read) return read.response;
    const { params, kind } = read;
    const session = await deps.tokens.readSessionCookie(readCookie(c.req.header('Cookie') ?? null, SESSION_COOKIE));
    const usable = session && eligibleAccounts(kind).some((a) => a.oid === session.account.oid) && (!params.loginHint || params.loginHint.toLowerCase() === session.account.upn.toLowerCase()) ? session : undefined;
    if (params.prompt === 'none') {
      // prompt=none never shows UI: a code with a usable session, an error otherwise.
      if (!usable) {
        return errorRedirect(
          params,
          'login_required',
          50058,
          session && params.loginHint ? 'The user named in login_hint is not signed in.' : 'A silent sign-in request was sent but no user is signed in.',
        );
      }
      const missing = missingConsent(usable.account, params.scopes);
      if (missing.length > 0) {
        return errorRedirect(params, 'consent_required', 65001, `The user or administrator has not consented to use the application with ID '${params.clientId}' named '${CLIENT_DISPLAY_NAME}'. Send an interactive authorization request for this user and resource.`, {
          suberror: 'consent_required',
        });
      }
      return issueCode(params, usable.account, usable.sid, false);
    }
    if (params.prompt === undefined && usable && missingConsent(usable.account, params.scopes).length === 0) {
      return issueCode(params, usable.account, usable.sid, false);
    }
    return showPage(params, kind);
  });

  app.post('/:tenant/oauth2/v2.0/authorize', async (c) => {
    const form = await c.req.parseBody();
    const ctx = typeof form.ctx === 'string' ? form.ctx : '';
    const entry = pending.get(ctx);
    if (!entry || Date.now() - entry.createdAt > PENDING_LIFETIME_MS) {
      return html(errorPage(50196, 'This sign-in request has expired or was already used. Go back to the application and sign in again.'), 400);
    }
    const { params } = entry;
    const kind = tenantKind(params.tenant);
    const upn = typeof form.account === 'string' ? form.account : '';
    const account = findAccount(upn);
    if (!kind || !account || !eligibleAccounts(kind).some((a) => a.oid === account.oid)) {
      return html(errorPage(50020, `User account '${escapeHtml(upn)}' does not exist in tenant '${params.tenant}' and cannot access the application.`), 400);
    }
    if (form.decision === 'decline') {
      pending.delete(ctx);
      return errorRedirect(params, 'access_denied', 65004, 'User declined to consent to access the app.', { error_subcode: 'cancel' });
    }
    const missing = missingConsent(account, params.scopes);
    if (missing.length > 0) {
      return html(approvalPage({ action: `/${encodeURIComponent(params.tenant)}/oauth2/v2.0/authorize`, ctx, account, appName: CLIENT_DISPLAY_NAME, missing }));
    }
    pending.delete(ctx);
    return issueCode(params, account, randomUUID(), true);
  });

  const corsFor = (origin: string | undefined): Record<string, string> =>
    origin && deps.appOrigins().includes(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : { Vary: 'Origin' };

  app.options('/:tenant/oauth2/v2.0/token', (c) => {
    const origin = c.req.header('Origin');
    return new Response(null, {
      status: 204,
      headers: { ...corsFor(origin), 'Access-Control-Allow-Methods': 'POST, OPTIONS', 'Access-Control-Allow-Headers': 'Content-Type, client-request-id, x-client-SKU, x-client-VER, x-client-OS, x-client-CPU, x-ms-lib-capability, x-client-current-telemetry, x-client-last-telemetry', 'Access-Control-Max-Age': '86400' },
    });
  });

  app.post('/:tenant/oauth2/v2.0/token', async (c) => {
    const origin = c.req.header('Origin');
    const cors = corsFor(origin);
    const fail = (status: number, error: string, code: number, message: string, extra: Record<string, string> = {}): Response => entraError(status, error, code, message, extra, cors);
    const tenant = c.req.param('tenant');
    const kind = tenantKind(tenant);
    if (!kind) return fail(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
    const contentType = c.req.header('Content-Type') ?? '';
    if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'. (Send application/x-www-form-urlencoded.)");
    }
    const form = new URLSearchParams(await c.req.text());
    const field = (name: string): string | undefined => form.get(name) ?? undefined;
    const clientId = field('client_id');
    if (!clientId) return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
    if (clientId !== CLIENT_ID) return fail(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
    if (!origin) return fail(400, 'invalid_request', 9002327, "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.");
    const grantType = field('grant_type');

    const answer = async (account: SeededAccount, sid: string, scopes: RequestedScopes, nonce: string | undefined): Promise<Response> => {
      const grant = grantFor(account, scopes);
      const access = await deps.tokens.mintAccessToken({ account, clientId, scopes: grant.tokenScopes, sid });
      const body: Record<string, unknown> = {
        token_type: 'Bearer',
        scope: grant.responseScope,
        expires_in: access.expiresIn,
        ext_expires_in: access.expiresIn,
        access_token: access.token,
      };
      if (scopes.oidc.includes('offline_access')) {
        body.refresh_token = await deps.tokens.mintRefreshToken({ account, clientId, sid });
        body.refresh_token_expires_in = 86_400;
      }
      if (scopes.oidc.includes('openid')) body.id_token = await deps.tokens.mintIdToken({ account, clientId, nonce, sid });
      body.client_info = clientInfo(account);
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Pragma: 'no-cache', ...cors } });
    };

    const consentError = (): Response =>
      fail(400, 'invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${clientId}' named '${CLIENT_DISPLAY_NAME}'. Send an interactive authorization request for this user and resource.`, {
        suberror: 'consent_required',
      });

    if (grantType === 'authorization_code') {
      const code = field('code');
      if (!code) return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'code'.");
      const grant = codes.get(code);
      if (!grant) return fail(400, 'invalid_grant', 70000, "The provided value for the 'code' parameter is not valid.");
      if (grant.redeemedAt !== undefined) return fail(400, 'invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.');
      if (Date.now() - grant.issuedAt > CODE_LIFETIME_MS) {
        return fail(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');
      }
      if (grant.params.clientId !== clientId) return fail(400, 'invalid_grant', 70000, "The provided value for the 'code' parameter is not valid: it was issued to another client.");
      const redirectUri = field('redirect_uri');
      if (redirectUri !== grant.params.redirectUri) {
        return fail(400, 'invalid_grant', 50011, `The redirect URI '${redirectUri ?? ''}' specified in the request does not match the redirect URI used to obtain the authorization code.`);
      }
      const verifier = field('code_verifier');
      if (!verifier) return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'code_verifier'.");
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (challenge !== grant.params.codeChallenge) return fail(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
      grant.redeemedAt = Date.now();
      let scopes = grant.params.scopes;
      const scopeField = field('scope');
      if (scopeField) {
        const parsed = parseScopes(scopeField);
        if (!parsed.ok) return fail(400, parsed.error, parsed.code, parsed.description);
        scopes = parsed.scopes;
      }
      if (missingConsent(grant.account, scopes).length > 0) return consentError();
      return answer(grant.account, grant.sid, scopes, grant.params.nonce);
    }

    if (grantType === 'refresh_token') {
      const token = field('refresh_token');
      if (!token) return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'refresh_token'.");
      const read = await deps.tokens.readRefreshToken(token);
      if (!read.ok) {
        if (read.reason === 'expired') return fail(400, 'invalid_grant', 700082, 'The refresh token has expired due to inactivity.');
        if (read.reason === 'revoked') {
          return fail(400, 'invalid_grant', 50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.');
        }
        return fail(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid: the refresh token is not valid.');
      }
      if (read.grant.clientId !== clientId) return fail(400, 'invalid_grant', 70000, 'The refresh token was issued to another client.');
      const account = read.grant.account;
      if (!eligibleAccounts(kind).some((a) => a.oid === account.oid)) return fail(400, 'invalid_grant', 50020, `User account '${account.upn}' does not exist in tenant '${tenant}'.`);
      const parsed = parseScopes(field('scope'));
      if (!parsed.ok) return fail(400, parsed.error, parsed.code, parsed.description);
      if (missingConsent(account, parsed.scopes).length > 0) return consentError();
      return answer(account, read.grant.sid, parsed.scopes, undefined);
    }

    return fail(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType ?? ''}'.`);
  });

  const logout = async (c: { req: { param(name: string): string; query(name: string): string | undefined; header(name: string): string | undefined } }): Promise<Response> => {
    const session = await deps.tokens.readSessionCookie(readCookie(c.req.header('Cookie') ?? null, SESSION_COOKIE));
    if (session) deps.tokens.revokeSession(session.sid);
    const clear = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
    const target = c.req.query('post_logout_redirect_uri');
    const allowed = registeredRedirects();
    for (const origin of deps.appOrigins()) allowed.add(origin);
    if (target && allowed.has(target)) {
      const state = c.req.query('state');
      const location = state === undefined ? target : `${target}${target.includes('?') ? '&' : '?'}state=${encodeURIComponent(state)}`;
      return new Response(null, { status: 302, headers: { Location: location, 'Set-Cookie': clear, 'Cache-Control': 'no-store' } });
    }
    return html(signedOutPage(), 200, { 'Set-Cookie': clear });
  };
  app.get('/:tenant/oauth2/v2.0/logout', (c) => logout(c));
  app.post('/:tenant/oauth2/v2.0/logout', (c) => logout(c));

  return app;
}
