import { AuthError } from '@azure/msal-browser';
import { describeAuthError } from '../auth/auth-error-hints';
import { SignInRequiredError } from '../auth/token-provider';
import { cancelledErrorCode, GraphError, networkErrorCode } from './graph-error';

export interface ErrorDescription {
  /** Plain words: what happened and what the user can do. */
  message: string;
  code: string | null;
  requestId: string | null;
  clientRequestId: string | null;
}

export const workAccountRequiredMessage =
  'Intune needs a work or school account. Personal Microsoft accounts (such as outlook.com or hotmail.com) cannot manage Intune. Sign out and sign in with your work or school account.';

/**
 * Turns any failure into words for an administrator. Graph's own message is developer text
 * (https://learn.microsoft.com/graph/errors), so the UI branches on status and code instead.
 */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof GraphError) {
    return {
      message: messageForGraphError(error),
      code: error.code,
      requestId: error.requestId,
      clientRequestId: error.clientRequestId,
    };
  }
  if (error instanceof SignInRequiredError) {
    return { message: 'You are not signed in. Sign in again to continue.', code: null, requestId: null, clientRequestId: null };
  }
  if (error instanceof AuthError) {
    const problem = describeAuthError(error);
    return { message: problem.hint, code: problem.code, requestId: null, clientRequestId: null };
  }
  return {
    message: 'Something went wrong in the dashboard. Reload the page; if it happens again, tell your administrator.',
    code: null,
    requestId: null,
    clientRequestId: null,
  };
}

function messageForGraphError(error: GraphError): string {
  if (error.code === cancelledErrorCode) return 'You cancelled this while it was waiting to be retried; nothing was written to Intune.';
  if (error.code === networkErrorCode) return 'Could not reach Microsoft Graph. Check your network connection and try again.';
  if (error.code === 'Timeout') return 'Microsoft Graph did not answer in time. Try again.';
  if (error.code === 'UnexpectedResponse') return 'Microsoft Graph answered with data this dashboard does not understand.';
  switch (error.status) {
    case 400:
      return 'Microsoft Graph refused the change because a value is not valid.';
    case 401:
      return 'Your sign-in was not accepted by Microsoft Graph. Sign out and sign in again.';
    case 403:
      return 'You do not have permission for this in Intune. Intune needs a work or school account with an Intune role that allows it; personal Microsoft accounts cannot use it.';
    case 404:
      return 'This item was not found in Intune. It may have been deleted.';
    case 409:
    case 412:
      return 'Someone else changed this item at the same time. Reload it and try again.';
    case 429:
      return 'Microsoft Graph is throttling requests and the retries ran out. Wait a minute and try again.';
    case 500:
    case 502:
    case 503:
    case 504:
      return 'Microsoft Graph is having trouble right now and the retries ran out. Try again in a moment.';
    default:
      return `Microsoft Graph answered with an error (HTTP ${error.status}).`;
  }
}
