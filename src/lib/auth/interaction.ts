/**
 * Told just before MSAL navigates away for interactive sign-in, so that features can put what the
 * user has not saved yet (queued saves) into sessionStorage and pick it up after the round trip.
 */
type Listener = () => void;

const listeners = new Set<Listener>();
let leavingForSignIn = false;

export function onBeforeInteraction(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyBeforeInteraction(): void {
  leavingForSignIn = true;
  for (const listener of listeners) listener();
}

/** MSAL did not leave after all (its redirect failed): the page goes on, its guards with it. */
export function notifyInteractionStayed(): void {
  leavingForSignIn = false;
}

/**
 * The page is leaving for sign-in, with what the user had not saved already kept for the way
 * back: a leave guard must not ask (the browser's "Leave site?" there only strands the user).
 */
export function isLeavingForSignIn(): boolean {
  return leavingForSignIn;
}
