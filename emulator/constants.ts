/**
 * Fixed facts of the local emulator (docs/decisions/001-local-emulator-contract.md) and the
 * deterministic seed facts that tests import. Nothing here may change without changing the ADR.
 */
import {
  BATTERY_ATTRIBUTE_SCRIPT_ID,
  DOCK_DEFAULTS_SCRIPT_ID,
  FILEVAULT_ATTRIBUTE_SCRIPT_ID,
  HELLO_DIAGNOSTICS_SCRIPT_ID,
  HOSTILE_RESULT_MESSAGES,
  HOSTILE_UPNS,
  NETWORK_DRIVES_SCRIPT_ID,
  REMOVE_APPS_SCRIPT_ID,
  RENAME_DEVICES_SCRIPT_ID,
  ROSETTA_SCRIPT_ID,
  SCRIPT_DEFINITIONS,
  SOFTWARE_INVENTORY_SCRIPT_ID,
  TENANT_DOMAIN,
  TIME_ZONE_SCRIPT_ID,
  type ScriptDefinition,
  type ScriptKind,
} from './seed/catalog.ts';
import { AUDIT_HISTORY_ACTOR, auditHistoryUserStates } from './seed/audit-history.ts';
import { DEFAULT_BIG_SCRIPT_SIZE, generateUserStates, hostileOutputOf, type UserStateData } from './seed/generate.ts';

export { AUDIT_HISTORY_ACTOR, DEFAULT_BIG_SCRIPT_SIZE, HOSTILE_RESULT_MESSAGES, TENANT_DOMAIN };
export type { ScriptKind, UserStateData };

export const DEFAULT_PORT = 5174;
export const DEFAULT_PUBLIC_ORIGIN = 'http://localhost:5174';
export const APP_ORIGIN = 'http://localhost:5173';
export const DEFAULT_APP_ORIGINS: readonly string[] = [APP_ORIGIN];

/** Contoso, the seeded work tenant (made up). */
export const TENANT_ID = 'b4d3c2a1-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
/** The tenant in which Microsoft personal accounts live, as at Microsoft. */
export const PERSONAL_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

/** The dashboard's SPA app registration. */
export const CLIENT_ID = '6c5a2f1e-8b9d-4e3f-a1b2-c3d4e5f60718';
export const CLIENT_DISPLAY_NAME = 'Intune Script States Dashboard';
export const REDIRECT_URIS: readonly string[] = ['http://localhost:5173/', 'http://localhost:5173/redirect.html'];

/** Microsoft Graph as a resource: its identifier URI and its well-known app id. */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export const SCOPES = {
  managedDevicesRead: 'DeviceManagementManagedDevices.Read.All',
  managedDevicesReadWrite: 'DeviceManagementManagedDevices.ReadWrite.All',
  configurationRead: 'DeviceManagementConfiguration.Read.All',
  configurationReadWrite: 'DeviceManagementConfiguration.ReadWrite.All',
  scriptsRead: 'DeviceManagementScripts.Read.All',
  scriptsReadWrite: 'DeviceManagementScripts.ReadWrite.All',
} as const;

/**
 * Any of these lets a token read scripts and their user states: the union of what the Graph beta
 * reference lists for each read operation (and what earlier revisions listed), see emulator/README.md.
 */
export const GRAPH_READ_SCOPES: readonly string[] = Object.values(SCOPES);
/** Any of these lets a token write user states (the update page lists the older two; Intune's note the first). */
export const GRAPH_WRITE_SCOPES: readonly string[] = [SCOPES.managedDevicesReadWrite, SCOPES.configurationReadWrite, SCOPES.scriptsReadWrite];

/** Intune's audit events need one of these (List/Get auditEvents); they grant nothing else here. */
export const AUDIT_SCOPES = {
  read: 'DeviceManagementApps.Read.All',
  readWrite: 'DeviceManagementApps.ReadWrite.All',
} as const;
export const AUDIT_READ_SCOPES: readonly string[] = [AUDIT_SCOPES.read, AUDIT_SCOPES.readWrite];

export interface SeededAccount {
  key: 'admin' | 'helpdesk' | 'personal';
  upn: string;
  displayName: string;
  /** Object id of the user in its tenant. */
  oid: string;
  tenantId: string;
  kind: 'work' | 'personal';
  /** Graph scopes consented for this account (admin consent for work accounts). */
  graphScopes: readonly string[];
}

