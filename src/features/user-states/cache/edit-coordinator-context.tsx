import { createContext, use, type ReactNode } from 'react';
import type { EditCoordinator } from './edit-coordinator';

const EditCoordinatorContext = createContext<EditCoordinator | null>(null);

/** Hands down the one coordinator created beside the QueryClient (it must live exactly as long). */
export function EditCoordinatorProvider({ coordinator, children }: { coordinator: EditCoordinator; children: ReactNode }) {
  return <EditCoordinatorContext value={coordinator}>{children}</EditCoordinatorContext>;
}

export function useEditCoordinator(): EditCoordinator {
  const coordinator = use(EditCoordinatorContext);
  if (coordinator === null) throw new Error('useEditCoordinator must be used below EditCoordinatorProvider');
  return coordinator;
}
