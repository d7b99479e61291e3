import { ScriptsPage } from '../../features/scripts/components/scripts-page';

export function Component() {
  return <ScriptsPage />;
}
