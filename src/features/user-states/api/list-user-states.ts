import { experimental_streamedQuery as streamedQuery, queryOptions } from '@tanstack/react-query';
import type { GraphClient } from '../../../lib/graph/graph-client';
import type { ScriptKind } from '../../../lib/script-kinds';
import type { EditCoordinator } from '../cache/edit-coordinator';
import { userStateKeys, userStatesGraphPath } from './keys';
import { userStateSchema, type UserState } from './schema';

export interface UserStateList {
  rows: UserState[];
  /** `@odata.count` from the first page; null until known or when Graph does not say. */
  total: number | null;
}

interface UserStateChunk {
  rows: UserState[];
  total: number | null;
}

/**
 * The largest page Graph honours (it caps and pages beyond that), only the columns the grid shows,
 * and the total for the progress indicator (https://learn.microsoft.com/graph/paging).
 */
export function userStatesListPath(kind: ScriptKind, scriptId: string): string {
  return (
    userStatesGraphPath(kind, scriptId) +
    '?$select=id,userPrincipalName,successDeviceCount,errorDeviceCount&$top=999&$count=true'
  );
}

/** How long later pages are gathered before the grid re-renders (the first page shows at once). */
const batchIntervalMs = 250;

/**
 * Every page of a script's user states, yielded in batches: the first page as soon as it arrives,
 * then at most one batch per interval, so 100,000 rows cause ~ a dozen renders rather than a hundred.
 */
export async function* streamUserStates(
  client: GraphClient,
  kind: ScriptKind,
  scriptId: string,
  coordinator: EditCoordinator,
  now: () => number = () => performance.now(),
): AsyncGenerator<UserStateChunk> {
  const pages = client.pages(userStatesListPath(kind, scriptId), userStateSchema);
  let buffered: Array<{ items: UserState[]; readVersion: number }> = [];
  let total: number | null = null;
  let lastYield: number | null = null;
  // Rows are reconciled with edits at the moment they are handed to the cache, not when they arrive.
  const flush = (): UserStateChunk => {
    const rows: UserState[] = [];
    for (const page of buffered) for (const item of page.items) rows.push(coordinator.overlay(kind, scriptId, item, page.readVersion));
    buffered = [];
    lastYield = now();
    return { rows, total };
  };
  for (;;) {
    const readVersion = coordinator.version();
    const next = await pages.next();
    if (next.done === true) break;
    total ??= next.value.count;
    buffered.push({ items: next.value.items, readVersion });
    if (lastYield === null || now() - lastYield >= batchIntervalMs) yield flush();
  }
  if (buffered.length > 0 || lastYield === null) yield flush();
}

export function userStatesListQueryOptions(client: GraphClient, coordinator: EditCoordinator, kind: ScriptKind, scriptId: string) {
  return queryOptions({
    queryKey: userStateKeys.list(kind, scriptId),
    queryFn: streamedQuery<UserStateChunk, UserStateList>({
      streamFn: () => streamUserStates(client, kind, scriptId, coordinator),
      reducer: (list, chunk) => ({
        rows: chunk.rows.length === 0 ? list.rows : list.rows.concat(chunk.rows),
        total: chunk.total ?? list.total,
      }),
      initialValue: { rows: [], total: null },
    }),
    // The list is loaded once and then kept current by the edits themselves (setQueryData):
    // refetching 100,000 rows after each edit would be slow and could undo newer edits.
    staleTime: Number.POSITIVE_INFINITY,
    // Comparing 100,000 rows for structural sharing on every batch costs more than it saves.
    structuralSharing: false,
  });
}
