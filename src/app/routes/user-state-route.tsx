import { lazy, Suspense } from 'react';
import { useLoaderData, useParams, type Params } from 'react-router';
import { Loading } from '../../components/loading';
import { useScript } from '../../features/scripts/api/get-script';
import { UserStatePage } from '../../features/user-states/components/user-state-page';
import { restoreFormDraft, type RowDraft } from '../../features/user-states/drafts/draft-store';
import type { ScriptKind } from '../../lib/script-kinds';
import { routeScriptKind } from '../route-kind';
import type { RouteServices } from '../route-services';

interface LoadedUserState {
  kind: ScriptKind;
  restored: RowDraft | null;
}

// The device table asks for another permission and has its own code, so neither weighs on the
// form; both start in the loader, beside the form's own read, so the table is ready about when
// the form is rather than one chunk, one token and one request after it.
const loadDevicesTable = () => import('../../features/devices/components/user-state-devices');
const loadDevicesQuery = () => import('../../features/devices/api/list-user-state-devices');
const UserStateDevices = lazy(async () => ({ default: (await loadDevicesTable()).UserStateDevices }));

/** Starts the device table's code and read, and takes what the user typed on this record before a reload or sign-in round trip. */
export function startLoading({ queryClient, graph }: RouteServices, params: Params): LoadedUserState {
  const kind = routeScriptKind(params);
  const scriptId = params.scriptId ?? '';
  const stateId = params.stateId ?? '';
  void loadDevicesTable();
  void loadDevicesQuery().then((devices) => queryClient.prefetchQuery(devices.userStateDevicesQueryOptions(graph, kind, scriptId, stateId)));
  return { kind, restored: restoreFormDraft(kind, scriptId, stateId) };
}

export function Component() {
  const { scriptId = '', stateId = '' } = useParams();
  const { kind, restored } = useLoaderData<LoadedUserState>();
  // Names the script the record belongs to in the breadcrumb and above the form.
  const script = useScript(kind, scriptId);
  return (
    <UserStatePage
      key={`${kind}/${scriptId}/${stateId}`}
      kind={kind}
      scriptId={scriptId}
      stateId={stateId}
      restored={restored}
      scriptName={script.data === undefined ? undefined : script.data.displayName || script.data.id}
      devices={
        <Suspense fallback={<Loading label="Loading devices…" />}>
          <UserStateDevices kind={kind} scriptId={scriptId} stateId={stateId} />
        </Suspense>
      }
    />
  );
}
