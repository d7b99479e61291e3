/** Graph's resource id; delegated scopes are written as `${graphResource}/${name}`. */
export const graphResource = 'https://graph.microsoft.com';

/**
 * The permissions Graph's beta reference lists for the script endpoints today (list and get of
 * scripts and user run states); Intune announced that the older DeviceManagementManagedDevices
 * and DeviceManagementConfiguration permissions stop working for them (docs/decisions/006).
 */
export const defaultReadPermission = 'DeviceManagementScripts.Read.All';
export const defaultWritePermission = 'DeviceManagementScripts.ReadWrite.All';

/** Full scope strings, as MSAL asks the identity platform for them. */
export interface GraphScopes {
  /** Browsing asks for this scope only (least privilege). */
  read: string;
  /** Asked for the first time the user saves (incremental consent). */
  write: string;
}

export const defaultGraphScopes: GraphScopes = {
  read: `${graphResource}/${defaultReadPermission}`,
  write: `${graphResource}/${defaultWritePermission}`,
};

// Set once at start-up from the validated settings (src/config/env.ts) and fixed for the page's
// life; kept here so that plain functions (error wording, the token provider) need no React context.
let configured: GraphScopes = defaultGraphScopes;

export function configureGraphScopes(scopes: GraphScopes): void {
  configured = scopes;
}

export function graphScopes(): GraphScopes {
  return configured;
}

/** `DeviceManagementScripts.Read.All` from `https://graph.microsoft.com/DeviceManagementScripts.Read.All`. */
export function permissionName(scope: string): string {
  const slash = scope.lastIndexOf('/');
  return slash === -1 ? scope : scope.slice(slash + 1);
}

/** The permission named to the user when reading is refused. */
export function readPermissionName(): string {
  return permissionName(configured.read);
}

/** The permission named to the user when none of the write permissions was granted. */
export function writePermissionName(): string {
  return permissionName(configured.write);
}

/**
 * Any of these lets a user PATCH a script user state: the configured one, and those the Graph
 * reference revisions list for the operation (docs: update-deviceManagementScriptUserState).
 */
function writePermissionNames(): string[] {
  return [
    writePermissionName(),
    defaultWritePermission,
    'DeviceManagementManagedDevices.ReadWrite.All',
    'DeviceManagementConfiguration.ReadWrite.All',
  ];
}

/** Microsoft's tenant for personal accounts (outlook.com, hotmail.com, live.com). */
export const personalAccountTenantId = '9188040d-6c67-4c5b-b112-36a304b66dad';

/**
 * Entra (with admin consent) and the emulator put every consented scope for Graph in the token
 * response, so the granted scopes of a read token already tell whether the user may write.
 */
export function hasWriteScope(grantedScopes: readonly string[]): boolean {
  const granted = new Set(grantedScopes.map((scope) => permissionName(scope).toLowerCase()));
  return writePermissionNames().some((name) => granted.has(name.toLowerCase()));
}

export function isPersonalAccount(account: { tenantId?: string } | null | undefined): boolean {
  return account?.tenantId?.toLowerCase() === personalAccountTenantId;
}

/**
 * Device names (`$expand=managedDevice` on device run states) need this one: the script scopes do
 * not reveal managed devices. Asked for only when a device table is first shown (incremental consent).
 */
export const deviceReadScopeName = 'DeviceManagementManagedDevices.Read.All';
export const deviceReadScope = `${graphResource}/${deviceReadScopeName}`;

