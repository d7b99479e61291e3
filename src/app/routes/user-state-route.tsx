import { useLoaderData, useParams, type LoaderFunctionArgs } from 'react-router';
import { UserStatePage } from '../../features/user-states/components/user-state-page';
import { restoreFormDraft } from '../../features/user-states/drafts/draft-store';

/** What the user typed on this record before a reload or sign-in round trip, read before the page renders. */
export function loader({ params }: LoaderFunctionArgs) {
  return restoreFormDraft(params.scriptId ?? '', params.stateId ?? '');
}

export function Component() {
  const { scriptId = '', stateId = '' } = useParams();
  const restored = useLoaderData<typeof loader>();
  return <UserStatePage key={`${scriptId}/${stateId}`} scriptId={scriptId} stateId={stateId} restored={restored} />;
}
