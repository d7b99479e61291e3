import { useParams } from 'react-router';
import { UserStatePage } from '../../features/user-states/components/user-state-page';

export function Component() {
  const { scriptId = '', stateId = '' } = useParams();
  return <UserStatePage key={`${scriptId}/${stateId}`} scriptId={scriptId} stateId={stateId} />;
}
