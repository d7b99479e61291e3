import { AUDIT_READ_SCOPES } from '../constants.ts';
import { getAuditEvent, listAuditEvents } from './resources/audit-events.ts';
import { getDeviceState, listDeviceStates } from './resources/device-states.ts';
import { getRunSummary } from './resources/run-summary.ts';
import { getScript, listScripts } from './resources/scripts.ts';
import { createUserState, deleteUserState, getUserState, listUserStates, patchUserState } from './resources/user-states.ts';
import type { RouteDef } from './routing.ts';

const SCRIPTS = '/deviceManagement/deviceManagementScripts';
const SCRIPT = `${SCRIPTS}/{scriptId}`;
const USER_STATES = `${SCRIPT}/userRunStates`;
const USER_STATE = `${USER_STATES}/{userStateId}`;
const DEVICE_STATES = `${USER_STATE}/deviceRunStates`;
const AUDIT_EVENTS = '/deviceManagement/auditEvents';

/**
 * Graph's resource paths under `https://graph.microsoft.com/beta`, as the emulator serves them.
 * A new resource is a module in resources/ and its lines here; the pipeline does the rest.
 * `$batch` is not a resource: the pipeline serves it (see batch.ts).
 */
export const GRAPH_ROUTES: readonly RouteDef[] = [
  { method: 'GET', path: SCRIPTS, handler: listScripts },
  { method: 'GET', path: SCRIPT, handler: getScript },
  { method: 'GET', path: `${SCRIPT}/runSummary`, handler: getRunSummary },
  { method: 'GET', path: USER_STATES, handler: listUserStates },
  { method: 'POST', path: USER_STATES, handler: createUserState },
  { method: 'GET', path: USER_STATE, handler: getUserState },
  { method: 'PATCH', path: USER_STATE, handler: patchUserState },
  { method: 'DELETE', path: USER_STATE, handler: deleteUserState },
  { method: 'GET', path: DEVICE_STATES, handler: listDeviceStates },
  { method: 'GET', path: `${DEVICE_STATES}/{deviceStateId}`, handler: getDeviceState },
  { method: 'GET', path: AUDIT_EVENTS, handler: listAuditEvents, scopes: AUDIT_READ_SCOPES },
  { method: 'GET', path: `${AUDIT_EVENTS}/{auditEventId}`, handler: getAuditEvent, scopes: AUDIT_READ_SCOPES },
];
