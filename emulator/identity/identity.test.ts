import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEmulator, type Emulator } from '../app.ts';
import { ACCOUNTS, APP_ORIGIN, CLIENT_ID, MAIN_SCRIPT_ID, PERSONAL_TENANT_ID, REDIRECT_URIS, TENANT_ID } from '../constants.ts';
import { authorizeUrl, decodeJwt, pageContext, pkcePair, redeem, redirectParams, sessionCookie, signIn } from '../testing/sign-in.ts';

const O = 'http://localhost:5174';
const REDIRECT = REDIRECT_URIS[0] ?? '';
let emulator: Emulator;
const fetchE = (r: Request): Promise<Response> => emulator.fetch(r);

beforeAll(async () => {
  emulator = await createEmulator({ bigScriptSize: 50, throttle: false });
});
afterAll(async () => {
  await emulator.close();
});
afterEach(() => {
  vi.useRealTimers();
});

function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return emulator.fetch(new Request(url, { redirect: 'manual', headers }));
}

function graphGet(token: string): Promise<Response> {
  return get(`${O}/beta/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates?$top=1`, { Authorization: `Bearer ${token}` });
}

async function refresh(refreshToken: string, scope: string): Promise<Response> {
  return emulator.fetch(
    new Request(`${O}/common/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: APP_ORIGIN },
      body: new URLSearchParams({ client_id: CLIENT_ID, grant_type: 'refresh_token', refresh_token: refreshToken, scope }).toString(),
    }),
  );
}

describe('discovery', () => {
  it.each(['common', 'organizations', 'consumers', TENANT_ID])('serves openid-configuration for %s', async (tenant) => {
    const response = await get(`${O}/${tenant}/v2.0/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const body = (await response.json()) as Record<string, string>;
    expect(body.authorization_endpoint).toBe(`${O}/${tenant}/oauth2/v2.0/authorize`);
    expect(body.token_endpoint).toBe(`${O}/${tenant}/oauth2/v2.0/token`);
    expect(body.end_session_endpoint).toBe(`${O}/${tenant}/oauth2/v2.0/logout`);
    expect(body.jwks_uri).toBe(`${O}/${tenant}/discovery/v2.0/keys`);
    const expectedIssuer = tenant === TENANT_ID ? `${O}/${TENANT_ID}/v2.0` : tenant === 'consumers' ? `${O}/${PERSONAL_TENANT_ID}/v2.0` : `${O}/{tenantid}/v2.0`;
    expect(body.issuer).toBe(expectedIssuer);
  });

  it('refuses an unknown tenant with AADSTS90002', async () => {
    const response = await get(`${O}/not-a-tenant/v2.0/.well-known/openid-configuration`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error_codes: number[] }).error_codes).toEqual([90002]);
  });

  it('publishes the RS256 signing key', async () => {
    const body = (await (await get(`${O}/common/discovery/v2.0/keys`)).json()) as { keys: Record<string, string>[] };
    expect(body.keys).toHaveLength(1);
    expect(body.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256' });
    expect(body.keys[0]?.d).toBeUndefined();
  });
});

