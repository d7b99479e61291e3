import { DOCK_DEFAULTS_SCRIPT_ID, HOSTILE_RESULT_MESSAGES, HOSTILE_UPNS, RENAME_DEVICES_SCRIPT_ID, SCRIPT_DEFINITIONS, TENANT_DOMAIN, type ScriptDefinition, type ScriptKind } from './catalog.ts';
import { FIRST_NAMES, LAST_NAMES } from './names.ts';
import { createRandom, guidFrom, hashString, randomGuid, randomInt } from './prng.ts';

export interface UserStateData {
  id: string;
  userPrincipalName: string;
  successDeviceCount: number;
  errorDeviceCount: number;
}

export type DeviceRunState = 'unknown' | 'success' | 'fail' | 'scriptError' | 'pending' | 'notApplicable';

export interface DeviceStateData {
  id: string;
  runState: DeviceRunState;
  resultMessage: string | null;
  lastStateUpdateDateTime: string;
  errorCode: number;
  errorDescription: string | null;
}

export const DEFAULT_BIG_SCRIPT_SIZE = 100_000;

export function userStateCount(definition: ScriptDefinition, bigScriptSize: number): number {
  const base = definition.userStates.kind === 'big' ? bigScriptSize : definition.userStates.count;
  return base + (definition.id === RENAME_DEVICES_SCRIPT_ID ? HOSTILE_UPNS.length : 0);
}

function successCount(random: () => number): number {
  const r = random();
  if (r < 0.1) return 0;
  if (r < 0.65) return 1;
  if (r < 0.9) return 2;
  return randomInt(random, 3, 5);
}

function errorCount(random: () => number): number {
  const r = random();
  if (r < 0.8) return 0;
  if (r < 0.95) return 1;
  return randomInt(random, 2, 3);
}

/**
 * The seeded user states of one script, in a fixed order, handed to `emit` one by one. Pure: the
 * same definition and size always give the same rows, so tests can recompute facts without
 * starting an emulator. `upnIsLowerCase` saves the store a toLowerCase per row.
 */
export function forEachSeededUserState(
  definition: ScriptDefinition,
  bigScriptSize: number,
  emit: (id: string, userPrincipalName: string, successDeviceCount: number, errorDeviceCount: number, upnIsLowerCase: boolean) => void,
): void {
  const count = definition.userStates.kind === 'big' ? bigScriptSize : definition.userStates.count;
  const random = createRandom(hashString(`user-states:${definition.id}`));
  const used = new Map<string, number>();
  const suffix = `@${TENANT_DOMAIN}`;
  for (let i = 0; i < count; i += 1) {
    const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)] ?? 'user';
    const last = LAST_NAMES[Math.floor(random() * LAST_NAMES.length)] ?? 'user';
    const local = `${first}.${last}`;
    const seen = used.get(local) ?? 0;
    used.set(local, seen + 1);
    const upn = (seen === 0 ? local : local + String(seen + 1)) + suffix;
    const id = randomGuid(random);
    let success = successCount(random);
    const errors = errorCount(random);
    if (success + errors === 0) success = 1;
    emit(id, upn, success, errors, true);
  }
  if (definition.id === RENAME_DEVICES_SCRIPT_ID) {
    HOSTILE_UPNS.forEach((upn, index) => {
      emit(guidFrom(`hostile-user-state:${index}`), upn, 1, index % 2, false);
    });
  }
}

export function generateUserStates(definition: ScriptDefinition, bigScriptSize: number): UserStateData[] {
  const rows: UserStateData[] = [];
  forEachSeededUserState(definition, bigScriptSize, (id, userPrincipalName, successDeviceCount, errorDeviceCount) => {
    rows.push({ id, userPrincipalName, successDeviceCount, errorDeviceCount });
  });
  return rows;
}

export function allScriptDefinitions(): readonly ScriptDefinition[] {
  return SCRIPT_DEFINITIONS;
}

const ERRORS: readonly { code: number; description: string; runState: DeviceRunState }[] = [
  { code: -2016345060, description: 'The script exited with a non-zero exit code (1).', runState: 'scriptError' },
  { code: -2016345112, description: 'Script execution timed out after 30 minutes.', runState: 'fail' },
  { code: -2016345103, description: 'The script could not be downloaded from the Intune service.', runState: 'fail' },
  { code: -2016345066, description: 'Script signature check failed: the script is not signed by a trusted publisher.', runState: 'scriptError' },
];

const SUCCESS_MESSAGES: readonly string[] = ['Completed', 'Completed with output: 0 changes', 'Completed with output: OK', ''];

/** What a failed run printed, per kind: several lines, as the agent reports stdout and stderr. */
const FAILURE_OUTPUTS: Record<ScriptKind, readonly string[]> = {
  powerShell: [
    'Get-CimInstance : Access denied\nAt C:\\Program Files (x86)\\Microsoft Intune Management Extension\\Policies\\Scripts\\script.ps1:1 char:9\n    + CategoryInfo          : PermissionDenied: (root\\cimv2:Win32_SystemEnclosure) [Get-CimInstance], CimException',
    'New-PSDrive : The network path was not found\nAt line:2 char:40\n    + FullyQualifiedErrorId : CouldNotMapNetworkDrive',
    'Script timed out.\nThe process was stopped after 1800 seconds.',
  ],
  shell: [
    '+ /usr/sbin/softwareupdate --install-rosetta --agree-to-license\nInstalling Rosetta 2 on this system.\nAn error occurred while installing: Error Domain=NSURLErrorDomain Code=-1001 "The request timed out."\nexit status 1',
    "defaults: Could not write domain com.apple.dock; exiting\nkillall: No matching processes belonging to you were found\nexit status 1",
    'zsh: permission denied: /Library/Application Support/Contoso/setup.sh\nexit status 126',
  ],
  customAttribute: [
    "fdesetup: command not found\nexit status 127",
    "system_profiler: SPPowerDataType: no data\nThe custom attribute value is empty or not of the expected type.\nexit status 1",
  ],
};

