import { AUDIT_READ_SCOPES } from '../constants.ts';
import { DEVICE_READ_SCOPES } from './auth.ts';
import { SCRIPT_KINDS, type ScriptKindInfo } from './entities.ts';
import type { Handler, ScriptHandler } from './handler.ts';
import { getAuditEvent, listAuditEvents } from './resources/audit-events.ts';
import { getScriptDeviceState, getUserDeviceState, listScriptDeviceStates, listUserDeviceStates } from './resources/device-states.ts';
import { getManagedDevice, listManagedDevices } from './resources/managed-devices.ts';
import { getRunSummary } from './resources/run-summary.ts';
import { getScript, listScripts } from './resources/scripts.ts';
import { createUserState, deleteUserState, getUserState, listUserStates, patchUserState } from './resources/user-states.ts';
import type { RouteDef } from './routing.ts';

/**
 * The routes of one script collection. The three kinds (Windows PowerShell, macOS shell, macOS
 * custom attributes) share every handler; the kind is the handler's second argument.
 */
function scriptRoutes(kind: ScriptKindInfo): RouteDef[] {
  const scripts = `/deviceManagement/${kind.collection}`;
  const script = `${scripts}/{scriptId}`;
  const userStates = `${script}/userRunStates`;
  const userState = `${userStates}/{userStateId}`;
  const of = (handler: ScriptHandler): Handler => (call) => handler(call, kind);
  return [
    { method: 'GET', path: scripts, handler: of(listScripts) },
    { method: 'GET', path: script, handler: of(getScript) },
    { method: 'GET', path: `${script}/runSummary`, handler: of(getRunSummary) },
    { method: 'GET', path: `${script}/deviceRunStates`, handler: of(listScriptDeviceStates) },
    { method: 'GET', path: `${script}/deviceRunStates/{deviceStateId}`, handler: of(getScriptDeviceState) },
    { method: 'GET', path: userStates, handler: of(listUserStates) },
    { method: 'POST', path: userStates, handler: of(createUserState) },
    { method: 'GET', path: userState, handler: of(getUserState) },
    { method: 'PATCH', path: userState, handler: of(patchUserState) },
    { method: 'DELETE', path: userState, handler: of(deleteUserState) },
    { method: 'GET', path: `${userState}/deviceRunStates`, handler: of(listUserDeviceStates) },
    { method: 'GET', path: `${userState}/deviceRunStates/{deviceStateId}`, handler: of(getUserDeviceState) },
  ];
}

const DEVICES = { read: DEVICE_READ_SCOPES, write: [] } as const;
/** Read-only, like the admin center's audit log: no write route exists. */
const AUDIT = { read: AUDIT_READ_SCOPES, write: [] } as const;
const AUDIT_EVENTS = '/deviceManagement/auditEvents';

/**
 * Graph's resource paths under `https://graph.microsoft.com/beta`, as the emulator serves them.
 * A new resource is a module in resources/ and its lines here; the pipeline does the rest.
 * `$batch` is not a resource: the pipeline serves it (see batch.ts).
 */
export const GRAPH_ROUTES: readonly RouteDef[] = [
  ...scriptRoutes(SCRIPT_KINDS.powerShell),
  ...scriptRoutes(SCRIPT_KINDS.shell),
  ...scriptRoutes(SCRIPT_KINDS.customAttribute),
  { method: 'GET', path: '/deviceManagement/managedDevices', handler: listManagedDevices, scopes: DEVICES },
  { method: 'GET', path: '/deviceManagement/managedDevices/{managedDeviceId}', handler: getManagedDevice, scopes: DEVICES },
  { method: 'GET', path: AUDIT_EVENTS, handler: listAuditEvents, scopes: AUDIT },
  { method: 'GET', path: `${AUDIT_EVENTS}/{auditEventId}`, handler: getAuditEvent, scopes: AUDIT },
];