describe('authorize', () => {
  it('shows an accessible sign-in page with one button per account', async () => {
    const { challenge } = pkcePair();
    const response = await get(authorizeUrl(O, { scope: 'openid profile', state: 's', nonce: 'n', code_challenge: challenge }));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html).toContain('aria-labelledby="page-title"');
    for (const account of Object.values(ACCOUNTS)) expect(html).toMatch(new RegExp(`<button[^>]*>[\\s\\S]*?Sign in as ${account.upn.replace('.', '\\.')}`));
  });

  it('lists only work accounts for the tenant and organizations, only the personal account for consumers', async () => {
    const { challenge } = pkcePair();
    const work = await (await get(authorizeUrl(O, { scope: 'openid', code_challenge: challenge }, TENANT_ID))).text();
    expect(work).toContain(ACCOUNTS.admin.upn);
    expect(work).not.toContain(ACCOUNTS.personal.upn);
    const consumers = await (await get(authorizeUrl(O, { scope: 'openid', code_challenge: challenge }, 'consumers'))).text();
    expect(consumers).toContain(ACCOUNTS.personal.upn);
    expect(consumers).not.toContain(ACCOUNTS.admin.upn);
  });

  it('preselects the login_hint account', async () => {
    const { challenge } = pkcePair();
    const html = await (await get(authorizeUrl(O, { scope: 'openid', code_challenge: challenge, login_hint: ACCOUNTS.helpdesk.upn }))).text();
    expect(html).toMatch(/<button[^>]*value="helpdesk@contoso\.onmicrosoft\.com" autofocus/);
  });

  it('echoes state byte for byte and carries the nonce into the id_token (fragment)', async () => {
    const state = 'eyJpZCI6IjEyMyJ9|weird &=#+/%20 ü';
    const { verifier, challenge } = pkcePair();
    const page = await get(authorizeUrl(O, { scope: 'openid profile offline_access DeviceManagementScripts.Read.All', state, nonce: 'nonce-123', code_challenge: challenge }));
    const chosen = await emulator.fetch(
      new Request(`${O}/common/oauth2/v2.0/authorize`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ctx: pageContext(await page.text()), account: ACCOUNTS.admin.upn }).toString(),
      }),
    );
    expect(chosen.status).toBe(302);
    const location = chosen.headers.get('Location') ?? '';
    expect(location.startsWith(`${REDIRECT}#`)).toBe(true);
    const params = redirectParams(location);
    expect(params.get('state')).toBe(state);
    expect(sessionCookie(chosen)).toMatch(/^emulator_session=/);
    expect(chosen.headers.get('Set-Cookie')).toMatch(/HttpOnly; SameSite=Lax/);
    const token = await redeem(fetchE, { origin: O, tenant: 'common', code: params.get('code') ?? '', verifier, redirectUri: REDIRECT, scope: 'openid profile offline_access DeviceManagementScripts.Read.All' });
    expect(token.status).toBe(200);
    expect(token.headers.get('Access-Control-Allow-Origin')).toBe(APP_ORIGIN);
    const body = (await token.json()) as Record<string, string>;
    expect(decodeJwt(body.id_token ?? '')).toMatchObject({ nonce: 'nonce-123', aud: CLIENT_ID, tid: TENANT_ID, preferred_username: ACCOUNTS.admin.upn, ver: '2.0' });
    expect(JSON.parse(Buffer.from(body.client_info ?? '', 'base64url').toString())).toEqual({ uid: ACCOUNTS.admin.oid, utid: TENANT_ID });
  });

  it('answers in the query with response_mode=query', async () => {
    const { challenge } = pkcePair();
    const first = await signIn(fetchE, { upn: ACCOUNTS.admin.upn });
    const response = await get(authorizeUrl(O, { scope: 'openid', state: 'q1', response_mode: 'query', code_challenge: challenge }), { Cookie: first.cookie });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('Location') ?? '');
    expect(location.searchParams.get('state')).toBe('q1');
    expect(location.searchParams.get('code')).toBeTruthy();
  });

  it('prompt=none: a code with a session, login_required without one, never a page', async () => {
    const { challenge } = pkcePair();
    const none = await get(authorizeUrl(O, { scope: 'openid', state: 'x', prompt: 'none', code_challenge: challenge }));
    expect(none.status).toBe(302);
    const error = redirectParams(none.headers.get('Location') ?? '');
    expect(error.get('error')).toBe('login_required');
    expect(error.get('error_description')).toMatch(/^AADSTS50058:/);
    expect(error.get('state')).toBe('x');

    const session = await signIn(fetchE, { upn: ACCOUNTS.admin.upn });
    const silent = await get(authorizeUrl(O, { scope: 'openid', prompt: 'none', code_challenge: challenge }), { Cookie: session.cookie });
    expect(redirectParams(silent.headers.get('Location') ?? '').get('code')).toBeTruthy();

    const otherHint = await get(authorizeUrl(O, { scope: 'openid', prompt: 'none', login_hint: ACCOUNTS.helpdesk.upn, code_challenge: challenge }), { Cookie: session.cookie });
    expect(redirectParams(otherHint.headers.get('Location') ?? '').get('error')).toBe('login_required');
  });

  it('prompt=login and select_account show the page even with a session', async () => {
    const { challenge } = pkcePair();
    const session = await signIn(fetchE, { upn: ACCOUNTS.admin.upn });
    for (const prompt of ['login', 'select_account']) {
      const response = await get(authorizeUrl(O, { scope: 'openid', prompt, code_challenge: challenge }), { Cookie: session.cookie });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Pick an account');
    }
  });

  it('shows an error page for an unknown client_id (AADSTS700016) and a foreign redirect_uri (AADSTS50011)', async () => {
    const { challenge } = pkcePair();
    const unknown = await get(authorizeUrl(O, { scope: 'openid', code_challenge: challenge, client_id: '11111111-1111-1111-1111-111111111111' }));
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('AADSTS700016');
    const foreign = await get(authorizeUrl(O, { scope: 'openid', code_challenge: challenge, redirect_uri: 'https://evil.example/' }));
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get('Location')).toBeNull();
    expect(await foreign.text()).toContain('AADSTS50011');
  });

  it('requires PKCE S256', async () => {
    const missing = await get(authorizeUrl(O, { scope: 'openid', state: 's' }));
    expect(redirectParams(missing.headers.get('Location') ?? '').get('error_description')).toMatch(/^AADSTS9002325/);
  });

  it('helpdesk asking for ReadWrite gets the admin-approval page, and declining returns access_denied', async () => {
    const { challenge } = pkcePair();
    const page = await get(authorizeUrl(O, { scope: 'openid DeviceManagementScripts.ReadWrite.All', state: 'st', code_challenge: challenge }));
    const ctx = pageContext(await page.text());
    const post = (body: Record<string, string>): Promise<Response> =>
      emulator.fetch(new Request(`${O}/common/oauth2/v2.0/authorize`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() }));
    const approval = await post({ ctx, account: ACCOUNTS.helpdesk.upn });
    expect(approval.status).toBe(200);
    expect(await approval.text()).toContain('Need admin approval');
    const declined = await post({ ctx, account: ACCOUNTS.helpdesk.upn, decision: 'decline' });
    const params = redirectParams(declined.headers.get('Location') ?? '');
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('state')).toBe('st');
  });
});

