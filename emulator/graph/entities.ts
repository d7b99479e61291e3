import type { FieldDef } from './filter.ts';
import type { CollectionSchema } from './odata.ts';
import type { ScriptKind } from '../seed/catalog.ts';
import type { ManagedDeviceData } from '../seed/devices.ts';
import { deviceStateAt, deviceStateCount, runStateAt, type DeviceRunState, type DeviceStateData } from '../seed/generate.ts';
import type { AuditEventRecord } from '../store/audit-log.ts';
import type { ScriptRecord, UserStateRecord, UserStateSortField } from '../store/store.ts';
import { USER_STATE_SORT_FIELDS } from '../store/store.ts';

export const USER_STATE_TYPE = '#microsoft.graph.deviceManagementScriptUserState';
export const DEVICE_STATE_TYPE = '#microsoft.graph.deviceManagementScriptDeviceState';
export const RUN_SUMMARY_TYPE = '#microsoft.graph.deviceManagementScriptRunSummary';
export const MANAGED_DEVICE_TYPE = '#microsoft.graph.managedDevice';
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

const COMMON_SCRIPT_FIELDS: readonly FieldDef<ScriptRecord>[] = [
  { name: 'id', type: 'string', get: (r) => r.id, filterable: true, sortable: true },
  { name: 'displayName', type: 'string', get: (r) => r.displayName, filterable: true, sortable: true },
  { name: 'description', type: 'string', get: (r) => r.description, filterable: true, sortable: false },
  { name: 'scriptContent', type: 'string', get: (r) => r.scriptContent, filterable: false, sortable: false },
  { name: 'createdDateTime', type: 'datetime', get: (r) => r.createdDateTime, filterable: true, sortable: true },
  { name: 'lastModifiedDateTime', type: 'datetime', get: (r) => r.lastModifiedDateTime, filterable: true, sortable: true },
  { name: 'runAsAccount', type: 'enum', get: (r) => r.runAsAccount, filterable: true, sortable: true },
  { name: 'fileName', type: 'string', get: (r) => r.fileName, filterable: true, sortable: true },
  { name: 'roleScopeTagIds', type: 'string', get: () => null, filterable: false, sortable: false },
];

/** The properties only one kind has, in Graph's order for that type. */
const KIND_FIELDS: Record<ScriptKind, readonly FieldDef<ScriptRecord>[]> = {
  powerShell: [
    { name: 'enforceSignatureCheck', type: 'bool', get: (r) => (r.kind === 'powerShell' ? r.enforceSignatureCheck : null), filterable: true, sortable: false },
    { name: 'runAs32Bit', type: 'bool', get: (r) => (r.kind === 'powerShell' ? r.runAs32Bit : null), filterable: true, sortable: false },
  ],
  shell: [
    { name: 'executionFrequency', type: 'string', get: (r) => (r.kind === 'shell' ? r.executionFrequency : null), filterable: false, sortable: false },
    { name: 'retryCount', type: 'int', get: (r) => (r.kind === 'shell' ? r.retryCount : null), filterable: true, sortable: false },
    { name: 'blockExecutionNotifications', type: 'bool', get: (r) => (r.kind === 'shell' ? r.blockExecutionNotifications : null), filterable: true, sortable: false },
  ],
  customAttribute: [
    { name: 'customAttributeName', type: 'string', get: (r) => (r.kind === 'customAttribute' ? r.customAttributeName : null), filterable: true, sortable: false },
    { name: 'customAttributeType', type: 'enum', get: (r) => (r.kind === 'customAttribute' ? r.customAttributeType : null), filterable: true, sortable: false },
  ],
};

/**
 * One script collection of Graph: its path segment, entity type and query schema. The handler
 * modules take one of these, so the three kinds share every handler.
 */
export interface ScriptKindInfo {
  kind: ScriptKind;
  /** The collection under /deviceManagement. */
  collection: 'deviceManagementScripts' | 'deviceShellScripts' | 'deviceCustomAttributeShellScripts';
  entityType: 'deviceManagementScript' | 'deviceShellScript' | 'deviceCustomAttributeShellScript';
  schema: CollectionSchema<ScriptRecord, ScriptSortField>;
}

function kindInfo(kind: ScriptKind, collection: ScriptKindInfo['collection'], entityType: ScriptKindInfo['entityType']): ScriptKindInfo {
  return {
    kind,
    collection,
    entityType,
    schema: {
      typeName: `microsoft.graph.${entityType}`,
      fields: [...COMMON_SCRIPT_FIELDS, ...KIND_FIELDS[kind]],
      sortable: ['id', 'displayName', 'fileName', 'runAsAccount', 'createdDateTime', 'lastModifiedDateTime'],
      allowed: ALL_LIST_OPTIONS,
    },
  };
}

export const SCRIPT_KINDS: Record<ScriptKind, ScriptKindInfo> = {
  powerShell: kindInfo('powerShell', 'deviceManagementScripts', 'deviceManagementScript'),
  shell: kindInfo('shell', 'deviceShellScripts', 'deviceShellScript'),
  customAttribute: kindInfo('customAttribute', 'deviceCustomAttributeShellScripts', 'deviceCustomAttributeShellScript'),
};

