import { useSyncExternalStore } from 'react';

// MUI's `sm` breakpoint (600 px): below it is a phone. Read through matchMedia rather than MUI's
// useMediaQuery, which brings its theme plumbing into every chunk that asks.
const phoneQuery = '(max-width: 599.95px)';

// Where there is no matchMedia (jsdom in unit tests) the screen counts as wide.
const hasMatchMedia = () => typeof window.matchMedia === 'function';

function subscribe(onChange: () => void): () => void {
  if (!hasMatchMedia()) return () => undefined;
  const query = window.matchMedia(phoneQuery);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** True on a screen narrower than 600 px, kept current as the window is resized. */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => hasMatchMedia() && window.matchMedia(phoneQuery).matches,
    () => false,
  );
}
