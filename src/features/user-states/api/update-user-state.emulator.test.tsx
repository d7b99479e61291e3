import { EMPTY_SCRIPT_ID } from '../../../../emulator/constants';
import { createWritePacer } from '../../../lib/graph/write-pacer';
import { emulatorBackendForEachTest, makeUserStates } from '../../../testing/emulator-graph';
import { userStateSchema } from './schema';
import { EditConflictError, updateUserState, type UpdateUserStateVariables } from './update-user-state';

const scriptId = EMPTY_SCRIPT_ID;
const scriptKind = 'deviceManagementScripts' as const;
const backend = emulatorBackendForEachTest();

/** One seeded row, a client that retries (quickly), and a save of that row's error count. */
function setup() {
  const graph = backend.seed(scriptId, makeUserStates(1));
  const original = userStateSchema.parse(graph.userState(scriptId, makeUserStates(1)[0]?.id ?? ''));
  const client = graph.clientWith({ retryLimit: 2, backoffBaseMs: 5, backoffCapMs: 10 });
  const variables: UpdateUserStateVariables = { scriptKind, scriptId, original, changes: { errorDeviceCount: original.errorDeviceCount + 1 } };
  const methods = () => graph.requests.map((request) => request.method);
  return { graph, original, client, variables, methods };
}

describe('updateUserState, when its PATCH must be sent again', () => {
  it('checks the record again after the wait and sends it again when nothing changed meanwhile', async () => {
    const { graph, original, client, variables, methods } = setup();
    graph.failNext('PATCH', 500);
    const saved = await updateUserState(client, variables);
    expect(saved.row.errorDeviceCount).toBe(original.errorDeviceCount + 1);
    expect(methods()).toEqual(['GET', 'PATCH', 'GET', 'PATCH']);
    expect(graph.userState(scriptId, original.id)?.errorDeviceCount).toBe(original.errorDeviceCount + 1);
  });

  it('finds a change made during the wait and sends nothing more: a conflict, the other admin\u2019s value kept', async () => {
    const { graph, original, client, variables, methods } = setup();
    graph.failNext('PATCH', 503);
    const save = updateUserState(client, variables, {
      // Told before the wait: another admin saves the record meanwhile.
      onRetry: () => graph.changeUserState(scriptId, original.id, { successDeviceCount: original.successDeviceCount + 7 }),
    });
    await expect(save).rejects.toBeInstanceOf(EditConflictError);
    await expect(save).rejects.toMatchObject({ current: { successDeviceCount: original.successDeviceCount + 7 } });
    expect(methods()).toEqual(['GET', 'PATCH', 'GET']);
    expect(graph.userState(scriptId, original.id)).toMatchObject({
      successDeviceCount: original.successDeviceCount + 7,
      errorDeviceCount: original.errorDeviceCount,
    });
  });

  it('finds an unanswered attempt that had landed and does not send it again', async () => {
    const { graph, original, client, variables, methods } = setup();
    graph.failNext('PATCH', 502);
    const saved = await updateUserState(client, variables, {
      // As if Graph had applied the write behind its 502.
      onRetry: () => graph.changeUserState(scriptId, original.id, variables.changes),
    });
    expect(saved).toMatchObject({ row: { errorDeviceCount: original.errorDeviceCount + 1 }, requestId: null });
    expect(methods()).toEqual(['GET', 'PATCH', 'GET']);
  });
});

describe('updateUserState, when Intune\'s write limit is used up', () => {
  it('waits for its slot before it checks the record, so a change made during that wait is a conflict', async () => {
    const { graph, original, variables, methods } = setup();
    // One write per 300 ms, and another tab has just taken it.
    const writePacer = createWritePacer({ limit: 1, windowMs: 300, unansweredMs: 0, storage: null, locks: null, key: 'save-waits-before-checking' });
    await writePacer.acquire(1);
    const client = graph.clientWith({ writePacer });
    const save = updateUserState(client, variables, {
      onWriteLimitWait: () => graph.changeUserState(scriptId, original.id, { errorDeviceCount: original.errorDeviceCount + 5 }),
    });
    await expect(save).rejects.toBeInstanceOf(EditConflictError);
    expect(methods()).toEqual(['GET']);
    expect(graph.userState(scriptId, original.id)?.errorDeviceCount).toBe(original.errorDeviceCount + 5);
  });
});
