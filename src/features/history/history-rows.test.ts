import { describe, expect, it } from 'vitest';
import { auditEventSchema, type AuditEvent } from './api/schema';
import { historyActor, historyRows, localTime, relativeTime, rowsChanging, type SessionEdit } from './history-rows';

const stateId = '1b7c4e7e-0000-4000-8000-000000000001';
const admin = 'admin@contoso.onmicrosoft.com';

/** An event as Graph sends it, read through the app's schema. */
function event(overrides: Record<string, unknown> = {}, properties: unknown[] = []): AuditEvent {
  return auditEventSchema.parse({
    id: 'e1',
    displayName: 'Patch DeviceManagementScriptUserState',
    activityDateTime: '2026-11-30T09:00:00Z',
    activityOperationType: 'Patch',
    activityResult: 'Success',
    correlationId: 'c-1',
    category: 'DeviceConfiguration',
    actor: { type: 'ItPro', userPrincipalName: 'megan@contoso.onmicrosoft.com', applicationId: 'app-id', applicationDisplayName: 'Intune portal' },
    resources: [{ displayName: 'user@contoso.com', type: 'DeviceManagementScriptUserState', resourceId: stateId, modifiedProperties: properties }],
    ...overrides,
  });
}

const row = { id: stateId, userPrincipalName: 'user@contoso.com', successDeviceCount: 3, errorDeviceCount: 1 };