/** The Windows PowerShell schema, for the options that apply to no script property (runSummary). */
export const SCRIPT_SCHEMA = SCRIPT_KINDS.powerShell.schema;

export type DeviceStateSortField = 'id' | 'runState' | 'lastStateUpdateDateTime' | 'errorCode';

/**
 * A derived device state with what it was derived from, so that its managed device can be
 * derived too. The state itself is built on first use: filtering on `runState` never builds it.
 */
export class DeviceStateRow {
  readonly script: ScriptRecord;
  readonly owner: UserStateRecord;
  readonly index: number;
  private data: DeviceStateData | undefined;

  constructor(script: ScriptRecord, owner: UserStateRecord, index: number) {
    this.script = script;
    this.owner = owner;
    this.index = index;
  }

  get runState(): DeviceRunState {
    return this.data ? this.data.runState : runStateAt(this.owner, this.index, this.script);
  }

  get state(): DeviceStateData {
    this.data ??= deviceStateAt(this.owner, this.index, this.script);
    return this.data;
  }
}

export const DEVICE_STATE_SCHEMA: CollectionSchema<DeviceStateRow, DeviceStateSortField> = {
  typeName: 'microsoft.graph.deviceManagementScriptDeviceState',
  fields: [
    { name: 'id', type: 'string', get: (r) => r.state.id, filterable: true, sortable: true },
    { name: 'runState', type: 'enum', get: (r) => r.runState, filterable: true, sortable: true },
    { name: 'resultMessage', type: 'string', get: (r) => r.state.resultMessage, filterable: true, sortable: false },
    { name: 'lastStateUpdateDateTime', type: 'datetime', get: (r) => r.state.lastStateUpdateDateTime, filterable: true, sortable: true },
    { name: 'errorCode', type: 'int', get: (r) => r.state.errorCode, filterable: true, sortable: true },
    { name: 'errorDescription', type: 'string', get: (r) => r.state.errorDescription, filterable: true, sortable: false },
  ],
  sortable: ['id', 'runState', 'lastStateUpdateDateTime', 'errorCode'],
  allowed: new Set([...ALL_LIST_OPTIONS, 'expand'] as const),
};

export type ManagedDeviceSortField = never;

/** managedDevices pages by position only: $filter and $orderby are not served (see the README). */
export const MANAGED_DEVICE_SCHEMA: CollectionSchema<ManagedDeviceData, ManagedDeviceSortField> = {
  typeName: 'microsoft.graph.managedDevice',
  fields: [
    { name: 'id', type: 'string', get: (r) => r.id, filterable: false, sortable: false },
    { name: 'deviceName', type: 'string', get: (r) => r.deviceName, filterable: false, sortable: false },
    { name: 'operatingSystem', type: 'string', get: (r) => r.operatingSystem, filterable: false, sortable: false },
    { name: 'osVersion', type: 'string', get: (r) => r.osVersion, filterable: false, sortable: false },
    { name: 'userPrincipalName', type: 'string', get: (r) => r.userPrincipalName, filterable: false, sortable: false },
    { name: 'model', type: 'string', get: (r) => r.model, filterable: false, sortable: false },
    { name: 'manufacturer', type: 'string', get: (r) => r.manufacturer, filterable: false, sortable: false },
    { name: 'serialNumber', type: 'string', get: (r) => r.serialNumber, filterable: false, sortable: false },
    { name: 'complianceState', type: 'enum', get: (r) => r.complianceState, filterable: false, sortable: false },
    { name: 'managementAgent', type: 'enum', get: (r) => r.managementAgent, filterable: false, sortable: false },
    { name: 'enrolledDateTime', type: 'datetime', get: (r) => r.enrolledDateTime, filterable: false, sortable: false },
    { name: 'lastSyncDateTime', type: 'datetime', get: (r) => r.lastSyncDateTime, filterable: false, sortable: false },
  ],
  sortable: [],
  allowed: new Set(['select', 'top', 'skip', 'count', 'skiptoken'] as const),
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

/** A script as its kind's type: the common properties, then the kind's own. */
export function scriptEntity(script: ScriptRecord, select?: string[]): Json {
  const info = SCRIPT_KINDS[script.kind];
  const entity: Json = { '@odata.type': `#${info.schema.typeName}` };
  for (const field of info.schema.fields) entity[field.name] = field.name === 'roleScopeTagIds' ? script.roleScopeTagIds : field.get(script);
  return project(entity, select);
}

export function managedDeviceEntity(device: ManagedDeviceData, select?: string[]): Json {
  return project({ '@odata.type': MANAGED_DEVICE_TYPE, ...device }, select);
}

/** A device state; `managedDevice` is added by the caller when expanded. */
export function deviceStateEntity(row: DeviceStateRow, select?: string[]): Json {
  return project({ '@odata.type': DEVICE_STATE_TYPE, ...row.state }, select);
}

/** The device run states of a user state, derived from its counts (see seed/generate.ts). */
export function deviceStatesOf(owner: UserStateRecord, script: ScriptRecord, from = 0, to = Infinity): DeviceStateRow[] {
  const end = Math.min(deviceStateCount(script, owner), to);
  const out: DeviceStateRow[] = [];
  for (let i = from; i < end; i += 1) out.push(new DeviceStateRow(script, owner, i));
  return out;
}

export type { FieldDef };
