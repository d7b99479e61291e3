import { GRAPH_APP_ID, GRAPH_RESOURCE, type SeededAccount } from '../constants.ts';

export const OIDC_SCOPES: ReadonlySet<string> = new Set(['openid', 'profile', 'offline_access', 'email']);

export interface RequestedScopes {
  oidc: string[];
  /** Graph permission names (without the resource prefix); `.default` included as asked. */
  graph: string[];
  /** Whether the client named Graph scopes as full URIs (`https://graph.microsoft.com/X`). */
  uriForm: boolean;
}

export type ScopeParse = { ok: true; scopes: RequestedScopes } | { ok: false; code: number; error: string; description: string };

/** Splits a scope parameter into OpenID scopes and Graph permissions; other resources are unknown here. */
export function parseScopes(scope: string | undefined): ScopeParse {
  if (scope === undefined || scope.trim() === '') return { ok: false, code: 900144, error: 'invalid_request', description: "The request body must contain the following parameter: 'scope'." };
  const out: RequestedScopes = { oidc: [], graph: [], uriForm: false };
  for (const raw of scope.split(/\s+/).filter((s) => s !== '')) {
    const lower = raw.toLowerCase();
    if (OIDC_SCOPES.has(lower)) {
      if (!out.oidc.includes(lower)) out.oidc.push(lower);
      continue;
    }
    let name: string | undefined;
    for (const prefix of [`${GRAPH_RESOURCE}/`, `${GRAPH_APP_ID}/`, 'https://graph.microsoft.com//']) {
      if (lower.startsWith(prefix)) {
        name = raw.slice(prefix.length);
        out.uriForm = true;
      }
    }
    if (name === undefined) {
      if (raw.includes('/') || raw.includes(':')) {
        return {
          ok: false,
          code: 500011,
          error: 'invalid_resource',
          description: `The resource principal named ${raw.replace(/\/[^/]*$/, '')} was not found in the tenant. This emulator only knows Microsoft Graph.`,
        };
      }
      name = raw;
    }
    if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(name) && name !== '.default') {
      return { ok: false, code: 70011, error: 'invalid_scope', description: `The provided value for the input parameter 'scope' is not valid. The scope ${raw} is not valid.` };
    }
    if (!out.graph.some((g) => g.toLowerCase() === name.toLowerCase())) out.graph.push(name);
  }
  return { ok: true, scopes: out };
}

export interface Grant {
  /** Scopes in the access token's `scp`. */
  tokenScopes: string[];
  /** The token response's `scope`. */
  responseScope: string;
}

/** Scopes the user asked for that the account has no consent for (work accounts only). */
export function missingConsent(account: SeededAccount, scopes: RequestedScopes): string[] {
  if (account.kind === 'personal') return [];
  const consented = new Set(account.graphScopes.map((s) => s.toLowerCase()));
  return scopes.graph.filter((s) => s !== '.default' && !consented.has(s.toLowerCase()));
}

/**
 * What the access token carries. Like Entra with admin consent, a token for Graph holds every
 * scope consented for that resource, not only those requested, and `scope` lists them. A personal
 * account consents for itself to whatever it asks.
 */
export function grantFor(account: SeededAccount, scopes: RequestedScopes): Grant {
  let tokenScopes: string[];
  if (account.kind === 'personal') {
    tokenScopes = [...new Set([...account.graphScopes, ...scopes.graph.filter((s) => s !== '.default')])];
    if (tokenScopes.length === 0) tokenScopes = ['User.Read'];
  } else tokenScopes = [...account.graphScopes];
  const shown = tokenScopes.map((s) => (scopes.uriForm ? `${GRAPH_RESOURCE}/${s}` : s));
  return { tokenScopes, responseScope: [...shown, ...scopes.oidc].join(' ') };
}
