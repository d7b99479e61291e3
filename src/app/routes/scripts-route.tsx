import { useCallback, useEffect, useState, type ComponentType } from 'react';
import { useScripts } from '../../features/scripts/api/list-scripts';
import { ScriptsPage } from '../../features/scripts/components/scripts-page';
import type { GridWarmUpProps } from '../../features/user-states/components/grid/grid-warm-up';
import { whenIdle } from '../../lib/when-idle';
import { loadUserStatesRoute } from '../user-states-chunk';

// Once a session: the styles and code it warms stay warm.
let gridWarmedUp = false;

export function Component() {
  // The next page is almost always a script's user states: once the list is on screen and the
  // browser is idle, fetch that page's chunk (the data grid) and mount its grid once off screen
  // (grid-warm-up.tsx), so that the click waits for neither.
  const listShown = useScripts().isSuccess;
  const [WarmUp, setWarmUp] = useState<ComponentType<GridWarmUpProps> | null>(null);
  useEffect(() => {
    if (!listShown) return undefined;
    return whenIdle(() => {
      loadUserStatesRoute().then(
        (route) => {
          if (gridWarmedUp) return;
          gridWarmedUp = true;
          setWarmUp(() => route.GridWarmUp);
        },
        // Only a prefetch: the router loads the chunk again on the click and reports its failure.
        () => undefined,
      );
    });
  }, [listShown]);
  const warmedUp = useCallback(() => setWarmUp(null), []);
  return (
    <>
      <ScriptsPage />
      {WarmUp !== null && <WarmUp onDone={warmedUp} />}
    </>
  );
}
