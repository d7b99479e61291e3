import { createHash, randomBytes } from 'node:crypto';
import { APP_ORIGIN, CLIENT_ID, DEFAULT_PUBLIC_ORIGIN, REDIRECT_URIS } from '../constants.ts';

export type FetchLike = (request: Request) => Promise<Response>;

export interface SignInOptions {
  upn: string;
  /** Scopes as MSAL sends them (openid profile offline_access are added). */
  scopes?: string[];
  tenant?: string;
  origin?: string;
  redirectUri?: string;
  /** Session cookie from an earlier sign-in (then the page is skipped unless prompt asks for it). */
  cookie?: string;
}

export interface SignInResult {
  accessToken: string;
  refreshToken: string;
  idToken: string;
  scope: string;
  expiresIn: number;
  clientInfo: string;
  cookie: string;
  state: string;
  nonce: string;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(origin: string, params: Record<string, string>, tenant = 'common'): string {
  const query = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URIS[0] ?? `${APP_ORIGIN}/`,
    response_type: 'code',
    response_mode: 'fragment',
    code_challenge_method: 'S256',
    client_info: '1',
    ...params,
  });
  return `${origin}/${tenant}/oauth2/v2.0/authorize?${query.toString()}`;
}

/** Reads the response parameters of an authorize redirect (fragment or query). */
export function redirectParams(location: string): URLSearchParams {
  const url = new URL(location);
  return new URLSearchParams(url.hash ? url.hash.slice(1) : url.search);
}

export function sessionCookie(response: Response): string | undefined {
  const header = response.headers.get('Set-Cookie');
  return header?.split(';')[0];
}

/** The hidden `ctx` of the sign-in page. */
export function pageContext(html: string): string {
  const match = /name="ctx" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no sign-in context on the page');
  return match[1];
}

export async function redeem(fetchFn: FetchLike, input: { origin: string; tenant: string; code: string; verifier: string; redirectUri: string; scope: string; appOrigin?: string }): Promise<Response> {
  return fetchFn(
    new Request(`${input.origin}/${input.tenant}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: input.appOrigin ?? APP_ORIGIN },
      body: new URLSearchParams({
        client_id: CLIENT_ID,
        grant_type: 'authorization_code',
        code: input.code,
        code_verifier: input.verifier,
        redirect_uri: input.redirectUri,
        scope: input.scope,
        client_info: '1',
      }).toString(),
    }),
  );
}

/**
 * Signs in the way MSAL.js does — authorize with PKCE, the sign-in page's button, the token
 * endpoint — and returns the tokens. Works against `emulator.fetch` or real HTTP (`fetch`).
 */
export async function signIn(fetchFn: FetchLike, options: SignInOptions): Promise<SignInResult> {
  const origin = options.origin ?? DEFAULT_PUBLIC_ORIGIN;
  const tenant = options.tenant ?? 'common';
  const redirectUri = options.redirectUri ?? REDIRECT_URIS[0] ?? `${APP_ORIGIN}/`;
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(12).toString('base64url');
  const nonce = randomBytes(12).toString('base64url');
  const scope = [...(options.scopes ?? ['DeviceManagementScripts.Read.All']), 'openid', 'profile', 'offline_access'].join(' ');
  const url = authorizeUrl(origin, { scope, state, nonce, code_challenge: challenge, redirect_uri: redirectUri }, tenant);
  const page = await fetchFn(new Request(url, { redirect: 'manual', headers: options.cookie ? { Cookie: options.cookie } : {} }));
  let location: string | null;
  let cookie = options.cookie ?? '';
  if (page.status === 302) location = page.headers.get('Location');
  else {
    if (page.status !== 200) throw new Error(`authorize answered ${page.status}: ${await page.text()}`);
    const ctx = pageContext(await page.text());
    const chosen = await fetchFn(
      new Request(`${origin}/${tenant}/oauth2/v2.0/authorize`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ctx, account: options.upn }).toString(),
      }),
    );
    if (chosen.status !== 302) throw new Error(`sign-in answered ${chosen.status}: ${await chosen.text()}`);
    location = chosen.headers.get('Location');
    cookie = sessionCookie(chosen) ?? cookie;
  }
  if (!location) throw new Error('no redirect');
  const params = redirectParams(location);
  const code = params.get('code');
  if (!code) throw new Error(`authorize failed: ${params.get('error') ?? ''} ${params.get('error_description') ?? ''}`);
  const tokenResponse = await redeem(fetchFn, { origin, tenant, code, verifier, redirectUri, scope });
  const body = (await tokenResponse.json()) as Record<string, unknown>;
  if (tokenResponse.status !== 200) throw new Error(`token endpoint answered ${tokenResponse.status}: ${JSON.stringify(body)}`);
  return {
    accessToken: String(body.access_token),
    refreshToken: String(body.refresh_token),
    idToken: String(body.id_token),
    scope: String(body.scope),
    expiresIn: Number(body.expires_in),
    clientInfo: String(body.client_info),
    cookie,
    state,
    nonce,
  };
}

/** Decodes a JWT's payload without verifying it (tests only). */
export function decodeJwt(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}
