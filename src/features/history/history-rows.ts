import { editableFields, fieldLabels, type EditableField, type UserState } from '../user-states/api/schema';
import type { AuditActor, AuditEvent } from './api/schema';

/** Shown for a value the log does not have (a creation's old value, a deletion's new one). */
export const missingValue = '—';

/** One modified property, in the app's words. */
export interface HistoryChange {
  /** The property as Graph names it (`errorDeviceCount`). */
  property: string;
  /** The app's label ("Error device count"), or the Graph name for a property the app does not know. */
  label: string;
  oldValue: string;
  newValue: string;
  /** The app's field, or null for a property it does not know. */
  field: EditableField | null;
  /** The values are user principal names: rendered bidi-safe. */
  upn: boolean;
}

export type HistoryActor =
  | { kind: 'user'; userPrincipalName: string }
  | { kind: 'application'; name: string }
  | { kind: 'unknown' };

export interface HistoryRow {
  key: string;
  /** Epoch milliseconds (NaN when the log's date is unreadable). */
  at: number;
  /** ISO date-time as Graph gave it (or as the save was answered). */
  activityDateTime: string;
  actor: HistoryActor;
  /** What was done: Intune's operation (Patch, Create, Delete). */
  operation: string;
  changes: HistoryChange[];
  result: string;
  correlationId: string;
  /** From Intune's log, or a save of this session the log may not have yet. */
  source: 'audit' | 'session';
}

/** A save of this session, as the edit coordinator logs it (ConfirmedEdit has this shape). */
export interface SessionEdit {
  stateId: string;
  before: Pick<UserState, EditableField>;
  after: Pick<UserState, EditableField>;
  at: number;
  requestId: string | null;
  clientRequestId?: string | null;
}

/** `errorDeviceCount`, `ErrorDeviceCount` or `DeviceManagementScriptUserState.ErrorDeviceCount`. */
function knownField(property: string): EditableField | undefined {
  const name = property.slice(property.lastIndexOf('.') + 1).toLowerCase();
  return editableFields.find((field) => field.toLowerCase() === name);
}

function change(property: string, oldValue: string | null, newValue: string | null): HistoryChange {
  const field = knownField(property);
  return {
    property,
    label: field === undefined ? property : fieldLabels[field],
    oldValue: oldValue ?? missingValue,
    newValue: newValue ?? missingValue,
    field: field ?? null,
    upn: field === 'userPrincipalName',
  };
}

/** A signed-in administrator by UPN; an application acting alone by its name, else its id. */
export function historyActor(actor: AuditActor | null): HistoryActor {
  if (actor === null) return { kind: 'unknown' };
  if (actor.userPrincipalName !== '') return { kind: 'user', userPrincipalName: actor.userPrincipalName };
  const name = actor.applicationDisplayName || actor.servicePrincipalName || actor.applicationId;
  return name === '' ? { kind: 'unknown' } : { kind: 'application', name };
}

/** The actor as plain text (the CSV's "actor" column). */
export function actorText(actor: HistoryActor): string {
  if (actor.kind === 'user') return actor.userPrincipalName;
  return actor.kind === 'application' ? actor.name : 'Unknown';
}

/** An audit event's row, with the changes to `resourceId` only. */
export function auditEventRow(event: AuditEvent, resourceId: string): HistoryRow {
  const id = resourceId.toLowerCase();
  const changes = event.resources
    .filter((resource) => resource.resourceId.toLowerCase() === id)
    .flatMap((resource) => resource.modifiedProperties.map((p) => change(p.displayName, p.oldValue, p.newValue)));
  return {
    key: `audit:${event.id}`,
    at: Date.parse(event.activityDateTime),
    activityDateTime: event.activityDateTime,
    actor: historyActor(event.actor),
    operation: event.activityOperationType || event.activityType || event.activity || event.displayName,
    changes,
    result: event.activityResult,
    correlationId: event.correlationId,
    source: 'audit',
  };
}

/** A save of this session by `userPrincipalName` (the signed-in account), as its audit event would read. */
export function sessionEditRow(edit: SessionEdit, userPrincipalName: string, index: number): HistoryRow {
  const changes = editableFields
    .filter((field) => edit.before[field] !== edit.after[field])
    .map((field) => change(field, String(edit.before[field]), String(edit.after[field])));
  return {
    key: `session:${index}:${edit.at}`,
    at: edit.at,
    activityDateTime: new Date(edit.at).toISOString(),
    actor: { kind: 'user', userPrincipalName },
    operation: 'Patch',
    changes,
    result: 'Success',
    correlationId: edit.clientRequestId ?? edit.requestId ?? '',
    source: 'session',
  };
}

/**
 * The record's history, newest first: Intune's events for it, and this session's saves of it that
 * the log does not have yet. A save is the log's event when the event's correlation id is the
 * save's client-request-id (what Graph logs) or its request-id.
 */
export function historyRows(
  events: readonly AuditEvent[],
  sessionEdits: readonly SessionEdit[],
  resourceId: string,
  userPrincipalName: string,
): HistoryRow[] {
  const logged = new Set(events.map((event) => event.correlationId.toLowerCase()).filter((id) => id !== ''));
  const isLogged = (edit: SessionEdit): boolean =>
    [edit.clientRequestId, edit.requestId].some((id) => id !== null && id !== undefined && logged.has(id.toLowerCase()));
  const rows = events.map((event) => auditEventRow(event, resourceId));
  sessionEdits.forEach((edit, index) => {
    if (edit.stateId.toLowerCase() === resourceId.toLowerCase() && !isLogged(edit)) rows.push(sessionEditRow(edit, userPrincipalName, index));
  });
  // Stable: rows of the same instant keep the log's order; an unreadable date goes last.
  const timeOf = (row: HistoryRow): number => (Number.isNaN(row.at) ? Number.NEGATIVE_INFINITY : row.at);
  return rows.sort((a, b) => (timeOf(a) === timeOf(b) ? 0 : timeOf(b) - timeOf(a)));
}

/** The rows that changed `field` (all rows for null). */
export function rowsChanging(rows: readonly HistoryRow[], field: EditableField | null): readonly HistoryRow[] {
  return field === null ? rows : rows.filter((row) => row.changes.some((change) => change.field === field));
}

const relativeFormat = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' });
const relativeSteps: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 60 * 60 * 1000],
  ['month', 30 * 24 * 60 * 60 * 1000],
  ['week', 7 * 24 * 60 * 60 * 1000],
  ['day', 24 * 60 * 60 * 1000],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
];

/** "3 days ago", "2 hours ago", "now": the largest whole unit. */
export function relativeTime(at: number, now: number): string {
  const elapsed = at - now;
  for (const [unit, size] of relativeSteps) {
    if (Math.abs(elapsed) >= size) return relativeFormat.format(Math.trunc(elapsed / size), unit);
  }
  return relativeFormat.format(0, 'second');
}

const localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** The browser's local date and time. */
export function localTime(at: number): string {
  return Number.isNaN(at) ? missingValue : localFormat.format(at);
}
