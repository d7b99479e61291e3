import type { Configuration } from '@azure/msal-browser';
import type { AppConfig } from '../../config/env';

/** The page MSAL's hidden iframe and popups land on: it only relays the answer to this window. */
export const redirectBridgePath = '/redirect.html';

/**
 * MSAL configuration from the validated env. Every key is set to a real value: MSAL replaces its
 * defaults with `undefined` keys and then fails discovery (shared/reference/msal-local-authority.md).
 */
export function createMsalConfiguration(config: AppConfig, origin: string = window.location.origin): Configuration {
  const auth: Configuration['auth'] = {
    clientId: config.auth.clientId,
    authority: config.auth.authority,
    // Silent renewal runs in a hidden iframe; its answer goes to the bridge page, not the app.
    redirectUri: `${origin}${redirectBridgePath}`,
    postLogoutRedirectUri: `${origin}/`,
  };
  if (config.auth.knownAuthorities.length > 0) auth.knownAuthorities = config.auth.knownAuthorities;
  if (config.auth.metadataOrigin !== null) {
    auth.authorityMetadata = JSON.stringify(localAuthorityMetadata(config.auth.authority, config.auth.metadataOrigin));
  }
  return {
    auth,
    // MSAL's default; tokens never go to localStorage, URLs or logs.
    cache: { cacheLocation: 'sessionStorage' },
  };
}

/**
 * OpenID metadata for the local emulator, given inline so MSAL never contacts the https authority
 * string (which MSAL requires) and no browser needs to trust a self-signed certificate
 * (docs/decisions/001-local-emulator-contract.md).
 */
export function localAuthorityMetadata(authority: string, metadataOrigin: string) {
  const tenant = new URL(authority).pathname.replace(/^\/+|\/+$/g, '') || 'common';
  const base = `${metadataOrigin}/${tenant}`;
  return {
    issuer: `${base}/v2.0`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    jwks_uri: `${metadataOrigin}/${tenant}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
  };
}
