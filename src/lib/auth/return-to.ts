/**
 * Where the user was going when sign-in interrupted them. Kept in sessionStorage (this tab only,
 * never in a URL) across the redirect round trip to the identity provider.
 */
const returnToKey = 'intune-states.return-to';
const signedOutKey = 'intune-states.signed-out';

/** Only same-origin paths: a crafted value must not turn the app into an open redirect. */
export function isSafeReturnPath(path: string): boolean {
  if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\')) return false;
  for (let index = 0; index < path.length; index += 1) if (path.charCodeAt(index) < 0x20) return false;
  return true;
}

export function rememberReturnTo(path: string): void {
  if (isSafeReturnPath(path)) sessionStorage.setItem(returnToKey, path);
}

/** The path the user will be put back on after a sign-in round trip, without taking it. */
export function pendingReturnPath(): string | null {
  const path = sessionStorage.getItem(returnToKey);
  return path !== null && isSafeReturnPath(path) ? new URL(path, window.location.origin).pathname : null;
}

export function takeReturnTo(): string | null {
  const path = sessionStorage.getItem(returnToKey);
  sessionStorage.removeItem(returnToKey);
  return path !== null && isSafeReturnPath(path) ? path : null;
}

export function markSignedOut(): void {
  sessionStorage.setItem(signedOutKey, '1');
}

export function takeSignedOut(): boolean {
  const signedOut = sessionStorage.getItem(signedOutKey) === '1';
  sessionStorage.removeItem(signedOutKey);
  return signedOut;
}
