import { useEffect } from 'react';
import { useScripts } from '../../features/scripts/api/list-scripts';
import { ScriptsPage } from '../../features/scripts/components/scripts-page';
import { whenIdle } from '../../lib/when-idle';
import { prefetchUserStatesChunk } from '../user-states-chunk';

export function Component() {
  // The next page is almost always a script's user states: once the list is on screen, fetch that
  // page's chunk (the data grid) while the browser is idle, so that the click does not wait for it.
  const listShown = useScripts().isSuccess;
  useEffect(() => (listShown ? whenIdle(prefetchUserStatesChunk) : undefined), [listShown]);
  return <ScriptsPage />;
}