export const ACCOUNTS = {
  admin: {
    key: 'admin',
    upn: 'admin@contoso.onmicrosoft.com',
    displayName: 'Adele Vance (Intune administrator)',
    oid: '0f1e2d3c-4b5a-4697-8877-665544332211',
    tenantId: TENANT_ID,
    kind: 'work',
    // Device read: the device tables show device names ($expand=managedDevice); audit: History.
    graphScopes: [SCOPES.scriptsRead, SCOPES.scriptsReadWrite, SCOPES.managedDevicesRead, AUDIT_SCOPES.read],
  },
  helpdesk: {
    key: 'helpdesk',
    upn: 'helpdesk@contoso.onmicrosoft.com',
    displayName: 'Hank Diaz (Helpdesk)',
    oid: '1a2b3c4d-5e6f-4708-9a1b-2c3d4e5f6a7b',
    tenantId: TENANT_ID,
    kind: 'work',
    // No device read scope: device names stay hidden from the helpdesk ($expand=managedDevice is 403).
    graphScopes: [SCOPES.scriptsRead],
  },
  personal: {
    key: 'personal',
    upn: 'someone@outlook.com',
    displayName: 'Someone Personal',
    oid: '00000000-0000-0000-66f3-3332eca7ea81',
    tenantId: PERSONAL_TENANT_ID,
    kind: 'personal',
    // Personal accounts consent for themselves: they get what they ask for, and Graph refuses the
    // token for Intune anyway.
    graphScopes: [],
  },
} as const satisfies Record<string, SeededAccount>;

export const ACCOUNT_LIST: readonly SeededAccount[] = [ACCOUNTS.admin, ACCOUNTS.helpdesk, ACCOUNTS.personal];

// ---- Seed facts ----------------------------------------------------------------------------

export const SCRIPT_IDS = {
  networkDrives: NETWORK_DRIVES_SCRIPT_ID,
  softwareInventory: SOFTWARE_INVENTORY_SCRIPT_ID,
  removeApps: REMOVE_APPS_SCRIPT_ID,
  timeZone: TIME_ZONE_SCRIPT_ID,
  renameDevices: RENAME_DEVICES_SCRIPT_ID,
  helloDiagnostics: HELLO_DIAGNOSTICS_SCRIPT_ID,
  rosetta: ROSETTA_SCRIPT_ID,
  dockDefaults: DOCK_DEFAULTS_SCRIPT_ID,
  fileVault: FILEVAULT_ATTRIBUTE_SCRIPT_ID,
  batteryCycles: BATTERY_ATTRIBUTE_SCRIPT_ID,
} as const;

/** Seeded script ids per kind, in the order Graph lists each collection. */
export const SCRIPT_IDS_BY_KIND: Record<ScriptKind, readonly string[]> = {
  powerShell: SCRIPT_DEFINITIONS.filter((d) => d.kind === 'powerShell').map((d) => d.id),
  shell: SCRIPT_DEFINITIONS.filter((d) => d.kind === 'shell').map((d) => d.id),
  customAttribute: SCRIPT_DEFINITIONS.filter((d) => d.kind === 'customAttribute').map((d) => d.id),
};

/** The Graph collection of each kind, under /deviceManagement. */
export const SCRIPT_COLLECTIONS: Record<ScriptKind, string> = {
  powerShell: 'deviceManagementScripts',
  shell: 'deviceShellScripts',
  customAttribute: 'deviceCustomAttributeShellScripts',
};

/** All seeded Windows PowerShell script ids (`deviceManagementScripts`), in the order Graph lists them. */
export const ALL_SCRIPT_IDS: readonly string[] = SCRIPT_IDS_BY_KIND.powerShell;

