import { useCallback, useState } from 'react';
import { editableFields, type UserState } from '../api/schema';
import type { UpdateUserStateVariables } from '../api/update-user-state';

export interface FailedEdit {
  variables: UpdateUserStateVariables;
  error: Error;
}

/** A refused save as the page keeps it: `key` tells two refusals of one row apart. */
export interface KeptFailedEdit extends FailedEdit {
  key: number;
}

let nextKey = 0;
const kept = (edit: FailedEdit): KeptFailedEdit => ({ ...edit, key: (nextKey += 1) });

/** The row holds every value the refused save would have written. */
function holdsAll(row: UserState, edit: FailedEdit): boolean {
  const { changes } = edit.variables;
  return editableFields.every((field) => changes[field] === undefined || changes[field] === row[field]);
}

/**
 * Inline saves that did not go through, each with its own error and request id, until the user
 * settles it (Retry, Edit again, Discard) or a later save of its row lands every value it holds.
 * A save of another field of the row, or a second refusal, leaves the typed values where they are.
 */
export function useFailedEdits(initial: () => FailedEdit[]) {
  const [failed, setFailed] = useState(() => initial().map(kept));
  const forget = useCallback(
    (entry: KeptFailedEdit) => setFailed((current) => current.filter((old) => old.key !== entry.key)),
    [],
  );
  const add = useCallback((entry: FailedEdit) => setFailed((current) => [...current, kept(entry)]), []);
  const settle = useCallback(
    (row: UserState) =>
      setFailed((current) => current.filter((entry) => entry.variables.original.id !== row.id || !holdsAll(row, entry))),
    [],
  );
  return { failed, add, forget, settle };
}
