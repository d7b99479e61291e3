import { useIsMutating } from '@tanstack/react-query';
import { useLoaderData, useParams, type Params } from 'react-router';
import { lazyPart } from '../../components/lazy-part';
import { Loading } from '../../components/loading';
import { useScript } from '../../features/scripts/api/get-script';
import { updateUserStateKey } from '../../features/user-states/api/use-update-user-state';
import { useUserState } from '../../features/user-states/api/use-user-state-queries';
import { useEditCoordinator } from '../../features/user-states/cache/edit-coordinator-context';
import { UserStatePage } from '../../features/user-states/components/user-state-page';
import { restoreFormDraft, type RowDraft } from '../../features/user-states/drafts/draft-store';
import type { ScriptKind } from '../../lib/script-kinds';
import { routeScriptKind } from '../route-kind';
import type { RouteServices } from '../route-services';

interface LoadedUserState {
  kind: ScriptKind;
  restored: RowDraft | null;
}

// The device table and the history ask for other permissions and have their own code (one chunk,
// see record-sections.tsx), so none of it weighs on the form; the code and the device read start
// in the loader, beside the form's own read, so the table is ready about when the form is rather
// than one chunk, one token and one request after it.
const loadRecordSections = () => import('./record-sections');
const loadDevicesQuery = () => import('../../features/devices/api/list-user-state-devices');
const devicesSection = lazyPart('the device table', async () => (await loadRecordSections()).UserStateDevices);
const historySection = lazyPart('the history', async () => (await loadRecordSections()).RecordHistory);
const UserStateDevices = devicesSection.Component;
const RecordHistory = historySection.Component;

/** Starts the record sections' code and the device read, and takes what the user typed on this record before a reload or sign-in round trip. */
export function startLoading({ queryClient, graph }: RouteServices, params: Params): LoadedUserState {
  const kind = routeScriptKind(params);
  const scriptId = params.scriptId ?? '';
  const stateId = params.stateId ?? '';
  void devicesSection.preload();
  void historySection.preload();
  // Only a head start: when this code cannot download, the device table says so in its place.
  loadDevicesQuery().then(
    (devices) => queryClient.prefetchQuery(devices.userStateDevicesQueryOptions(graph, kind, scriptId, stateId)),
    () => undefined,
  );
  return { kind, restored: restoreFormDraft(kind, scriptId, stateId) };
}

export function Component() {
  const { scriptId = '', stateId = '' } = useParams();
  const { kind, restored } = useLoaderData<LoadedUserState>();
  // Names the script the record belongs to in the breadcrumb and above the form.
  const script = useScript(kind, scriptId);
  const record = useUserState(kind, scriptId, stateId);
  // This session's saves of the record, for the history to show before Intune's log has them. A
  // save joins the coordinator's log before it stops counting as in flight, so this route renders
  // again with the new log.
  useIsMutating({ mutationKey: updateUserStateKey });
  const sessionEdits = useEditCoordinator()
    .confirmedEdits()
    .filter((edit) => edit.scriptKind === kind && edit.scriptId === scriptId && edit.stateId === stateId);
  return (
    <UserStatePage
      key={`${kind}/${scriptId}/${stateId}`}
      kind={kind}
      scriptId={scriptId}
      stateId={stateId}
      restored={restored}
      scriptName={script.data === undefined ? undefined : script.data.displayName || script.data.id}
      devices={
        <UserStateDevices fallback={<Loading label="Loading devices…" />} kind={kind} scriptId={scriptId} stateId={stateId} />
      }
      history={
        <RecordHistory
          fallback={<Loading label="Loading history…" />}
          stateId={stateId}
          userPrincipalName={record.data?.userPrincipalName}
          sessionEdits={sessionEdits}
        />
      }
    />
  );
}