describe('token', () => {
  async function code(scope = 'openid profile offline_access DeviceManagementScripts.Read.All'): Promise<{ code: string; verifier: string; scope: string }> {
    const { verifier, challenge } = pkcePair();
    const session = await signIn(fetchE, { upn: ACCOUNTS.admin.upn });
    const response = await get(authorizeUrl(O, { scope, code_challenge: challenge }), { Cookie: session.cookie });
    return { code: redirectParams(response.headers.get('Location') ?? '').get('code') ?? '', verifier, scope };
  }

  async function errorOf(response: Response): Promise<{ error: string; error_codes: number[]; error_description: string; suberror?: string }> {
    expect(response.status).toBe(400);
    return (await response.json()) as { error: string; error_codes: number[]; error_description: string; suberror?: string };
  }

  it('issues a Graph access token carrying every consented scope', async () => {
    const result = await signIn(fetchE, { upn: ACCOUNTS.admin.upn, scopes: ['DeviceManagementScripts.Read.All'] });
    const claims = decodeJwt(result.accessToken);
    expect(claims).toMatchObject({ aud: 'https://graph.microsoft.com', iss: `${O}/${TENANT_ID}/v2.0`, tid: TENANT_ID, oid: ACCOUNTS.admin.oid, upn: ACCOUNTS.admin.upn, azp: CLIENT_ID });
    expect(String(claims.scp).split(' ').sort()).toEqual(['DeviceManagementApps.Read.All', 'DeviceManagementManagedDevices.Read.All', 'DeviceManagementScripts.Read.All', 'DeviceManagementScripts.ReadWrite.All']);
    expect(result.scope.split(' ')).toEqual(expect.arrayContaining(['DeviceManagementScripts.ReadWrite.All', 'DeviceManagementScripts.Read.All', 'openid']));
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    expect(result.expiresIn).toBe(3600);
    expect((await graphGet(result.accessToken)).status).toBe(200);
  });

  it('answers Graph scopes in the form they were asked (full URI)', async () => {
    const result = await signIn(fetchE, { upn: ACCOUNTS.helpdesk.upn, scopes: ['https://graph.microsoft.com/DeviceManagementScripts.Read.All'] });
    expect(result.scope.split(' ')).toContain('https://graph.microsoft.com/DeviceManagementScripts.Read.All');
  });

  it('refuses a reused code (AADSTS54005), a bad verifier (AADSTS501481), a foreign redirect_uri (AADSTS50011), an unknown client (AADSTS700016)', async () => {
    const first = await code();
    expect((await redeem(fetchE, { origin: O, tenant: 'common', ...first, redirectUri: REDIRECT })).status).toBe(200);
    expect((await errorOf(await redeem(fetchE, { origin: O, tenant: 'common', ...first, redirectUri: REDIRECT }))).error_codes).toEqual([54005]);

    const second = await code();
    const bad = await errorOf(await redeem(fetchE, { origin: O, tenant: 'common', ...second, verifier: pkcePair().verifier, redirectUri: REDIRECT }));
    expect(bad).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });

    const third = await code();
    expect((await errorOf(await redeem(fetchE, { origin: O, tenant: 'common', ...third, redirectUri: REDIRECT_URIS[1] ?? '' }))).error_codes).toEqual([50011]);

    const unknown = await emulator.fetch(
      new Request(`${O}/common/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: APP_ORIGIN },
        body: new URLSearchParams({ client_id: '22222222-2222-2222-2222-222222222222', grant_type: 'authorization_code', code: 'x' }).toString(),
      }),
    );
    const body = await errorOf(unknown);
    expect(body.error_codes).toEqual([700016]);
    expect(body.error_description).toMatch(/^AADSTS700016: /);
  });

  it('expires codes after about a minute (AADSTS70008)', async () => {
    const grant = await code();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    expect((await errorOf(await redeem(fetchE, { origin: O, tenant: 'common', ...grant, redirectUri: REDIRECT }))).error_codes).toEqual([70008]);
  });

  it('requires a cross-origin request for SPA redemption (AADSTS9002327)', async () => {
    const grant = await code();
    const response = await emulator.fetch(
      new Request(`${O}/common/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: CLIENT_ID, grant_type: 'authorization_code', code: grant.code, code_verifier: grant.verifier, redirect_uri: REDIRECT }).toString(),
      }),
    );
    expect((await errorOf(response)).error_codes).toEqual([9002327]);
  });

  it('refreshes, and refuses a Graph scope the account lacks with consent_required (AADSTS65001)', async () => {
    const helpdesk = await signIn(fetchE, { upn: ACCOUNTS.helpdesk.upn, scopes: ['DeviceManagementScripts.Read.All'] });
    const renewed = await refresh(helpdesk.refreshToken, 'DeviceManagementScripts.Read.All openid profile offline_access');
    expect(renewed.status).toBe(200);
    const body = (await renewed.json()) as Record<string, string>;
    expect(decodeJwt(body.access_token ?? '').scp).toBe('DeviceManagementScripts.Read.All');
    expect(body.refresh_token).toBeTruthy();
    const denied = await errorOf(await refresh(helpdesk.refreshToken, 'DeviceManagementScripts.ReadWrite.All openid profile offline_access'));
    expect(denied).toMatchObject({ error: 'invalid_grant', error_codes: [65001], suberror: 'consent_required' });
    // openid profile offline_access are always allowed.
    expect((await refresh(helpdesk.refreshToken, 'openid profile offline_access')).status).toBe(200);
  });

  it('gives the personal account a token in the consumer tenant, which Graph refuses', async () => {
    const personal = await signIn(fetchE, { upn: ACCOUNTS.personal.upn, tenant: 'consumers' });
    expect(decodeJwt(personal.accessToken).tid).toBe(PERSONAL_TENANT_ID);
    const response = await graphGet(personal.accessToken);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/Personal Microsoft accounts are not supported for Intune/);
  });

  it('honours the configured token lifetime', async () => {
    const short = await createEmulator({ bigScriptSize: 0, tokenLifetimeSeconds: 1 });
    const result = await signIn((r) => short.fetch(r), { upn: ACCOUNTS.admin.upn });
    expect(result.expiresIn).toBe(1);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2000);
    const response = await short.fetch(new Request(`${O}/beta/deviceManagement/deviceManagementScripts`, { headers: { Authorization: `Bearer ${result.accessToken}` } }));
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/expired/);
    await short.close();
  });
});

