import { AuthError } from '@azure/msal-browser';

export interface AuthProblem {
  /** Plain words for the user. */
  hint: string;
  /** MSAL's error code (or the AADSTS code), for support. */
  code: string;
}

// MSAL error codes: https://learn.microsoft.com/entra/identity-platform/msal-error-handling-js
const hintsByCode: Record<string, string> = {
  user_cancelled: 'Sign-in was cancelled. Sign in again to continue.',
  access_denied: 'Sign-in was cancelled or access was refused. Sign in again to continue.',
  consent_required:
    'This app needs permission to read Intune data. Ask an administrator to grant admin consent for it in Microsoft Entra ID.',
  interaction_required: 'Your session needs you to sign in again.',
  login_required: 'Your session has ended. Sign in again.',
  invalid_grant: 'Your sign-in has expired or was revoked. Sign in again.',
  no_network_connectivity: 'Could not reach the sign-in service. Check your network connection and try again.',
  endpoints_resolution_error:
    'Could not reach the sign-in service, or its address is configured wrongly. Check your connection; if it persists, ask the administrator to check the authority setting.',
  untrusted_authority: 'The sign-in authority is not trusted by this app. Ask the administrator to check the app configuration.',
  authority_uri_insecure: 'The sign-in authority must be an https address. Ask the administrator to check the app configuration.',
  state_mismatch: 'The sign-in answer did not match this browser tab. Sign in again.',
  nonce_mismatch: 'The sign-in answer did not match this browser tab. Sign in again.',
  no_token_request_cache_error: 'The sign-in was started in another tab or has expired. Sign in again.',
  interaction_in_progress: 'A sign-in is already in progress in this tab. Finish it or reload the page.',
  redirect_bridge_timeout: 'Silent sign-in took too long. Sign in again.',
  monitor_window_timeout: 'Silent sign-in took too long. Sign in again.',
  popup_window_error: 'The browser blocked the sign-in window. Allow pop-ups for this site and try again.',
  temporarily_unavailable: 'The sign-in service is temporarily unavailable. Try again in a moment.',
  server_error: 'The sign-in service had a problem. Try again in a moment.',
};

// Entra's AADSTS codes appear in the error message when the authorize or token endpoint refuses.
const hintsByAadsts: Record<string, string> = {
  AADSTS50020: 'This account is not in the organisation this app belongs to. Sign in with your work or school account.',
  AADSTS50011: 'The app is not registered for this address (redirect URI). Ask the administrator to add it.',
  AADSTS65001: 'This app has not been granted permission yet. Ask an administrator to grant admin consent.',
  AADSTS700016: 'The app registration was not found in this tenant. Ask the administrator to check the client id.',
  AADSTS50076: 'Your organisation requires multi-factor authentication. Sign in again to complete it.',
  AADSTS50079: 'Your organisation requires you to set up multi-factor authentication.',
  AADSTS53003: 'Access was blocked by a Conditional Access policy of your organisation.',
  AADSTS50058: 'You are not signed in any more. Sign in again.',
  AADSTS70043: 'Your session has expired. Sign in again.',
};

/** Plain-language explanation of a sign-in or token failure. Never includes a token. */
export function describeAuthError(error: unknown): AuthProblem {
  if (error instanceof AuthError) {
    const aadsts = /AADSTS\d+/.exec(`${error.errorMessage} ${error.subError}`)?.[0];
    if (aadsts !== undefined && hintsByAadsts[aadsts] !== undefined) return { hint: hintsByAadsts[aadsts], code: aadsts };
    const hint = hintsByCode[error.errorCode] ?? hintsByCode[error.subError];
    if (hint !== undefined) return { hint, code: error.errorCode };
    return { hint: 'Sign-in failed. Try again; if it keeps failing, give the code below to your administrator.', code: error.errorCode || 'unknown' };
  }
  return { hint: 'Sign-in failed unexpectedly. Reload the page and try again.', code: 'unknown' };
}
