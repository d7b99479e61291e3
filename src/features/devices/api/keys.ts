import type { ScriptKind } from '../../../lib/script-kinds';

export type DeviceStatusFilter = 'all' | 'errors' | 'succeeded' | 'pending' | 'notApplicable';

/** Query keys for device run states, general to specific. */
export const deviceStateKeys = {
  all: ['deviceStates'] as const,
  ofScript: (kind: ScriptKind, scriptId: string) => [...deviceStateKeys.all, kind, scriptId] as const,
  scriptList: (kind: ScriptKind, scriptId: string, status: DeviceStatusFilter) =>
    [...deviceStateKeys.ofScript(kind, scriptId), 'list', status] as const,
  ofUserState: (kind: ScriptKind, scriptId: string, stateId: string) =>
    [...deviceStateKeys.ofScript(kind, scriptId), 'userState', stateId] as const,
};
