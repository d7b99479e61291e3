import { scriptKindGraphPath, type ScriptKind } from '../../../lib/script-kinds';

/**
 * Query keys for user states, general to specific, so any level can be matched. The script's kind
 * comes before its id: ids of two kinds' scripts never share a cache entry.
 */
export const userStateKeys = {
  all: ['userStates'] as const,
  lists: () => [...userStateKeys.all, 'list'] as const,
  list: (kind: ScriptKind, scriptId: string) => [...userStateKeys.lists(), kind, scriptId] as const,
  details: () => [...userStateKeys.all, 'detail'] as const,
  detail: (kind: ScriptKind, scriptId: string, stateId: string) => [...userStateKeys.details(), kind, scriptId, stateId] as const,
};

/** The Graph resource path of a script's user states (relative to the Graph base URL). */
export function userStatesGraphPath(kind: ScriptKind, scriptId: string): string {
  return `${scriptKindGraphPath(kind, scriptId)}/userRunStates`;
}

/** The Graph resource path of one user state (relative to the Graph base URL). */
export function userStateGraphPath(kind: ScriptKind, scriptId: string, stateId: string): string {
  return `${userStatesGraphPath(kind, scriptId)}/${encodeURIComponent(stateId)}`;
}
