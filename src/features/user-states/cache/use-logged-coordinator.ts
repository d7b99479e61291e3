import { sessionChangeLog } from '../changes/change-log-store';
import type { EditCoordinator } from './edit-coordinator';
import { useEditCoordinator } from './edit-coordinator-context';

/**
 * The coordinator, with its log kept in the session's change log from the first user-states hook
 * on (reading the stored log once: later calls return at once). The entry bundle carries neither
 * the store nor its schema.
 */
export function useLoggedEditCoordinator(): EditCoordinator {
  const coordinator = useEditCoordinator();
  coordinator.keepLogIn(sessionChangeLog);
  return coordinator;
}
