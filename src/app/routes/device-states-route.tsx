import { useParams } from 'react-router';
import { NotFoundState } from '../../components/not-found';
import { scriptsPath } from '../../config/routes';
import { DeviceStatusPage } from '../../features/devices/components/device-status-page';
import { isScriptKind } from '../../lib/script-kinds';

export function Component() {
  const { kind = '', scriptId = '' } = useParams();
  if (!isScriptKind(kind)) {
    return <NotFoundState title="Page not found" message="There is no such kind of script." backTo={scriptsPath()} backLabel="Back to the scripts" />;
  }
  // Another script is another view: no pages or filter state carry over.
  return <DeviceStatusPage key={`${kind}/${scriptId}`} kind={kind} scriptId={scriptId} />;
}
