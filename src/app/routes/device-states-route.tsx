import { useParams } from 'react-router';
import { NotFoundState } from '../../components/not-found';
import { scriptsPath } from '../../config/routes';
import { DeviceStatusPage } from '../../features/devices/components/device-status-page';
import { useScript } from '../../features/scripts/api/get-script';
import { isScriptKind, type ScriptKind } from '../../lib/script-kinds';

export function Component() {
  const { kind = '', scriptId = '' } = useParams();
  if (!isScriptKind(kind)) {
    return <NotFoundState title="Page not found" message="There is no such kind of script." backTo={scriptsPath()} backLabel="Back to the scripts" />;
  }
  // Another script is another view: no pages or filter state carry over.
  return <DeviceStatusOf key={`${kind}/${scriptId}`} kind={kind} scriptId={scriptId} />;
}

function DeviceStatusOf({ kind, scriptId }: { kind: ScriptKind; scriptId: string }) {
  const script = useScript(kind, scriptId);
  return <DeviceStatusPage kind={kind} scriptId={scriptId} scriptName={script.data === undefined ? undefined : script.data.displayName || script.data.id} />;
}
