import type { ScriptKind } from '../lib/script-kinds';

/**
 * The app's URLs mirror Graph's resource paths, so a link names the record it shows.
 * These paths are an external contract (shared links, e2e tests): change them only on purpose.
 */
export const routePatterns = {
  home: '/',
  scripts: '/deviceManagement/deviceManagementScripts',
  /** `:kind` is a script collection (`src/lib/script-kinds.ts`), as in Graph's path. */
  userStates: '/deviceManagement/:kind/:scriptId/userRunStates',
  userState: '/deviceManagement/:kind/:scriptId/userRunStates/:stateId',
  deviceStates: '/deviceManagement/:kind/:scriptId/deviceRunStates',
} as const;

export function scriptsPath(): string {
  return routePatterns.scripts;
}

export function userStatesPath(kind: ScriptKind, scriptId: string): string {
  return `/deviceManagement/${kind}/${encodeURIComponent(scriptId)}/userRunStates`;
}

export function userStatePath(kind: ScriptKind, scriptId: string, stateId: string): string {
  return `${userStatesPath(kind, scriptId)}/${encodeURIComponent(stateId)}`;
}

/** A script's "Device status" view; `status` is the view's filter (`?status=`). */
export function deviceStatesPath(kind: string, scriptId: string, status?: string): string {
  const path = `/deviceManagement/${kind}/${encodeURIComponent(scriptId)}/deviceRunStates`;
  return status === undefined ? path : `${path}?${new URLSearchParams({ status }).toString()}`;
}

/** A script's user states of any kind, searched for one user (`?q=`, the list's search). */
export function userStatesSearchPath(kind: string, scriptId: string, search: string): string {
  return `/deviceManagement/${kind}/${encodeURIComponent(scriptId)}/userRunStates?${new URLSearchParams({ q: search }).toString()}`;
}

/** The absolute URL of an in-app path, for links that are copied and shared. */
export function absoluteUrl(path: string): string {
  return new URL(path, window.location.origin).toString();
}
