import type { ScriptKind } from '../../../lib/script-kinds';

/** The sessionStorage key of the bulk job kept for one script (job-storage.ts keeps and reads it). */
export function keptJobKey(scriptKind: ScriptKind, scriptId: string): string {
  return `intune-states.bulk-job:${scriptKind}:${scriptId}`;
}

/**
 * Whether this tab keeps an unfinished bulk job for the script: the page then loads the bulk code
 * at once, to offer it for resumption. Only the key is looked at, so the check costs the route nothing.
 */
export function hasKeptJob(scriptKind: ScriptKind, scriptId: string): boolean {
  try {
    return sessionStorage.getItem(keptJobKey(scriptKind, scriptId)) !== null;
  } catch {
    return false;
  }
}
