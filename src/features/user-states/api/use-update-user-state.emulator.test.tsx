import { QueryClientProvider, useQuery, type QueryClient } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { notifyBeforeInteraction } from '../../../lib/auth/interaction';
import { EMPTY_SCRIPT_ID } from '../../../../emulator/constants';
import { GraphClientProvider } from '../../../lib/graph/graph-context';
import { emulatorBackendForEachTest, makeUserStates, type EmulatorBackend } from '../../../testing/emulator-graph';
import { createTestQueryClient } from '../../../testing/render';
import { EditCoordinator } from '../cache/edit-coordinator';
import { EditCoordinatorProvider } from '../cache/edit-coordinator-context';
import { restorePageDrafts } from '../drafts/draft-store';
import { useStashBeforeSignIn } from '../drafts/use-stash-before-sign-in';
import { userStateQueryOptions } from './get-user-state';
import { userStateKeys } from './keys';
import { userStatesListQueryOptions, type UserStateList } from './list-user-states';
import type { UserState } from './schema';
import { EditConflictError } from './update-user-state';
import { useUpdateUserState } from './use-update-user-state';

// A script seeded without user states, given the test's own.
const scriptId = EMPTY_SCRIPT_ID;
const backend = emulatorBackendForEachTest();

function setup(count = 3) {
  const graph = backend.seed(scriptId, makeUserStates(count));
  const queryClient = createTestQueryClient();
  const coordinator = new EditCoordinator();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <EditCoordinatorProvider coordinator={coordinator}>
        <GraphClientProvider client={graph.client}>{children}</GraphClientProvider>
      </EditCoordinatorProvider>
    </QueryClientProvider>
  );
  return { graph, queryClient, coordinator, wrapper };
}

// The saves a sign-in round trip kept, as the grid page takes them back.
const takeStashedSaves = () => restorePageDrafts('deviceManagementScripts', scriptId).unsentSaves;

async function loadList(queryClient: QueryClient, graph: EmulatorBackend, coordinator: EditCoordinator): Promise<UserStateList> {
  await queryClient.fetchQuery(userStatesListQueryOptions(graph.client, coordinator, 'deviceManagementScripts', scriptId));
  const list = queryClient.getQueryData<UserStateList>(userStateKeys.list('deviceManagementScripts', scriptId));
  if (list === undefined) throw new Error('list not loaded');
  return list;
}

function listRow(queryClient: QueryClient, id: string): UserState | undefined {
  return queryClient.getQueryData<UserStateList>(userStateKeys.list('deviceManagementScripts', scriptId))?.rows.find((row) => row.id === id);
}

