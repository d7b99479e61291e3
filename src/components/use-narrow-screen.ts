import { useSyncExternalStore } from 'react';

// MUI's `sm` breakpoint (600 px): below it is a phone. Read through matchMedia rather than MUI's
// useMediaQuery, which brings its theme plumbing into every chunk that asks.
const phoneQuery = '(max-width: 599.95px)';

// One MediaQueryList for the whole app: the snapshot is read on every render of every component
// that asks, and creating a list each time showed up in the search keystroke's profile.
let phoneList: MediaQueryList | null | undefined;

// Where there is no matchMedia (jsdom in unit tests) the screen counts as wide.
function phone(): MediaQueryList | null {
  if (phoneList === undefined) phoneList = typeof window.matchMedia === 'function' ? window.matchMedia(phoneQuery) : null;
  return phoneList;
}

function subscribe(onChange: () => void): () => void {
  const query = phone();
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

/** True on a screen narrower than 600 px, kept current as the window is resized. */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => phone()?.matches ?? false,
    () => false,
  );
}
