import type { FieldDef } from './filter.ts';
import type { CollectionSchema } from './odata.ts';
import { deviceStateAt, type DeviceStateData } from '../seed/generate.ts';
import type { AuditEventRecord } from '../store/audit-log.ts';
import type { ScriptRecord, UserStateRecord, UserStateSortField } from '../store/store.ts';
import { USER_STATE_SORT_FIELDS } from '../store/store.ts';

export const USER_STATE_TYPE = '#microsoft.graph.deviceManagementScriptUserState';
export const SCRIPT_TYPE = '#microsoft.graph.deviceManagementScript';
export const DEVICE_STATE_TYPE = '#microsoft.graph.deviceManagementScriptDeviceState';
export const RUN_SUMMARY_TYPE = '#microsoft.graph.deviceManagementScriptRunSummary';
export const AUDIT_EVENT_TYPE = '#microsoft.graph.auditEvent';

type Json = Record<string, unknown>;

const ALL_LIST_OPTIONS = new Set(['select', 'filter', 'orderby', 'top', 'skip', 'count', 'skiptoken'] as const);

export const USER_STATE_SCHEMA: CollectionSchema<UserStateRecord, UserStateSortField> = {
  typeName: 'microsoft.graph.deviceManagementScriptUserState',
  fields: [
    { name: 'id', type: 'string', get: (r) => r.id, filterable: true, sortable: true },
    { name: 'successDeviceCount', type: 'int', get: (r) => r.successDeviceCount, filterable: true, sortable: true },
    { name: 'errorDeviceCount', type: 'int', get: (r) => r.errorDeviceCount, filterable: true, sortable: true },
    { name: 'userPrincipalName', type: 'string', get: (r) => r.userPrincipalName, lower: (r) => r.upnLower, filterable: true, sortable: true },
  ],
  sortable: USER_STATE_SORT_FIELDS,
  allowed: ALL_LIST_OPTIONS,
};

export type ScriptSortField = 'id' | 'displayName' | 'fileName' | 'runAsAccount' | 'createdDateTime' | 'lastModifiedDateTime';

export const SCRIPT_SCHEMA: CollectionSchema<ScriptRecord, ScriptSortField> = {
  typeName: 'microsoft.graph.deviceManagementScript',
  fields: [
    { name: 'id', type: 'string', get: (r) => r.id, filterable: true, sortable: true },
    { name: 'displayName', type: 'string', get: (r) => r.displayName, filterable: true, sortable: true },
    { name: 'description', type: 'string', get: (r) => r.description, filterable: true, sortable: false },
    { name: 'scriptContent', type: 'string', get: (r) => r.scriptContent, filterable: false, sortable: false },
    { name: 'createdDateTime', type: 'datetime', get: (r) => r.createdDateTime, filterable: true, sortable: true },
    { name: 'lastModifiedDateTime', type: 'datetime', get: (r) => r.lastModifiedDateTime, filterable: true, sortable: true },
    { name: 'runAsAccount', type: 'enum', get: (r) => r.runAsAccount, filterable: true, sortable: true },
    { name: 'enforceSignatureCheck', type: 'bool', get: (r) => r.enforceSignatureCheck, filterable: true, sortable: false },
    { name: 'fileName', type: 'string', get: (r) => r.fileName, filterable: true, sortable: true },
    { name: 'roleScopeTagIds', type: 'string', get: () => null, filterable: false, sortable: false },
    { name: 'runAs32Bit', type: 'bool', get: (r) => r.runAs32Bit, filterable: true, sortable: false },
  ],
  sortable: ['id', 'displayName', 'fileName', 'runAsAccount', 'createdDateTime', 'lastModifiedDateTime'],
  allowed: ALL_LIST_OPTIONS,
};

export type DeviceStateSortField = 'id' | 'runState' | 'lastStateUpdateDateTime' | 'errorCode';

export const DEVICE_STATE_SCHEMA: CollectionSchema<DeviceStateData, DeviceStateSortField> = {
  typeName: 'microsoft.graph.deviceManagementScriptDeviceState',
  fields: [
    { name: 'id', type: 'string', get: (r) => r.id, filterable: true, sortable: true },
    { name: 'runState', type: 'enum', get: (r) => r.runState, filterable: true, sortable: true },
    { name: 'resultMessage', type: 'string', get: (r) => r.resultMessage, filterable: true, sortable: false },
    { name: 'lastStateUpdateDateTime', type: 'datetime', get: (r) => r.lastStateUpdateDateTime, filterable: true, sortable: true },
    { name: 'errorCode', type: 'int', get: (r) => r.errorCode, filterable: true, sortable: true },
    { name: 'errorDescription', type: 'string', get: (r) => r.errorDescription, filterable: true, sortable: false },
  ],
  sortable: ['id', 'runState', 'lastStateUpdateDateTime', 'errorCode'],
  allowed: ALL_LIST_OPTIONS,
};