describe('useUpdateUserState', () => {
  it('shows the change at once, sends one read and one PATCH with only the changed field, and never refetches the list', async () => {
    const { graph, queryClient, coordinator, wrapper } = setup();
    const list = await loadList(queryClient, graph, coordinator);
    const original = list.rows[0];
    if (original === undefined) throw new Error('no row');
    graph.clearRequests();
    const release = graph.hold();
    const { result } = renderHook(() => useUpdateUserState(), { wrapper });

    act(() => result.current.mutation.mutate({ scriptKind: 'deviceManagementScripts', scriptId, original, changes: { errorDeviceCount: 9 } }));
    expect(listRow(queryClient, original.id)?.errorDeviceCount).toBe(9);

    release();
    await waitFor(() => expect(result.current.mutation.isSuccess).toBe(true));
    expect(graph.requests).toEqual([
      { method: 'GET', path: expect.stringContaining(`/userRunStates/${original.id}`) },
      { method: 'PATCH', path: expect.stringContaining(`/userRunStates/${original.id}`), body: { errorDeviceCount: 9 } },
    ]);
    expect(graph.userState(scriptId, original.id)?.errorDeviceCount).toBe(9);
    expect(listRow(queryClient, original.id)?.errorDeviceCount).toBe(9);
    expect(queryClient.getQueryData<UserState>(userStateKeys.detail('deviceManagementScripts', scriptId, original.id))?.errorDeviceCount).toBe(9);
  });

  it('rolls the displayed value back when Graph refuses, and reports the Graph error', async () => {
    const { graph, queryClient, coordinator, wrapper } = setup();
    const [original] = (await loadList(queryClient, graph, coordinator)).rows;
    if (original === undefined) throw new Error('no row');
    graph.failNext('PATCH', 400);
    const { result } = renderHook(() => useUpdateUserState(), { wrapper });

    act(() => result.current.mutation.mutate({ scriptKind: 'deviceManagementScripts', scriptId, original, changes: { successDeviceCount: 5 } }));
    await waitFor(() => expect(result.current.mutation.isError).toBe(true));
    expect(result.current.mutation.error).toMatchObject({ code: 'BadRequest', requestId: graph.lastRequestId('PATCH') });
    expect(listRow(queryClient, original.id)?.successDeviceCount).toBe(original.successDeviceCount);
    // What the user typed is still there to fix and retry.
    expect(result.current.mutation.variables?.changes).toEqual({ successDeviceCount: 5 });
  });

  it('does not PATCH when someone else changed the record, and shows what Intune holds now', async () => {
    const { graph, queryClient, coordinator, wrapper } = setup();
    const [original] = (await loadList(queryClient, graph, coordinator)).rows;
    if (original === undefined) throw new Error('no row');
    graph.changeUserState(scriptId, original.id, { errorDeviceCount: 42 });
    graph.clearRequests();
    const { result } = renderHook(() => useUpdateUserState(), { wrapper });

    act(() => result.current.mutation.mutate({ scriptKind: 'deviceManagementScripts', scriptId, original, changes: { errorDeviceCount: 1 } }));
    await waitFor(() => expect(result.current.mutation.isError).toBe(true));
    const error = result.current.mutation.error;
    expect(error).toBeInstanceOf(EditConflictError);
    expect((error as EditConflictError).current.errorDeviceCount).toBe(42);
    expect((error as EditConflictError).differingFields).toEqual(['errorDeviceCount']);
    expect(graph.requests.map((request) => request.method)).toEqual(['GET']);
    expect(listRow(queryClient, original.id)?.errorDeviceCount).toBe(42);

    // "Overwrite with mine": only the PATCH goes out.
    graph.clearRequests();
    act(() =>
      result.current.mutation.mutate({
        scriptKind: 'deviceManagementScripts',
        scriptId,
        original: (error as EditConflictError).current,
        changes: { errorDeviceCount: 1 },
        overwrite: true,
      }),
    );
    await waitFor(() => expect(result.current.mutation.isSuccess).toBe(true));
    expect(graph.requests.map((request) => request.method)).toEqual(['PATCH']);
    expect(graph.userState(scriptId, original.id)?.errorDeviceCount).toBe(1);
  });

  it('sends successive edits of one row in order', async () => {
    const { graph, queryClient, coordinator, wrapper } = setup();
    const [original] = (await loadList(queryClient, graph, coordinator)).rows;
    if (original === undefined) throw new Error('no row');
    graph.clearRequests();
    const release = graph.hold();
    const { result } = renderHook(() => useUpdateUserState(), { wrapper });

    act(() => result.current.mutation.mutate({ scriptKind: 'deviceManagementScripts', scriptId, original, changes: { successDeviceCount: 10 } }));
    const second = { ...original, successDeviceCount: 10 };
    act(() => result.current.mutation.mutate({ scriptKind: 'deviceManagementScripts', scriptId, original: second, changes: { successDeviceCount: 11 } }));
    expect(listRow(queryClient, original.id)?.successDeviceCount).toBe(11);
    release();

    await waitFor(() => expect(graph.requests).toHaveLength(4));
    await waitFor(() => expect(result.current.mutation.isSuccess).toBe(true));
    expect(graph.requests.map((request) => `${request.method} ${JSON.stringify(request.body ?? null)}`)).toEqual([
      'GET null',
      'PATCH {"successDeviceCount":10}',
      'GET null',
      'PATCH {"successDeviceCount":11}',
    ]);
    expect(graph.userState(scriptId, original.id)?.successDeviceCount).toBe(11);
    expect(listRow(queryClient, original.id)?.successDeviceCount).toBe(11);
  });

  it('never lets an older read replace a newer optimistic or saved value', async () => {
    const { graph, queryClient, coordinator, wrapper } = setup();
    const [original] = (await loadList(queryClient, graph, coordinator)).rows;
    if (original === undefined) throw new Error('no row');
    const { result } = renderHook(
      () => ({ update: useUpdateUserState(), detail: useQuery(userStateQueryOptions(graph.client, coordinator, 'deviceManagementScripts', scriptId, original.id)) }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.detail.isSuccess).toBe(true));

    // A background read is sent first (it will see the old value) and answered after the save.
    const release = graph.hold();
    let refetch: Promise<unknown> = Promise.resolve();
    act(() => {
      refetch = result.current.detail.refetch();
    });
    act(() => result.current.update.mutation.mutate({ scriptKind: 'deviceManagementScripts', scriptId, original, changes: { errorDeviceCount: 77 } }));
    expect(queryClient.getQueryData<UserState>(userStateKeys.detail('deviceManagementScripts', scriptId, original.id))?.errorDeviceCount).toBe(77);
    release();
    await act(async () => {
      await refetch;
    });
    await waitFor(() => expect(result.current.update.mutation.isSuccess).toBe(true));
    expect(result.current.detail.data?.errorDeviceCount).toBe(77);
    expect(listRow(queryClient, original.id)?.errorDeviceCount).toBe(77);
  });

  it('keeps a save that was on its way when sign-in needed interaction', async () => {
    const { graph, queryClient, coordinator, wrapper } = setup();
    const [original] = (await loadList(queryClient, graph, coordinator)).rows;
    if (original === undefined) throw new Error('no row');
    graph.hold();
    const { result, unmount } = renderHook(
      () => {
        useStashBeforeSignIn();
        return useUpdateUserState();
      },
      { wrapper },
    );
    act(() => result.current.mutation.mutate({ scriptKind: 'deviceManagementScripts', scriptId, original, changes: { successDeviceCount: 31 } }));
    // MSAL is about to navigate away for interactive sign-in.
    notifyBeforeInteraction();
    unmount();
    expect(takeStashedSaves()).toEqual([{ scriptKind: 'deviceManagementScripts', scriptId, original, changes: { successDeviceCount: 31 } }]);
    expect(takeStashedSaves()).toEqual([]);
  });
});