/** Devices neither succeeded nor failed: pending (the most common), not applicable, unknown. */
const OTHER_STATES: readonly DeviceRunState[] = ['pending', 'pending', 'notApplicable', 'unknown'];

/** The shape of a user state that device states are derived from. */
export interface DeviceStateOwner {
  id: string;
  successDeviceCount: number;
  errorDeviceCount: number;
}

/**
 * Devices of a user state that are neither succeeded nor failed: 0 or 1, from the id alone, so
 * counting them costs one hash and never a generated row.
 */
export function otherDeviceCount(definition: ScriptDefinition, userStateId: string): number {
  if (!definition.otherDeviceStates) return 0;
  return hashString(`${userStateId}/other`) % 5 === 0 ? 1 : 0;
}

/** How many device states a user state has: its success and error devices, and maybe one other. */
export function deviceStateCount(definition: ScriptDefinition, owner: DeviceStateOwner): number {
  return owner.successDeviceCount + owner.errorDeviceCount + otherDeviceCount(definition, owner.id);
}

let hostileOutputs: Map<string, string> | undefined;

/**
 * User states whose device states report HOSTILE_RESULT_MESSAGES: the hostile user states, and
 * the first user state with an error device of the small macOS shell script.
 */
export function hostileOutputOf(userStateId: string): string | undefined {
  if (!hostileOutputs) {
    const map = new Map<string, string>();
    const pick = (i: number): string => HOSTILE_RESULT_MESSAGES[i % HOSTILE_RESULT_MESSAGES.length] ?? '';
    HOSTILE_UPNS.forEach((_upn, index) => map.set(guidFrom(`hostile-user-state:${index}`), pick(index)));
    const dock = SCRIPT_DEFINITIONS.find((d) => d.id === DOCK_DEFAULTS_SCRIPT_ID);
    const first = dock ? generateUserStates(dock, 0).find((s) => s.errorDeviceCount > 0) : undefined;
    if (first) map.set(first.id, pick(0));
    hostileOutputs = map;
  }
  return hostileOutputs.get(userStateId);
}

/**
 * The run state of device `index`, as deviceStateAt derives it, without building its id, date or
 * message: the same draws in the same order, so a $filter on runState over 200,000 derived
 * device states stays cheap.
 */
export function runStateAt(owner: DeviceStateOwner, index: number, definition: ScriptDefinition): DeviceRunState {
  if (index < owner.successDeviceCount) return 'success';
  if (index >= deviceStateCount(definition, owner)) throw new RangeError(`no device ${index} for user state ${owner.id}`);
  const random = createRandom(hashString(`${owner.id}/device/${index}`));
  // deviceStateAt draws four words for the id and one for the date first.
  for (let i = 0; i < 5; i += 1) random();
  if (index >= owner.successDeviceCount + owner.errorDeviceCount) return OTHER_STATES[Math.floor(random() * OTHER_STATES.length)] ?? 'pending';
  return ERRORS[Math.floor(random() * ERRORS.length)]?.runState ?? 'fail';
}

/**
 * Device run states are derived from the user state's current counts rather than stored: one
 * `success` device per successDeviceCount, one failed device per errorDeviceCount, and for some
 * user states one more that is pending, not applicable or unknown. So they always agree with the
 * user state (and with runSummary), and 100,000 user states cost nothing.
 */
export function deviceStateAt(owner: DeviceStateOwner, index: number, definition: ScriptDefinition): DeviceStateData {
  const random = createRandom(hashString(`${owner.id}/device/${index}`));
  const id = randomGuid(random);
  const minutesBack = randomInt(random, 5, 60 * 24 * 30);
  const when = new Date(Date.parse(definition.lastModifiedDateTime) + 1000 * 60 * 60 * 24 * 40 - minutesBack * 60_000).toISOString().replace('.000Z', 'Z');
  const hostile = hostileOutputOf(owner.id);
  if (index < owner.successDeviceCount) {
    const outputs = definition.successOutputs ?? SUCCESS_MESSAGES;
    const message = outputs[Math.floor(random() * outputs.length)] ?? 'Completed';
    return { id, runState: 'success', resultMessage: hostile ?? message, lastStateUpdateDateTime: when, errorCode: 0, errorDescription: null };
  }
  if (index >= owner.successDeviceCount + owner.errorDeviceCount) {
    const runState = OTHER_STATES[Math.floor(random() * OTHER_STATES.length)] ?? 'pending';
    return { id, runState, resultMessage: null, lastStateUpdateDateTime: when, errorCode: 0, errorDescription: null };
  }
  const error = ERRORS[Math.floor(random() * ERRORS.length)] ?? ERRORS[0];
  const failures = FAILURE_OUTPUTS[definition.kind];
  const output = failures[Math.floor(random() * failures.length)] ?? null;
  return {
    id,
    runState: error?.runState ?? 'fail',
    resultMessage: hostile ?? output,
    lastStateUpdateDateTime: when,
    errorCode: error?.code ?? -1,
    errorDescription: error?.description ?? null,
  };
}
