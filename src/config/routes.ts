/**
 * The app's URLs mirror Graph's resource paths, so a link names the record it shows.
 * These paths are an external contract (shared links, e2e tests): change them only on purpose.
 */
export const routePatterns = {
  home: '/',
  scripts: '/deviceManagement/deviceManagementScripts',
  userStates: '/deviceManagement/deviceManagementScripts/:scriptId/userRunStates',
  userState: '/deviceManagement/deviceManagementScripts/:scriptId/userRunStates/:stateId',
} as const;

export function scriptsPath(): string {
  return routePatterns.scripts;
}

export function userStatesPath(scriptId: string): string {
  return `${routePatterns.scripts}/${encodeURIComponent(scriptId)}/userRunStates`;
}

export function userStatePath(scriptId: string, stateId: string): string {
  return `${userStatesPath(scriptId)}/${encodeURIComponent(stateId)}`;
}

/** The absolute URL of an in-app path, for links that are copied and shared. */
export function absoluteUrl(path: string): string {
  return new URL(path, window.location.origin).toString();
}