describe('history rows', () => {
  it('names each modified property by the app’s label, old → new, and keeps unknown ones by their Graph name', () => {
    const [only] = historyRows(
      [event({}, [
        { displayName: 'errorDeviceCount', oldValue: '1', newValue: '4' },
        { displayName: 'DeviceManagementScriptUserState.SuccessDeviceCount', oldValue: '2', newValue: '3' },
        { displayName: 'userPrincipalName', oldValue: 'old@contoso.com', newValue: 'new@contoso.com' },
        { displayName: 'lastStateUpdateDateTime', oldValue: 'a', newValue: 'b' },
      ])],
      [],
      stateId,
      admin,
    );
    expect(only?.changes.map(({ label, oldValue, newValue, upn }) => [label, oldValue, newValue, upn])).toEqual([
      ['Error device count', '1', '4', false],
      ['Success device count', '2', '3', false],
      ['User principal name', 'old@contoso.com', 'new@contoso.com', true],
      ['lastStateUpdateDateTime', 'a', 'b', false],
    ]);
    expect(only).toMatchObject({ actor: { kind: 'user', userPrincipalName: 'megan@contoso.onmicrosoft.com' }, operation: 'Patch', result: 'Success', correlationId: 'c-1', source: 'audit' });
  });

  it('shows a missing old or new value as a dash', () => {
    const [created] = historyRows(
      [event({ activityOperationType: 'Create' }, [
        { displayName: 'errorDeviceCount', oldValue: null, newValue: '2' },
        { displayName: 'successDeviceCount', newValue: '0' },
        { displayName: 'userPrincipalName', oldValue: 'gone@contoso.com', newValue: null },
      ])],
      [],
      stateId,
      admin,
    );
    expect(created?.changes.map(({ oldValue, newValue }) => [oldValue, newValue])).toEqual([
      ['—', '2'],
      ['—', '0'],
      ['gone@contoso.com', '—'],
    ]);
  });

  it('names an application actor by its display name, else its id; no actor reads as unknown', () => {
    expect(historyActor({ type: 'Application', userPrincipalName: '', userId: '', applicationId: 'a-id', applicationDisplayName: 'Sync job', servicePrincipalName: '' })).toEqual({ kind: 'application', name: 'Sync job' });
    const [byId] = historyRows([event({ actor: { type: 'Application', userPrincipalName: null, applicationId: 'f1e2d3c4' } })], [], stateId, admin);
    expect(byId?.actor).toEqual({ kind: 'application', name: 'f1e2d3c4' });
    const [nobody] = historyRows([event({ actor: null })], [], stateId, admin);
    expect(nobody?.actor).toEqual({ kind: 'unknown' });
  });

  it('keeps only the changes of this record from an event that touched several', () => {
    const [mixed] = historyRows(
      [event({
        resources: [
          { resourceId: 'someone-else', modifiedProperties: [{ displayName: 'errorDeviceCount', oldValue: '9', newValue: '8' }] },
          { resourceId: stateId.toUpperCase(), modifiedProperties: [{ displayName: 'errorDeviceCount', oldValue: '1', newValue: '2' }] },
        ],
      })],
      [],
      stateId,
      admin,
    );
    expect(mixed?.changes.map((c) => [c.oldValue, c.newValue])).toEqual([['1', '2']]);
  });

  it('adds this session’s saves the log lacks, as the signed-in account, newest first, and drops those it has', () => {
    const save = (at: number, errorDeviceCount: number, ids: Partial<SessionEdit>): SessionEdit => ({
      stateId,
      before: row,
      after: { ...row, errorDeviceCount },
      at,
      requestId: null,
      ...ids,
    });
    const logged = save(Date.parse('2026-12-01T10:00:00Z'), 5, { clientRequestId: 'C-LOGGED', requestId: 'r-1' });
    const byRequestId = save(Date.parse('2026-12-01T10:30:00Z'), 6, { requestId: 'r-2' });
    const fresh = save(Date.parse('2026-12-01T11:00:00Z'), 7, { clientRequestId: 'c-fresh', requestId: 'r-3' });
    const otherRecord = { ...save(Date.parse('2026-12-01T12:00:00Z'), 8, {}), stateId: 'another' };
    const events = [event({ id: 'e2', correlationId: 'c-logged', activityDateTime: '2026-12-01T10:00:01Z' }), event({ id: 'e3', correlationId: 'r-2', activityDateTime: '2026-12-01T10:30:01Z' }), event()];
    const rows = historyRows(events, [logged, byRequestId, fresh, otherRecord], stateId, admin);
    expect(rows.map((r) => [r.source, r.correlationId])).toEqual([
      ['session', 'c-fresh'],
      ['audit', 'r-2'],
      ['audit', 'c-logged'],
      ['audit', 'c-1'],
    ]);
    expect(rows[0]).toMatchObject({ actor: { kind: 'user', userPrincipalName: admin }, result: 'Success' });
    expect(rows[0]?.changes.map(({ label, oldValue, newValue }) => [label, oldValue, newValue])).toEqual([['Error device count', '1', '7']]);
  });

  it('says when in local time and relative to now', () => {
    const now = Date.parse('2026-12-02T12:00:00Z');
    expect(relativeTime(now - 3 * 24 * 60 * 60 * 1000 - 5000, now)).toBe('3 days ago');
    expect(relativeTime(now - 2 * 60 * 60 * 1000, now)).toBe('2 hours ago');
    expect(relativeTime(now - 61 * 24 * 60 * 60 * 1000, now)).toBe('2 months ago');
    expect(relativeTime(now - 10_000, now)).toBe('now');
    expect(localTime(now)).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }).format(now));
    expect(localTime(Number.NaN)).toBe('—');
  });

  it('lists only the rows that changed the chosen field', () => {
    const rows = historyRows(
      [
        event({ id: 'a', correlationId: 'errors' }, [{ displayName: 'errorDeviceCount', oldValue: '1', newValue: '2' }]),
        event({ id: 'b', correlationId: 'both' }, [
          { displayName: 'ErrorDeviceCount', oldValue: '2', newValue: '3' },
          { displayName: 'successDeviceCount', oldValue: '0', newValue: '1' },
        ]),
        event({ id: 'c', correlationId: 'none' }),
      ],
      [],
      stateId,
      admin,
    );
    expect(rowsChanging(rows, null).map((r) => r.correlationId)).toEqual(['errors', 'both', 'none']);
    expect(rowsChanging(rows, 'errorDeviceCount').map((r) => r.correlationId)).toEqual(['errors', 'both']);
    expect(rowsChanging(rows, 'successDeviceCount').map((r) => r.correlationId)).toEqual(['both']);
    expect(rowsChanging(rows, 'userPrincipalName')).toEqual([]);
  });
});
