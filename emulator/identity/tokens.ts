import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ACCOUNT_LIST, GRAPH_APP_ID, GRAPH_RESOURCE, PERSONAL_TENANT_ID, type SeededAccount } from '../constants.ts';
import type { SigningKeys } from './keys.ts';

const REFRESH_AUDIENCE = 'urn:emulator:refresh-token';
const SESSION_AUDIENCE = 'urn:emulator:session';
/** SPA refresh tokens live 24 hours at Entra. */
export const REFRESH_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
export const ID_TOKEN_LIFETIME_SECONDS = 60 * 60;

export interface GraphPrincipal {
  tenantId: string;
  objectId: string;
  upn: string | undefined;
  appId: string;
  scopes: string[];
  roles: string[];
  appOnly: boolean;
  personal: boolean;
  sid: string | undefined;
  expiresAt: number;
}

export type AccessTokenCheck =
  | { ok: true; principal: GraphPrincipal }
  | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'invalid' | 'revoked'; message: string };

export interface RefreshGrant {
  account: SeededAccount;
  clientId: string;
  sid: string;
}

export interface Session {
  account: SeededAccount;
  sid: string;
}

export function findAccount(upnOrOid: string): SeededAccount | undefined {
  const lower = upnOrOid.toLowerCase();
  return ACCOUNT_LIST.find((a) => a.upn.toLowerCase() === lower || a.oid === lower);
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * Mints and verifies every token the emulator hands out (access, id, refresh, session cookie),
 * and holds the test controls that revoke a user's sessions or force the next checks to fail.
 */
export class TokenService {
  private readonly keys: SigningKeys;
  private readonly publicOrigin: string;
  lifetimeSeconds: number;
  /** Tokens and sessions of a user issued at or before this instant (ms) are revoked. */
  private readonly revokedBefore = new Map<string, number>();
  private readonly revokedSids = new Set<string>();
  private forcedExpiry: { remaining: number; upn: string | undefined } = { remaining: 0, upn: undefined };

  constructor(keys: SigningKeys, publicOrigin: string, lifetimeSeconds: number) {
    this.keys = keys;
    this.publicOrigin = publicOrigin;
    this.lifetimeSeconds = lifetimeSeconds;
  }

  issuer(tenantId: string): string {
    return `${this.publicOrigin}/${tenantId}/v2.0`;
  }

  jwks(): { keys: object[] } {
    return { keys: [this.keys.publicJwk] };
  }

  private sign(payload: JWTPayload): Promise<string> {
    return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.keys.kid }).sign(this.keys.privateKey);
  }

  async mintAccessToken(input: {
    account: SeededAccount;
    clientId: string;
    scopes: readonly string[];
    sid?: string;
    lifetimeSeconds?: number;
  }): Promise<{ token: string; expiresIn: number }> {
    const lifetime = input.lifetimeSeconds ?? this.lifetimeSeconds;
    const iat = nowSeconds();
    const { account } = input;
    const payload: JWTPayload = {
      aud: GRAPH_RESOURCE,
      iss: this.issuer(account.tenantId),
      iat,
      nbf: iat,
      exp: iat + lifetime,
      ver: '2.0',
      tid: account.tenantId,
      oid: account.oid,
      sub: account.oid,
      upn: account.kind === 'work' ? account.upn : undefined,
      unique_name: account.kind === 'personal' ? `live.com#${account.upn}` : account.upn,
      preferred_username: account.upn,
      name: account.displayName,
      scp: input.scopes.join(' '),
      azp: input.clientId,
      appid: input.clientId,
      azpacr: '0',
      idtyp: 'user',
      sid: input.sid,
      uti: randomUUID(),
      xms_emu_iat: Date.now(),
    };
    if (account.kind === 'personal') payload.acct = 1;
    return { token: await this.sign(payload), expiresIn: lifetime };
  }

  /** An application (client credentials) token: `roles`, no `scp`. Only the admin API mints these. */
  async mintAppOnlyToken(input: { clientId: string; roles: readonly string[]; lifetimeSeconds?: number }): Promise<string> {
    const iat = nowSeconds();
    return this.sign({
      aud: GRAPH_RESOURCE,
      iss: this.issuer(ACCOUNT_LIST[0]?.tenantId ?? ''),
      iat,
      nbf: iat,
      exp: iat + (input.lifetimeSeconds ?? this.lifetimeSeconds),
      ver: '2.0',
      tid: ACCOUNT_LIST[0]?.tenantId,
      oid: randomUUID(),
      sub: randomUUID(),
      roles: [...input.roles],
      azp: input.clientId,
      appid: input.clientId,
      azpacr: '1',
      idtyp: 'app',
      uti: randomUUID(),
      xms_emu_iat: Date.now(),
    });
  }

  async mintIdToken(input: { account: SeededAccount; clientId: string; nonce: string | undefined; sid: string }): Promise<string> {
    const iat = nowSeconds();
    const { account } = input;
    return this.sign({
      ver: '2.0',
      iss: this.issuer(account.tenantId),
      aud: input.clientId,
      iat,
      nbf: iat,
      exp: iat + ID_TOKEN_LIFETIME_SECONDS,
      sub: account.oid,
      oid: account.oid,
      tid: account.tenantId,
      name: account.displayName,
      preferred_username: account.upn,
      nonce: input.nonce,
      sid: input.sid,
      uti: randomUUID(),
    });
  }

  mintRefreshToken(grant: RefreshGrant): Promise<string> {
    const iat = nowSeconds();
    return this.sign({
      aud: REFRESH_AUDIENCE,
      iss: this.publicOrigin,
      iat,
      exp: iat + REFRESH_TOKEN_LIFETIME_SECONDS,
      sub: grant.account.oid,
      cid: grant.clientId,
      sid: grant.sid,
      uti: randomUUID(),
      xms_emu_iat: Date.now(),
    });
  }

  mintSessionCookie(session: Session): Promise<string> {
    return this.sign({ aud: SESSION_AUDIENCE, iss: this.publicOrigin, iat: nowSeconds(), sub: session.account.oid, sid: session.sid, xms_emu_iat: Date.now() });
  }

  private isRevoked(account: SeededAccount, sid: unknown, issuedAtMs: unknown): boolean {
    if (typeof sid === 'string' && this.revokedSids.has(sid)) return true;
    const before = this.revokedBefore.get(account.oid);
    return before !== undefined && (typeof issuedAtMs !== 'number' || issuedAtMs <= before);
  }

  async readSessionCookie(value: string | undefined): Promise<Session | undefined> {
    if (!value) return undefined;
    try {
      const { payload } = await jwtVerify(value, this.keys.publicKey, { audience: SESSION_AUDIENCE, issuer: this.publicOrigin, algorithms: ['RS256'] });
      const account = typeof payload.sub === 'string' ? findAccount(payload.sub) : undefined;
      if (!account || typeof payload.sid !== 'string') return undefined;
      if (this.isRevoked(account, payload.sid, payload.xms_emu_iat)) return undefined;
      return { account, sid: payload.sid };
    } catch {
      return undefined;
    }
  }

  async readRefreshToken(token: string): Promise<{ ok: true; grant: RefreshGrant } | { ok: false; reason: 'malformed' | 'expired' | 'revoked' }> {
    try {
      const { payload } = await jwtVerify(token, this.keys.publicKey, { audience: REFRESH_AUDIENCE, issuer: this.publicOrigin, algorithms: ['RS256'] });
      const account = typeof payload.sub === 'string' ? findAccount(payload.sub) : undefined;
      if (!account || typeof payload.sid !== 'string' || typeof payload.cid !== 'string') return { ok: false, reason: 'malformed' };
      if (this.isRevoked(account, payload.sid, payload.xms_emu_iat)) return { ok: false, reason: 'revoked' };
      return { ok: true, grant: { account, clientId: payload.cid, sid: payload.sid } };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
      return { ok: false, reason: 'malformed' };
    }
  }

  /** What Graph checks on every call: signature, lifetime, audience, issuer, revocation. */
  async verifyAccessToken(authorization: string | null): Promise<AccessTokenCheck> {
    if (!authorization || authorization.trim() === '') return { ok: false, reason: 'missing', message: 'Access token is empty.' };
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) return { ok: false, reason: 'malformed', message: 'Access token validation failure. The Authorization header must be "Bearer <token>".' };
    const token = match[1];
    if (token.split('.').length !== 3) return { ok: false, reason: 'malformed', message: 'IDX14100: JWT is not well formed, there are no dots (.).' };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys.publicKey, { algorithms: ['RS256'], audience: [GRAPH_RESOURCE, `${GRAPH_RESOURCE}/`, GRAPH_APP_ID] }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired', message: 'Lifetime validation failed, the token is expired.' };
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') return { ok: false, reason: 'invalid', message: 'Access token validation failure. Invalid audience.' };
      if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'invalid', message: 'Access token validation failure. Invalid signature.' };
      return { ok: false, reason: 'invalid', message: 'Access token validation failure.' };
    }
    const tid = typeof payload.tid === 'string' ? payload.tid : '';
    if (payload.iss !== this.issuer(tid)) return { ok: false, reason: 'invalid', message: 'Access token validation failure. Invalid issuer.' };
    const appId = typeof payload.azp === 'string' ? payload.azp : typeof payload.appid === 'string' ? payload.appid : '';
    const scopes = typeof payload.scp === 'string' && payload.scp !== '' ? payload.scp.split(' ') : [];
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    const oid = typeof payload.oid === 'string' ? payload.oid : '';
    const upn = typeof payload.preferred_username === 'string' ? payload.preferred_username : undefined;
    const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
    const appOnly = scopes.length === 0 && payload.idtyp === 'app';
    const account = appOnly ? undefined : findAccount(oid);
    if (account && this.isRevoked(account, sid, payload.xms_emu_iat)) {
      return { ok: false, reason: 'revoked', message: "Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp" };
    }
    if (this.forcedExpiry.remaining > 0 && (this.forcedExpiry.upn === undefined || this.forcedExpiry.upn.toLowerCase() === upn?.toLowerCase())) {
      this.forcedExpiry.remaining -= 1;
      return { ok: false, reason: 'expired', message: 'Lifetime validation failed, the token is expired.' };
    }
    return {
      ok: true,
      principal: {
        tenantId: tid,
        objectId: oid,
        upn,
        appId,
        scopes,
        roles,
        appOnly,
        personal: tid === PERSONAL_TENANT_ID,
        sid,
        expiresAt: typeof payload.exp === 'number' ? payload.exp : 0,
      },
    };
  }

  /** Test control: revoke every session, refresh token and access token the user holds now. */
  revokeUser(account: SeededAccount): void {
    this.revokedBefore.set(account.oid, Date.now());
  }

  revokeSession(sid: string): void {
    this.revokedSids.add(sid);
  }

  /** Test control: the next `count` access-token checks (optionally of one user) fail as expired. */
  expireNext(count: number, upn?: string): void {
    this.forcedExpiry = { remaining: count, upn };
  }

  pendingForcedExpiries(): number {
    return this.forcedExpiry.remaining;
  }

  clearRevocations(): void {
    this.revokedBefore.clear();
    this.revokedSids.clear();
    this.forcedExpiry = { remaining: 0, upn: undefined };
  }
}
