/**
 * Told just before MSAL navigates away for interactive sign-in, so that features can put what the
 * user has not saved yet (queued saves) into sessionStorage and pick it up after the round trip.
 */
type Listener = () => void;

const listeners = new Set<Listener>();

export function onBeforeInteraction(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyBeforeInteraction(): void {
  for (const listener of listeners) listener();
}
