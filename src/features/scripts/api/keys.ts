import type { ScriptKind } from '../../../lib/script-kinds';

/** Query keys for device management scripts, general to specific; a script is named by its kind and id. */
export const scriptKeys = {
  all: ['scripts'] as const,
  lists: () => [...scriptKeys.all, 'list'] as const,
  list: () => [...scriptKeys.lists()] as const,
  details: () => [...scriptKeys.all, 'detail'] as const,
  detail: (kind: ScriptKind, scriptId: string) => [...scriptKeys.details(), kind, scriptId] as const,
  runSummary: (kind: ScriptKind, scriptId: string) => [...scriptKeys.detail(kind, scriptId), 'runSummary'] as const,
};