/** The small script where e2e tests edit (40 clean user states). */
export const MAIN_SCRIPT_ID = NETWORK_DRIVES_SCRIPT_ID;
/** The script with `bigScriptSize` user states (100,000 by default). */
export const BIG_SCRIPT_ID = SOFTWARE_INVENTORY_SCRIPT_ID;
/** A script with 1,250 user states: more than one 1,000-row page, fast to walk. */
export const PAGED_SCRIPT_ID = REMOVE_APPS_SCRIPT_ID;
/** 250 user states. */
export const MEDIUM_SCRIPT_ID = TIME_ZONE_SCRIPT_ID;
/** 12 ordinary user states plus the hostile-UPN user states below. */
export const HOSTILE_SCRIPT_ID = RENAME_DEVICES_SCRIPT_ID;
/** Assigned but never run: no user states. */
export const EMPTY_SCRIPT_ID = HELLO_DIAGNOSTICS_SCRIPT_ID;
/** macOS shell script with 60 user states, where tests edit (`MAC_SHELL_USER_STATES`). */
export const MAC_SHELL_SCRIPT_ID = DOCK_DEFAULTS_SCRIPT_ID;
/** macOS shell script with 1,500 user states (more than one 1,000-row page). */
export const MAC_SHELL_PAGED_SCRIPT_ID = ROSETTA_SCRIPT_ID;
/** macOS custom attribute script (integer attribute) with 30 user states. */
export const MAC_ATTRIBUTE_SCRIPT_ID = BATTERY_ATTRIBUTE_SCRIPT_ID;
/** macOS custom attribute script (string attribute) with 1,200 user states. */
export const MAC_ATTRIBUTE_PAGED_SCRIPT_ID = FILEVAULT_ATTRIBUTE_SCRIPT_ID;

/** The kind (collection) a seeded script belongs to; a script id lives in exactly one. */
export function scriptKindOf(scriptId: string): ScriptKind {
  return definition(scriptId).kind;
}

function definition(id: string): ScriptDefinition {
  const found = SCRIPT_DEFINITIONS.find((d) => d.id === id);
  if (!found) throw new Error(`no script ${id}`);
  return found;
}

/** Seeded user-state count per script for a given big-script size. */
export function seededUserStateCount(scriptId: string, bigScriptSize = DEFAULT_BIG_SCRIPT_SIZE): number {
  const d = definition(scriptId);
  return generateCountFor(d, bigScriptSize);
}

function generateCountFor(d: ScriptDefinition, bigScriptSize: number): number {
  if (d.userStates.kind === 'big') return bigScriptSize;
  return d.id === HOSTILE_SCRIPT_ID ? d.userStates.count + HOSTILE_UPNS.length : d.userStates.count;
}

/** Every seeded user state of the main (small) script, in seed order. */
export const MAIN_SCRIPT_USER_STATES: readonly UserStateData[] = generateUserStates(definition(MAIN_SCRIPT_ID), 0);
export const MAIN_SCRIPT_USER_STATE_COUNT = MAIN_SCRIPT_USER_STATES.length;

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`seed has no item ${index}`);
  return item;
}

/** A few named user states of the main script, for tests that edit one row. */
export const KNOWN_USER_STATES = {
  first: at(MAIN_SCRIPT_USER_STATES, 0),
  second: at(MAIN_SCRIPT_USER_STATES, 1),
  third: at(MAIN_SCRIPT_USER_STATES, 2),
  withErrors: MAIN_SCRIPT_USER_STATES.find((s) => s.errorDeviceCount > 0) ?? at(MAIN_SCRIPT_USER_STATES, 3),
  last: at(MAIN_SCRIPT_USER_STATES, MAIN_SCRIPT_USER_STATES.length - 1),
} as const;

/** Every seeded user state of the small macOS shell script, in seed order. */
export const MAC_SHELL_USER_STATES: readonly UserStateData[] = generateUserStates(definition(MAC_SHELL_SCRIPT_ID), 0);

/**
 * The macOS shell user state whose device states report a hostile result message (formula,
 * markup, right-to-left override): the first one with an error device.
 */
export const HOSTILE_RESULT_USER_STATE: UserStateData = (() => {
  const found = MAC_SHELL_USER_STATES.find((s) => hostileOutputOf(s.id) !== undefined);
  if (!found) throw new Error('seed has no hostile result message');
  return found;
})();

const hostileAll = generateUserStates(definition(HOSTILE_SCRIPT_ID), 0);
/** User states (in HOSTILE_SCRIPT_ID only) whose UPNs carry HTML, script and formula payloads. */
export const HOSTILE_USER_STATES: readonly UserStateData[] = hostileAll.slice(hostileAll.length - HOSTILE_UPNS.length);
/** The ordinary user states of HOSTILE_SCRIPT_ID. */
export const HOSTILE_SCRIPT_CLEAN_USER_STATES: readonly UserStateData[] = hostileAll.slice(0, hostileAll.length - HOSTILE_USER_STATES.length);

/** User states (of MEDIUM_SCRIPT_ID and MAIN_SCRIPT_ID) with seeded audit history by AUDIT_HISTORY_ACTOR. */
export const AUDIT_HISTORY_USER_STATES: readonly { scriptId: string; state: UserStateData }[] = auditHistoryUserStates();
