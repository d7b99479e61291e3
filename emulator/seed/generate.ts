import { HOSTILE_UPNS, RENAME_DEVICES_SCRIPT_ID, SCRIPT_DEFINITIONS, TENANT_DOMAIN, type ScriptDefinition } from './catalog.ts';
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

/**
 * Device run states are derived from the user state's current counts rather than stored: one
 * `success` device per successDeviceCount and one failed device per errorDeviceCount, so they
 * always agree with the user state (and with runSummary), and 100,000 user states cost nothing.
 */
export function deviceStateAt(userStateId: string, successDeviceCount: number, index: number, anchor: string): DeviceStateData {
  const random = createRandom(hashString(`${userStateId}/device/${index}`));
  const id = randomGuid(random);
  const minutesBack = randomInt(random, 5, 60 * 24 * 30);
  const when = new Date(Date.parse(anchor) + 1000 * 60 * 60 * 24 * 40 - minutesBack * 60_000).toISOString().replace('.000Z', 'Z');
  if (index < successDeviceCount) {
    return {
      id,
      runState: 'success',
      resultMessage: SUCCESS_MESSAGES[Math.floor(random() * SUCCESS_MESSAGES.length)] ?? 'Completed',
      lastStateUpdateDateTime: when,
      errorCode: 0,
      errorDescription: null,
    };
  }
  const error = ERRORS[Math.floor(random() * ERRORS.length)] ?? ERRORS[0];
  return {
    id,
    runState: error?.runState ?? 'fail',
    resultMessage: null,
    lastStateUpdateDateTime: when,
    errorCode: error?.code ?? -1,
    errorDescription: error?.description ?? null,
  };
}
