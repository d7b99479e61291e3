import { useCallback, useState } from 'react';

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
