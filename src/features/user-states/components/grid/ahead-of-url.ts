import { useCallback, useRef, useState } from 'react';

/**
 * A grid model that the URL owns (the sort), shown ahead of the URL. The grid works out the next
 * model from the one it is given, and the URL moves only once the router's navigation (a
 * transition) has landed, which on a busy machine can take longer than a double click: without
 * this, the second click on a header built on the old model and sorted ascending again instead of
 * descending. The model follows the URL again as soon as the URL changes (a later click's
 * navigation, Back, a shared link).
 */
export function useAheadOfUrl<T>(fromUrl: T): [shown: T, showNext: (next: T) => void] {
  const [ahead, setAhead] = useState<{ base: T; value: T } | null>(null);
  const shown = ahead !== null && ahead.base === fromUrl ? ahead.value : fromUrl;
  const showNext = useCallback((value: T) => setAhead({ base: fromUrl, value }), [fromUrl]);
  return [shown, showNext];
}

/**
 * The page (0-based) the user asked for last, which the URL may not show yet. The grid works out
 * a paging button's page from the page it shows, and that follows the URL: without this, a second
 * "Go to next page" before the first one's navigation had landed asked for the same page again.
 * A step (next, previous) counts from the page asked for last; first and last page go where they
 * say. The pages asked for stay in force while the URL shows one of them (the page where the
 * clicks began, or one of those on its way); any other URL (Back, a shared link) takes over.
 */
export function usePageAheadOfUrl(fromUrl: number): (asked: number, shownByGrid: number, lastPage: number | null) => number {
  const askedSince = useRef<number[]>([]);
  return useCallback(
    (asked, shownByGrid, lastPage) => {
      const kept = askedSince.current;
      const inFlight = kept.includes(fromUrl) && kept[kept.length - 1] !== fromUrl ? kept : [fromUrl];
      const from = inFlight[inFlight.length - 1] ?? fromUrl;
      const stepped = asked === 0 || asked === lastPage ? asked : from + asked - shownByGrid;
      const page = Math.max(0, lastPage === null ? stepped : Math.min(stepped, lastPage));
      askedSince.current = [...inFlight, page];
      return page;
    },
    [fromUrl],
  );
}