/**
 * Audit events filter on `activityDateTime` and `category`, as the admin center does; the other
 * properties can be selected but not filtered (filtering on `resources` is not documented).
 */
export const AUDIT_EVENT_SCHEMA: CollectionSchema<AuditEventRecord, 'activityDateTime'> = {
  typeName: 'microsoft.graph.auditEvent',
  fields: [
    { name: 'id', type: 'string', get: (r) => r.id, filterable: false, sortable: false },
    { name: 'displayName', type: 'string', get: (r) => r.displayName, filterable: false, sortable: false },
    { name: 'componentName', type: 'string', get: (r) => r.componentName, filterable: false, sortable: false },
    { name: 'actor', type: 'string', get: () => null, filterable: false, sortable: false },
    { name: 'activity', type: 'string', get: (r) => r.activity, filterable: false, sortable: false },
    { name: 'activityDateTime', type: 'datetime', get: (r) => r.activityDateTime, filterable: true, sortable: true },
    { name: 'activityType', type: 'string', get: (r) => r.activityType, filterable: false, sortable: false },
    { name: 'activityOperationType', type: 'string', get: (r) => r.activityOperationType, filterable: false, sortable: false },
    { name: 'activityResult', type: 'string', get: (r) => r.activityResult, filterable: false, sortable: false },
    { name: 'correlationId', type: 'string', get: (r) => r.correlationId, filterable: false, sortable: false },
    { name: 'category', type: 'string', get: (r) => r.category, filterable: true, sortable: false },
    { name: 'resources', type: 'string', get: () => null, filterable: false, sortable: false },
  ],
  sortable: ['activityDateTime'],
  allowed: ALL_LIST_OPTIONS,
};

export function auditEventEntity(event: AuditEventRecord, select?: string[]): Json {
  return project(
    {
      '@odata.type': AUDIT_EVENT_TYPE,
      ...event,
      actor: { '@odata.type': 'microsoft.graph.auditActor', ...event.actor },
      resources: event.resources.map((r) => ({
        '@odata.type': 'microsoft.graph.auditResource',
        ...r,
        modifiedProperties: r.modifiedProperties.map((p) => ({ '@odata.type': 'microsoft.graph.auditProperty', ...p })),
      })),
    },
    select,
  );
}

export const SINGLE_OPTIONS = new Set(['select'] as const);

/** Applies $select: the selected properties, plus id and @odata.type (always present). */
function project(entity: Json, select: string[] | undefined): Json {
  if (!select) return entity;
  const out: Json = { '@odata.type': entity['@odata.type'], id: entity.id };
  for (const name of select) out[name] = entity[name];
  return out;
}

export function userStateEntity(row: UserStateRecord, select?: string[]): Json {
  return project(
    { '@odata.type': USER_STATE_TYPE, id: row.id, successDeviceCount: row.successDeviceCount, errorDeviceCount: row.errorDeviceCount, userPrincipalName: row.userPrincipalName },
    select,
  );
}

export function scriptEntity(script: ScriptRecord, select?: string[]): Json {
  return project(
    {
      '@odata.type': SCRIPT_TYPE,
      id: script.id,
      displayName: script.displayName,
      description: script.description,
      scriptContent: script.scriptContent,
      createdDateTime: script.createdDateTime,
      lastModifiedDateTime: script.lastModifiedDateTime,
      runAsAccount: script.runAsAccount,
      enforceSignatureCheck: script.enforceSignatureCheck,
      fileName: script.fileName,
      roleScopeTagIds: script.roleScopeTagIds,
      runAs32Bit: script.runAs32Bit,
    },
    select,
  );
}

export function deviceStateEntity(state: DeviceStateData, select?: string[]): Json {
  return project({ '@odata.type': DEVICE_STATE_TYPE, ...state }, select);
}

/** The device run states of a user state, derived from its counts (see seed/generate.ts). */
export function deviceStatesOf(row: UserStateRecord, script: ScriptRecord, from = 0, to = Infinity): DeviceStateData[] {
  const total = row.successDeviceCount + row.errorDeviceCount;
  const end = Math.min(total, to);
  const out: DeviceStateData[] = [];
  for (let i = from; i < end; i += 1) out.push(deviceStateAt(row.id, row.successDeviceCount, i, script.lastModifiedDateTime));
  return out;
}

export type { FieldDef };
