import type { UserState } from '../api/schema';
import { confirmedLogLimit, EditCoordinator, type ConfirmedEdit } from '../cache/edit-coordinator';
import { sessionChangeLog } from './change-log-store';

const key = 'intune-states.change-log';
const row = (errorDeviceCount: number): UserState => ({ id: 'a', userPrincipalName: 'a@contoso.com', successDeviceCount: 1, errorDeviceCount });

function edit(at: number, changeId = `change-${at}`): ConfirmedEdit {
  return { scriptKind: 'deviceManagementScripts', scriptId: 's', stateId: 'a', before: row(0), written: { errorDeviceCount: at }, after: row(at), at, requestId: `req-${at}`, changeId };
}

describe('the session change log', () => {
  it('keeps the coordinator’s confirmed edits across a new coordinator (a reload), versioned', () => {
    const first = new EditCoordinator();
    first.keepLogIn(sessionChangeLog);
    first.recordEdit(edit(1));
    first.recordEdit({ ...edit(2), undoes: 'change-1' });
    expect(JSON.parse(sessionStorage.getItem(key) ?? 'null')).toMatchObject({ version: 1, edits: [{ at: 1 }, { at: 2, undoes: 'change-1' }] });

    const reloaded = new EditCoordinator();
    expect(reloaded.confirmedEdits()).toEqual([]);
    reloaded.keepLogIn(sessionChangeLog);
    expect(reloaded.confirmedEdits()).toEqual([edit(1), { ...edit(2), undoes: 'change-1' }]);
    // Attaching again reads nothing twice.
    reloaded.keepLogIn(sessionChangeLog);
    expect(reloaded.confirmedEdits()).toHaveLength(2);
  });

  it('reads a log of another version, or one that fails the schema, as empty', () => {
    sessionStorage.setItem(key, JSON.stringify({ version: 2, edits: [edit(1)] }));
    expect(sessionChangeLog.read()).toEqual([]);
    sessionStorage.setItem(key, JSON.stringify({ version: 1, edits: [{ ...edit(1), after: { id: 'a' } }] }));
    expect(sessionChangeLog.read()).toEqual([]);
    sessionStorage.setItem(key, '{not json');
    expect(sessionChangeLog.read()).toEqual([]);
  });

  it('keeps at most the newest edits up to the limit', () => {
    sessionChangeLog.write(Array.from({ length: confirmedLogLimit + 5 }, (_, index) => edit(index + 1)));
    const stored = sessionChangeLog.read();
    expect(stored).toHaveLength(confirmedLogLimit);
    expect(stored[0]?.at).toBe(6);
    const coordinator = new EditCoordinator();
    coordinator.keepLogIn(sessionChangeLog);
    coordinator.recordEdit(edit(confirmedLogLimit + 6));
    expect(coordinator.confirmedEdits()).toHaveLength(confirmedLogLimit);
    expect(sessionChangeLog.read()[0]?.at).toBe(7);
  });

  it('drops the older half while storage is full, and keeps the newest', () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, name: string, value: string) {
      if (value.length > 2000) throw new DOMException('full', 'QuotaExceededError');
      Object.defineProperty(this, name, { value, configurable: true, enumerable: true, writable: true });
    });
    try {
      sessionChangeLog.write(Array.from({ length: 16 }, (_, index) => edit(index + 1)));
    } finally {
      setItem.mockRestore();
    }
    const stored = sessionChangeLog.read();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(16);
    expect(stored.at(-1)?.at).toBe(16);
  });
});
