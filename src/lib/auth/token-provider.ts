import { InteractionRequiredAuthError, ServerError, type IPublicClientApplication } from '@azure/msal-browser';
import type { TokenProvider } from '../graph/graph-request';
import { consentRequiredErrorCode, GraphError } from '../graph/graph-error';
import { notifyBeforeInteraction, notifyInteractionStayed } from './interaction';
import { rememberReturnTo } from './return-to';
import { graphScopes } from './scopes';

/** Raised when no account is signed in; the auth gate sends the user to sign-in. */
export class SignInRequiredError extends Error {
  override readonly name = 'SignInRequiredError';
}

/** Scopes granted in the latest token for Graph, as a tiny external store for React. */
export class GrantedScopes {
  private scopes: readonly string[] | null = null;
  private readonly listeners = new Set<() => void>();

  get = (): readonly string[] | null => this.scopes;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(scopes: readonly string[]): void {
    const current = this.scopes;
    if (current !== null && current.length === scopes.length && current.every((scope, i) => scope === scopes[i])) return;
    this.scopes = [...scopes];
    for (const listener of this.listeners) listener();
  }
}

/**
 * Whether only an interactive sign-in can get the token. MSAL says so with an
 * InteractionRequiredAuthError, but not when two silent requests race after the session was
 * revoked: a request whose refresh token was refused (invalid_grant) while another request's hidden
 * iframe renewal was running waits for that iframe, and when the iframe failed too MSAL rethrows
 * the refresh token's own ServerError (msal-browser's StandardController, "If previous iframe
 * request failed, it's unlikely to succeed this time"). An invalid_grant is the identity
 * platform saying the grant itself is gone: silent renewal has already been tried.
 */
function needsInteraction(error: unknown): boolean {
  return error instanceof InteractionRequiredAuthError || (error instanceof ServerError && error.errorCode === 'invalid_grant');
}

export interface TokenProviderOptions {
  grantedScopes: GrantedScopes;
  currentPath?: () => string;
}

/**
 * Tokens for the Graph client: always silent first (cache, then refresh token, then hidden
 * iframe); interactive only when that cannot work (`needsInteraction`,
 * https://learn.microsoft.com/entra/identity-platform/scenario-spa-acquire-token).
 */
export function createTokenProvider(msal: IPublicClientApplication, options: TokenProviderOptions): TokenProvider {
  const currentPath = options.currentPath ?? (() => `${window.location.pathname}${window.location.search}`);
  return async ({ write, forceRefresh, extraScopes = [] }) => {
    const account = msal.getActiveAccount();
    if (account === null) throw new SignInRequiredError('No account is signed in.');
    const scopes = [write ? graphScopes().write : graphScopes().read, ...extraScopes];
    try {
      const result = await msal.acquireTokenSilent({ scopes, account, forceRefresh });
      options.grantedScopes.set(result.scopes);
      return result.accessToken;
    } catch (error) {
      // An optional scope the account cannot get silently (not consented, or refused by the
      // tenant): leaving the page for a consent prompt on every table would lose the user's place,
      // so the caller is told, as Graph would tell it, and goes on without.
      const interactive = needsInteraction(error);
      if (interactive && extraScopes.length > 0) {
        throw new GraphError({ status: 403, code: consentRequiredErrorCode, message: `Consent is needed for ${extraScopes.join(', ')}.`, cause: error });
      }
      if (interactive) {
        notifyBeforeInteraction();
        rememberReturnTo(currentPath());
        await msal.acquireTokenRedirect({ scopes, account, redirectUri: `${window.location.origin}/` }).catch((failure: unknown) => {
          notifyInteractionStayed();
          throw failure;
        });
      }
      throw error;
    }
  };
}