describe('logout and test controls', () => {
  it('logout clears the session cookie and redirects to a registered URI', async () => {
    const session = await signIn(fetchE, { upn: ACCOUNTS.admin.upn });
    const out = await get(`${O}/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(REDIRECT)}`, { Cookie: session.cookie });
    expect(out.status).toBe(302);
    expect(out.headers.get('Location')).toBe(REDIRECT);
    expect(out.headers.get('Set-Cookie')).toMatch(/Max-Age=0/);
    const { challenge } = pkcePair();
    const none = await get(authorizeUrl(O, { scope: 'openid', prompt: 'none', code_challenge: challenge }), { Cookie: session.cookie });
    expect(redirectParams(none.headers.get('Location') ?? '').get('error')).toBe('login_required');
    const unregistered = await get(`${O}/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`);
    expect(unregistered.status).toBe(200);
  });

  it('revoking a user kills sessions, refresh tokens and access tokens until the next sign-in', async () => {
    const session = await signIn(fetchE, { upn: ACCOUNTS.admin.upn });
    const revoke = await emulator.fetch(new Request(`${O}/_emulator/sessions/revoke`, { method: 'POST', body: JSON.stringify({ upn: ACCOUNTS.admin.upn }) }));
    expect(revoke.status).toBe(200);
    const refused = await refresh(session.refreshToken, 'openid offline_access');
    expect(((await refused.json()) as { error_codes: number[] }).error_codes).toEqual([50173]);
    const graph = await graphGet(session.accessToken);
    expect(graph.status).toBe(401);
    expect(graph.headers.get('WWW-Authenticate')).toContain('insufficient_claims');
    const { challenge } = pkcePair();
    const none = await get(authorizeUrl(O, { scope: 'openid', prompt: 'none', code_challenge: challenge }), { Cookie: session.cookie });
    expect(redirectParams(none.headers.get('Location') ?? '').get('error')).toBe('login_required');
    await new Promise((r) => setTimeout(r, 2));
    const again = await signIn(fetchE, { upn: ACCOUNTS.admin.upn });
    expect((await graphGet(again.accessToken)).status).toBe(200);
  });

  it('makes the next access-token checks fail as expired', async () => {
    const session = await signIn(fetchE, { upn: ACCOUNTS.admin.upn });
    await emulator.fetch(new Request(`${O}/_emulator/tokens/expire`, { method: 'POST', body: JSON.stringify({ count: 2 }) }));
    for (let i = 0; i < 2; i += 1) {
      const response = await graphGet(session.accessToken);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Lifetime validation failed, the token is expired.' });
    }
    expect((await graphGet(session.accessToken)).status).toBe(200);
  });
});
