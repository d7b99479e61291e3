import { useCallback, useState } from 'react';
import type { UpdateUserStateVariables } from '../api/update-user-state';

export interface FailedEdit {
  variables: UpdateUserStateVariables;
  error: Error;
}

/** Inline saves that did not go through, at most one per user state: a newer outcome replaces the older one. */
export function useFailedEdits(initial: () => FailedEdit[]) {
  const [failed, setFailed] = useState(initial);
  const forget = useCallback(
    (stateId: string) => setFailed((current) => current.filter((entry) => entry.variables.original.id !== stateId)),
    [],
  );
  const add = useCallback(
    (entry: FailedEdit) =>
      setFailed((current) => [...current.filter((old) => old.variables.original.id !== entry.variables.original.id), entry]),
    [],
  );
  return { failed, add, forget };
}
