/** Query keys for user states, general to specific, so any level can be matched. */
export const userStateKeys = {
  all: ['userStates'] as const,
  lists: () => [...userStateKeys.all, 'list'] as const,
  list: (scriptId: string) => [...userStateKeys.lists(), scriptId] as const,
  details: () => [...userStateKeys.all, 'detail'] as const,
  detail: (scriptId: string, stateId: string) => [...userStateKeys.details(), scriptId, stateId] as const,
};

/** The Graph resource path of one user state (relative to the Graph base URL). */
export function userStateGraphPath(scriptId: string, stateId: string): string {
  return `/deviceManagement/deviceManagementScripts/${encodeURIComponent(scriptId)}/userRunStates/${encodeURIComponent(stateId)}`;
}
