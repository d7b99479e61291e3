import { useIsMutating } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useLoaderData, useParams, type LoaderFunctionArgs } from 'react-router';
import { Loading } from '../../components/loading';
import { useScript } from '../../features/scripts/api/get-script';
import { updateUserStateKey } from '../../features/user-states/api/use-update-user-state';
import { useUserState } from '../../features/user-states/api/use-user-state-queries';
import { useEditCoordinator } from '../../features/user-states/cache/edit-coordinator-context';
import { UserStatePage } from '../../features/user-states/components/user-state-page';
import { restoreFormDraft } from '../../features/user-states/drafts/draft-store';
import { routeScriptKind } from '../route-kind';

// The device table and the history ask for other permissions and have their own code: they load
// after the form, from one chunk.
const loadRecordSections = () => import('./record-sections');
const UserStateDevices = lazy(async () => ({ default: (await loadRecordSections()).UserStateDevices }));
const RecordHistory = lazy(async () => ({ default: (await loadRecordSections()).RecordHistory }));

/** What the user typed on this record before a reload or sign-in round trip, read before the page renders. */
export function loader({ params }: LoaderFunctionArgs) {
  const kind = routeScriptKind(params);
  return { kind, restored: restoreFormDraft(kind, params.scriptId ?? '', params.stateId ?? '') };
}

export function Component() {
  const { scriptId = '', stateId = '' } = useParams();
  const { kind, restored } = useLoaderData<typeof loader>();
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
        <Suspense fallback={<Loading label="Loading devices…" />}>
          <UserStateDevices kind={kind} scriptId={scriptId} stateId={stateId} />
        </Suspense>
      }
      history={
        <Suspense fallback={<Loading label="Loading history…" />}>
          <RecordHistory stateId={stateId} userPrincipalName={record.data?.userPrincipalName} sessionEdits={sessionEdits} />
        </Suspense>
      }
    />
  );
}
