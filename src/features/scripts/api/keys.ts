/** Query keys for device management scripts, general to specific. */
export const scriptKeys = {
  all: ['scripts'] as const,
  lists: () => [...scriptKeys.all, 'list'] as const,
  list: () => [...scriptKeys.lists()] as const,
  details: () => [...scriptKeys.all, 'detail'] as const,
  detail: (scriptId: string) => [...scriptKeys.details(), scriptId] as const,
  runSummary: (scriptId: string) => [...scriptKeys.detail(scriptId), 'runSummary'] as const,
};

/** The Graph resource path of one script (relative to the Graph base URL). */
export function scriptGraphPath(scriptId: string): string {
  return `/deviceManagement/deviceManagementScripts/${encodeURIComponent(scriptId)}`;
}
