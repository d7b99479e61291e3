/** Graph's resource id; delegated scopes are written as `${graphResource}/${name}`. */
export const graphResource = 'https://graph.microsoft.com';

/** Browsing asks for this scope only (least privilege). */
export const graphReadScope = `${graphResource}/DeviceManagementManagedDevices.Read.All`;
/** Asked for the first time the user saves (incremental consent). */
export const graphWriteScope = `${graphResource}/DeviceManagementManagedDevices.ReadWrite.All`;

/**
 * Any of these lets a user PATCH a script user state: the Graph reference revisions disagree on
 * which one the operation needs (docs: update-deviceManagementScriptUserState, permissions).
 */
export const writeScopeNames = [
  'DeviceManagementManagedDevices.ReadWrite.All',
  'DeviceManagementConfiguration.ReadWrite.All',
  'DeviceManagementScripts.ReadWrite.All',
] as const;

/** The scope named to the user when none of the write scopes was granted. */
export const requiredWriteScopeName = writeScopeNames[0];

/** Microsoft's tenant for personal accounts (outlook.com, hotmail.com, live.com). */
export const personalAccountTenantId = '9188040d-6c67-4c5b-b112-36a304b66dad';

function scopeName(scope: string): string {
  const slash = scope.lastIndexOf('/');
  return (slash === -1 ? scope : scope.slice(slash + 1)).toLowerCase();
}

/**
 * Entra (with admin consent) and the emulator put every consented scope for Graph in the token
 * response, so the granted scopes of a read token already tell whether the user may write.
 */
export function hasWriteScope(grantedScopes: readonly string[]): boolean {
  const granted = new Set(grantedScopes.map(scopeName));
  return writeScopeNames.some((name) => granted.has(name.toLowerCase()));
}

export function isPersonalAccount(account: { tenantId?: string } | null | undefined): boolean {
  return account?.tenantId?.toLowerCase() === personalAccountTenantId;
}
