import type { UserStateData } from '../seed/generate.ts';

/** `auditActor`, as Intune fills it for a delegated (signed-in administrator) call. */
export interface AuditActor {
  type: string;
  auditActorType: string;
  userPermissions: string[];
  applicationId: string;
  applicationDisplayName: string;
  userPrincipalName: string | null;
  servicePrincipalName: string | null;
  ipAddress: string;
  userId: string;
}

/** `auditProperty`: old and new values as strings; null where the value did not exist. */
export interface AuditProperty {
  displayName: string;
  oldValue: string | null;
  newValue: string | null;
}

export interface AuditResource {
  displayName: string;
  type: string;
  auditResourceType: string;
  resourceId: string;
  modifiedProperties: AuditProperty[];
}

/** One stored `auditEvent` (Graph's shape without `@odata.type`). */
export interface AuditEventRecord {
  id: string;
  displayName: string;
  componentName: string;
  actor: AuditActor;
  activity: string;
  activityDateTime: string;
  activityType: string;
  activityOperationType: string;
  activityResult: string;
  correlationId: string;
  category: string;
  resources: AuditResource[];
}

/** Who wrote, under which request: what a write needs to describe itself in the audit log. */
export interface AuditContext {
  eventId: string;
  actor: AuditActor;
  correlationId: string;
  /** ISO date-time of the write. */
  at: string;
}

export type AuditOperation = 'Create' | 'Patch' | 'Delete';

/** Intune's category and component for device management scripts (see ADR 011). */
export const AUDIT_CATEGORY = 'DeviceConfiguration';
export const AUDIT_COMPONENT = 'DeviceConfiguration';
export const USER_STATE_RESOURCE_TYPE = 'DeviceManagementScriptUserState';

const AUDITED_PROPERTIES = ['userPrincipalName', 'successDeviceCount', 'errorDeviceCount'] as const;

function valueOf(state: UserStateData | undefined, name: (typeof AUDITED_PROPERTIES)[number]): string | null {
  return state === undefined ? null : String(state[name]);
}

/**
 * The audit event of one write to a user state. Only properties whose value changed are listed,
 * so a PATCH that changes nothing is logged with no modified properties (Intune logs the
 * operation, not the difference); a creation lists every property from null, a deletion to null.
 */
export function userStateAuditEvent(context: AuditContext, operation: AuditOperation, before: UserStateData | undefined, after: UserStateData | undefined): AuditEventRecord {
  const subject = after ?? before;
  const modifiedProperties: AuditProperty[] = [];
  for (const name of AUDITED_PROPERTIES) {
    const oldValue = valueOf(before, name);
    const newValue = valueOf(after, name);
    if (oldValue !== newValue) modifiedProperties.push({ displayName: name, oldValue, newValue });
  }
  const activity = `${operation} ${USER_STATE_RESOURCE_TYPE}`;
  return {
    id: context.eventId,
    displayName: activity,
    componentName: AUDIT_COMPONENT,
    actor: context.actor,
    activity,
    activityDateTime: context.at,
    activityType: activity,
    activityOperationType: operation,
    activityResult: 'Success',
    correlationId: context.correlationId,
    category: AUDIT_CATEGORY,
    resources: [
      {
        displayName: subject?.userPrincipalName ?? '',
        type: USER_STATE_RESOURCE_TYPE,
        auditResourceType: USER_STATE_RESOURCE_TYPE,
        resourceId: subject?.id ?? '',
        modifiedProperties,
      },
    ],
  };
}

/** Where a page ended: the last event's time and id. */
export interface AuditCursor {
  activityDateTime: string;
  id: string;
}

export interface AuditQuery {
  filter?: (event: AuditEventRecord) => boolean;
  descending: boolean;
  after?: AuditCursor;
  skip: number;
  top: number;
}

export interface AuditPage {
  rows: AuditEventRecord[];
  total: number;
  next?: AuditCursor;
}

function compareEvents(a: AuditCursor, b: AuditCursor): number {
  const ta = Date.parse(a.activityDateTime);
  const tb = Date.parse(b.activityDateTime);
  if (ta !== tb) return ta - tb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The tenant's audit events, kept in time order (then id), so that newest-first is a walk from
 * the end and a page boundary is a (time, id) key that later events never move.
 */
export class AuditLog {
  private events: AuditEventRecord[] = [];
  private readonly byId = new Map<string, AuditEventRecord>();

  clear(): void {
    this.events = [];
    this.byId.clear();
  }

  add(event: AuditEventRecord): void {
    if (this.byId.has(event.id.toLowerCase())) return;
    // Almost always the newest: search from the end.
    let at = this.events.length;
    while (at > 0 && compareEvents(this.events[at - 1] as AuditEventRecord, event) > 0) at -= 1;
    this.events.splice(at, 0, event);
    this.byId.set(event.id.toLowerCase(), event);
  }

  get(id: string): AuditEventRecord | undefined {
    return this.byId.get(id.toLowerCase());
  }

  get size(): number {
    return this.events.length;
  }

  query(query: AuditQuery): AuditPage {
    const ordered = query.descending ? [...this.events].reverse() : this.events;
    const matching = query.filter ? ordered.filter(query.filter) : ordered;
    let start = 0;
    const after = query.after;
    if (after) {
      const beyond = (e: AuditEventRecord): boolean => (query.descending ? compareEvents(e, after) < 0 : compareEvents(e, after) > 0);
      start = matching.findIndex(beyond);
      if (start === -1) start = matching.length;
    }
    start = Math.min(matching.length, start + query.skip);
    const end = Math.min(matching.length, start + query.top);
    const rows = matching.slice(start, end);
    const last = rows[rows.length - 1];
    const result: AuditPage = { rows, total: matching.length };
    if (end < matching.length && last) result.next = { activityDateTime: last.activityDateTime, id: last.id };
    return result;
  }
}
