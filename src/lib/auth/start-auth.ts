import { EventType, type AuthenticationResult, type EventMessage, type IPublicClientApplication } from '@azure/msal-browser';
import { takeReturnTo, takeSignedOut } from './return-to';
import type { GrantedScopes } from './token-provider';

export interface AuthStart {
  /** A failed sign-in round trip (the user cancelled, consent refused, …), to explain to the user. */
  error: unknown;
  /** The user just signed out here: show that instead of starting a new sign-in at once. */
  signedOut: boolean;
}

function isAuthenticationResult(payload: EventMessage['payload']): payload is AuthenticationResult {
  return payload !== null && typeof payload === 'object' && 'account' in payload && 'accessToken' in payload;
}

/**
 * Runs before React renders: initialise MSAL, finish a redirect sign-in if this page load is its
 * answer, set the active account, and put the user back on the page they asked for.
 * (MSAL's sample order: https://learn.microsoft.com/entra/identity-platform/tutorial-v2-react)
 */
export async function startAuth(msal: IPublicClientApplication, grantedScopes: GrantedScopes): Promise<AuthStart> {
  await msal.initialize();
  msal.addEventCallback((event) => {
    if (
      (event.eventType === EventType.LOGIN_SUCCESS || event.eventType === EventType.ACQUIRE_TOKEN_SUCCESS) &&
      isAuthenticationResult(event.payload)
    ) {
      msal.setActiveAccount(event.payload.account);
    }
  });

  let error: unknown = null;
  let result: AuthenticationResult | null = null;
  try {
    // The app navigates back to the requested page itself (below), without a second page load.
    result = await msal.handleRedirectPromise({ navigateToLoginRequestUrl: false });
  } catch (caught) {
    error = caught;
  }
  if (result !== null) {
    msal.setActiveAccount(result.account);
    grantedScopes.set(result.scopes);
  }
  if (msal.getActiveAccount() === null) {
    const [first] = msal.getAllAccounts();
    if (first !== undefined) msal.setActiveAccount(first);
  }
  if (result !== null || error !== null) {
    const returnTo = takeReturnTo();
    // Before the router is created, so it starts on the deep link the user opened.
    if (returnTo !== null) window.history.replaceState(null, '', returnTo);
  }
  const signedOut = takeSignedOut() && msal.getActiveAccount() === null;
  // The identity provider echoes MSAL's logout `state` to the post-logout page; it means nothing to the app.
  if (signedOut && new URLSearchParams(window.location.search).has('state')) window.history.replaceState(null, '', '/');
  return { error, signedOut };
}
