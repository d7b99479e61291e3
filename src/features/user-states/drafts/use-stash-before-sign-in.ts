import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onBeforeInteraction } from '../../../lib/auth/interaction';
import type { UpdateUserStateVariables } from '../api/update-user-state';
import { updateUserStateKey } from '../api/use-update-user-state';
import { keepDrafts, unsentSaveDraft, type Draft } from './draft-store';

/**
 * The one listener for "MSAL is about to navigate away for sign-in": every save still on its way
 * (in any script) and whatever `collect` adds (the grid's rows left in edit mode) go to the draft
 * store, to be offered again when the user is back. Each page calls it once; the form needs no
 * `collect`, its draft is written as the user types. Keep `collect` stable (useCallback).
 */
export function useStashBeforeSignIn(collect?: () => Draft[]): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onBeforeInteraction(() => {
        const unsent = queryClient
          .getMutationCache()
          .findAll({ mutationKey: updateUserStateKey, status: 'pending' })
          .map((entry) => entry.state.variables as UpdateUserStateVariables | undefined)
          .filter((variables) => variables !== undefined)
          .map(unsentSaveDraft);
        keepDrafts([...unsent, ...(collect?.() ?? [])]);
      }),
    [queryClient, collect],
  );
}
