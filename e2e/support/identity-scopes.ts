import type { APIRequestContext, Page } from '@playwright/test';
import { emulatorOrigin } from './origins';

const oidcScopes = new Set(['openid', 'profile', 'offline_access', 'email']);

export interface ScopeRequest {
  endpoint: 'authorize' | 'token';
  /** Graph scopes only, without the resource prefix (`DeviceManagementScripts.Read.All`). */
  scopes: string[];
}

function graphScopes(scope: string | null): string[] {
  return (scope ?? '')
    .split(/\s+/)
    .filter((entry) => entry !== '' && !oidcScopes.has(entry.toLowerCase()))
    .map((entry) => entry.slice(entry.lastIndexOf('/') + 1));
}

/**
 * Every scope the page asks the identity platform for, in order: the `scope` of each authorize
 * navigation (top level or MSAL's hidden iframe) and of each token request's form body.
 */
export function recordScopeRequests(page: Page): ScopeRequest[] {
  const seen: ScopeRequest[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== emulatorOrigin) return;
    // The sign-in page's own form posts back to the authorize path without a scope: not the app's ask.
    if (url.pathname.endsWith('/oauth2/v2.0/authorize') && url.searchParams.has('scope')) {
      seen.push({ endpoint: 'authorize', scopes: graphScopes(url.searchParams.get('scope')) });
    } else if (url.pathname.endsWith('/oauth2/v2.0/token') && request.method() === 'POST') {
      seen.push({ endpoint: 'token', scopes: graphScopes(new URLSearchParams(request.postData() ?? '').get('scope')) });
    }
  });
  return seen;
}

/**
 * Makes the emulator issue access tokens that MSAL treats as nearly expired (under its five-minute
 * renewal offset), so every token the app needs is asked of the token endpoint and can be seen.
 * Returns the restore step: the setting outlives the per-test reset.
 */
export async function shortLivedTokens(request: APIRequestContext, lifetimeSeconds = 120): Promise<() => Promise<void>> {
  const current = (await (await request.get(`${emulatorOrigin}/_emulator/config`)).json()) as { tokenLifetimeSeconds: number };
  await request.post(`${emulatorOrigin}/_emulator/config`, { data: { tokenLifetimeSeconds: lifetimeSeconds } });
  return async () => {
    await request.post(`${emulatorOrigin}/_emulator/config`, { data: { tokenLifetimeSeconds: current.tokenLifetimeSeconds } });
  };
}
