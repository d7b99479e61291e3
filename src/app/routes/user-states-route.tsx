import { useParams } from 'react-router';
import { useScript } from '../../features/scripts/api/get-script';
import { UserStatesPage } from '../../features/user-states/components/user-states-page';

export function Component() {
  const { scriptId = '' } = useParams();
  const script = useScript(scriptId);
  // A new script is a new page: no grid state (edits, drafts) carries over.
  return (
    <UserStatesPage
      key={scriptId}
      scriptId={scriptId}
      scriptName={script.data === undefined ? undefined : script.data.displayName || script.data.id}
      scriptError={script.error}
    />
  );
}
