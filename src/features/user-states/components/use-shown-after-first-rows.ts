import { startTransition, useEffect, useState } from 'react';
import { afterNextPaint } from '../../../lib/after-next-paint';

/**
 * False until the grid's first rows have been painted (`ready`: there are rows to show, or there
 * will be none), then true for good. For what sits above the grid and can wait: the run summary's
 * chart takes as long to render as the grid's first rows, and rendered with them it held them up.
 * Revealed in a transition, so it yields to anything the user does meanwhile.
 */
export function useShownAfterFirstRows(ready: boolean): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (shown || !ready) return undefined;
    return afterNextPaint(() => startTransition(() => setShown(true)));
  }, [ready, shown]);
  return shown;
}
