import type { ScriptDefinition } from './catalog.ts';
import type { DeviceStateOwner } from './generate.ts';
import { createRandom, guidFrom, hashString, pick, randomInt } from './prng.ts';

/** The properties of a managedDevice the emulator serves (a subset of Graph's, see the README). */
export interface ManagedDeviceData {
  id: string;
  deviceName: string;
  operatingSystem: 'Windows' | 'macOS';
  osVersion: string;
  userPrincipalName: string;
  model: string;
  manufacturer: string;
  serialNumber: string;
  complianceState: 'compliant' | 'noncompliant' | 'inGracePeriod';
  managementAgent: 'mdm';
  enrolledDateTime: string;
  lastSyncDateTime: string;
}

const WINDOWS_VERSIONS: readonly string[] = ['10.0.19045.5011', '10.0.22631.4317', '10.0.22631.4460', '10.0.26100.2033', '10.0.26100.2314'];
const MAC_VERSIONS: readonly string[] = ['13.7.1 (22H221)', '14.7.1 (23H222)', '15.0.1 (24A348)', '15.1 (24B83)', '15.1.1 (24B91)'];
const WINDOWS_MODELS: readonly (readonly [string, string])[] = [
  ['Latitude 7440', 'Dell Inc.'],
  ['HP EliteBook 840 G10', 'HP'],
  ['Surface Laptop 5', 'Microsoft Corporation'],
  ['ThinkPad T14 Gen 4', 'LENOVO'],
];
const MAC_MODELS: readonly string[] = ['MacBook Air', 'MacBook Pro', 'iMac', 'Mac mini'];
const SERIAL_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

function serial(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += SERIAL_CHARS[Math.floor(random() * SERIAL_CHARS.length)] ?? 'X';
  return out;
}

function givenName(upn: string): string {
  const local = upn.split('@')[0] ?? '';
  const first = (local.split('.')[0] ?? '').replace(/[^a-z]/gi, '');
  return first === '' ? 'User' : first.charAt(0).toUpperCase() + first.slice(1);
}

/** The managed device id of a user state's device `index`, without deriving the rest. */
export function managedDeviceIdOf(owner: DeviceStateOwner, index: number): string {
  return guidFrom(`${owner.id}/managedDevice/${index}`);
}

/**
 * The managed device behind device state `index` of a user state: derived like the device state
 * itself, so it costs nothing until asked for. Windows PowerShell scripts run on Windows devices,
 * macOS shell and custom attribute scripts on Macs; the device belongs to the user state's user.
 */
export function managedDeviceOf(definition: ScriptDefinition, owner: DeviceStateOwner & { userPrincipalName: string }, index: number): ManagedDeviceData {
  const random = createRandom(hashString(`${owner.id}/managedDevice/${index}/properties`));
  const enrolled = Date.parse(definition.createdDateTime) - randomInt(random, 1, 400) * 86_400_000;
  const synced = Date.parse(definition.lastModifiedDateTime) + randomInt(random, 60, 60 * 24 * 40) * 60_000;
  const compliance = random() < 0.9 ? 'compliant' : random() < 0.7 ? 'noncompliant' : 'inGracePeriod';
  const windows = definition.kind === 'powerShell';
  const [model, manufacturer] = windows ? pick(random, WINDOWS_MODELS) : [pick(random, MAC_MODELS), 'Apple'];
  const serialNumber = windows ? serial(random, 10) : `C02${serial(random, 9)}`;
  return {
    id: managedDeviceIdOf(owner, index),
    deviceName: windows ? `CT-${serialNumber.slice(0, 8)}` : `${givenName(owner.userPrincipalName)}’s ${model}`,
    operatingSystem: windows ? 'Windows' : 'macOS',
    osVersion: pick(random, windows ? WINDOWS_VERSIONS : MAC_VERSIONS),
    userPrincipalName: owner.userPrincipalName,
    model,
    manufacturer,
    serialNumber,
    complianceState: compliance,
    managementAgent: 'mdm',
    enrolledDateTime: new Date(enrolled).toISOString().replace('.000Z', 'Z'),
    lastSyncDateTime: new Date(synced).toISOString().replace('.000Z', 'Z'),
  };
}
