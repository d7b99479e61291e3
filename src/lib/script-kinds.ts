/**
 * The three Intune script kinds that carry user run states. A kind's id is its Graph collection
 * segment under /deviceManagement, so app paths and Graph paths are built from the same word.
 */
export const scriptKinds = [
  { id: 'deviceManagementScripts', platform: 'Windows', type: 'PowerShell script' },
  { id: 'deviceShellScripts', platform: 'macOS', type: 'Shell script' },
  { id: 'deviceCustomAttributeShellScripts', platform: 'macOS', type: 'Custom attribute' },
] as const;

export type ScriptKindInfo = (typeof scriptKinds)[number];
export type ScriptKind = ScriptKindInfo['id'];
export type ScriptPlatform = ScriptKindInfo['platform'];

export function isScriptKind(value: string): value is ScriptKind {
  return scriptKinds.some((kind) => kind.id === value);
}

export function scriptKindInfo(kind: ScriptKind): ScriptKindInfo {
  const info = scriptKinds.find((candidate) => candidate.id === kind);
  if (info === undefined) throw new Error(`Unknown script kind: ${kind}`);
  return info;
}

/** The Graph resource path of one script of a kind (relative to the Graph base URL). */
export function scriptKindGraphPath(kind: ScriptKind, scriptId: string): string {
  return `/deviceManagement/${kind}/${encodeURIComponent(scriptId)}`;
}
