import { AuthError } from '@azure/msal-browser';
import { describeAuthError } from '../auth/auth-error-hints';
import { readPermissionName, writePermissionName } from '../auth/scopes';
import { SignInRequiredError } from '../auth/token-provider';
import type { RetryNotice } from './graph-request';
import { cancelledErrorCode, GraphError, networkErrorCode } from './graph-error';

export interface ErrorDescription {
  /** Plain words: what happened and what the user can do. */
  message: string;
  code: string | null;
  requestId: string | null;
  clientRequestId: string | null;
}

/**
 * Why a request is being retried and when, e.g. "Graph is throttling; retrying in 3 s (attempt 2)".
 * 429 is throttling; a 5xx (503 included, though Graph also throttles with it) means Graph is not
 * serving right now, which is what the administrator needs to know.
 */
export function retryNoticeText(notice: Pick<RetryNotice, 'attempt' | 'status'>, seconds: number): string {
  const cause =
    notice.status === 429
      ? 'Graph is throttling'
      : notice.status === null
        ? 'Graph could not be reached'
        : notice.status >= 500
          ? 'Graph is unavailable'
          : 'Graph had a temporary problem';
  // `attempt` counts retries; the request about to be sent again is the one after it.
  return `${cause}; retrying in ${seconds} s (attempt ${notice.attempt + 1})`;
}

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

/** Said after a failed write that Graph may have applied all the same. */
export const unconfirmedWriteText = 'Graph never confirmed the write, so Intune may already hold the new value.';

function messageForGraphError(error: GraphError): string {
  const message = plainMessage(error);
  return error.unconfirmedWrite ? `${message} ${unconfirmedWriteText}` : message;
}

function plainMessage(error: GraphError): string {
  if (error.code === cancelledErrorCode) {
    return error.unconfirmedWrite
      ? 'You cancelled this while it was waiting to be retried.'
      : 'You cancelled this while it was waiting to be retried; nothing was written to Intune.';
  }
  if (error.code === networkErrorCode) return 'Could not reach Microsoft Graph. Check your network connection and try again.';
  if (error.code === 'Timeout') return 'Microsoft Graph did not answer in time. Try again.';
  if (error.code === 'UnexpectedResponse') return 'Microsoft Graph answered with data this dashboard does not understand.';
  switch (error.status) {
    case 400:
      return 'Microsoft Graph refused the change because a value is not valid.';
    case 401:
      return 'Your sign-in was not accepted by Microsoft Graph. Sign out and sign in again.';
    case 403: {
      // Only work accounts get this far (the sign-in gate stops personal ones), so name what is missing.
      const permission = error.write ? writePermissionName() : readPermissionName();
      return `Microsoft Graph refused this: your work or school account needs the ${permission} permission for this app and an Intune role that allows it. Ask an Intune administrator to grant them.`;
    }
    case 404:
      return 'This item was not found in Intune. It may have been deleted.';
    case 409:
    case 412:
      return 'Someone else changed this item at the same time. Reload it and try again.';
    case 429:
      return 'Microsoft Graph is throttling requests and the retries ran out. Wait a minute and try again.';
    default:
      if (error.status >= 500) return 'Microsoft Graph is unavailable right now and the retries ran out. Try again in a moment.';
      return `Microsoft Graph answered with an error (HTTP ${error.status}).`;
  }
}
