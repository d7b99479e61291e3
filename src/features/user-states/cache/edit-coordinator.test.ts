import type { UserState } from '../api/schema';
import { EditCoordinator } from './edit-coordinator';

const row = (id: string, errorDeviceCount = 0): UserState => ({ id, userPrincipalName: `${id}@contoso.com`, successDeviceCount: 0, errorDeviceCount });

describe('EditCoordinator', () => {
  it('lays one ticket’s edits over many rows until the ticket settles', () => {
    const coordinator = new EditCoordinator();
    const ticket = coordinator.begin([
      { scriptKind: 'deviceManagementScripts', scriptId: 's', stateId: 'a', changes: { errorDeviceCount: 5 } },
      { scriptKind: 'deviceManagementScripts', scriptId: 's', stateId: 'b', changes: { errorDeviceCount: 6 } },
    ]);
    expect(coordinator.overlay('deviceManagementScripts', 's', row('a')).errorDeviceCount).toBe(5);
    expect(coordinator.overlay('deviceManagementScripts', 's', row('b')).errorDeviceCount).toBe(6);
    expect(coordinator.overlay('deviceManagementScripts', 'other', row('a')).errorDeviceCount).toBe(0);
    coordinator.settle(ticket);
    expect(coordinator.hasPending()).toBe(false);
    expect(coordinator.overlay('deviceManagementScripts', 's', row('a')).errorDeviceCount).toBe(0);
  });

  it('keeps a log of confirmed edits, and a confirmed row wins over a read sent before it', () => {
    const coordinator = new EditCoordinator();
    const readVersion = coordinator.version();
    coordinator.recordEdit({
      scriptKind: 'deviceManagementScripts',
      scriptId: 's',
      stateId: 'a',
      before: row('a'),
      written: { errorDeviceCount: 3 },
      after: row('a', 3),
      at: 1,
      requestId: 'req-1',
    });
    expect(coordinator.confirmedEdits()).toEqual([
      { scriptKind: 'deviceManagementScripts', scriptId: 's', stateId: 'a', before: row('a'), written: { errorDeviceCount: 3 }, after: row('a', 3), at: 1, requestId: 'req-1' },
    ]);
    expect(coordinator.overlay('deviceManagementScripts', 's', row('a'), readVersion).errorDeviceCount).toBe(3);
    expect(coordinator.overlay('deviceManagementScripts', 's', row('a', 9)).errorDeviceCount).toBe(9);
  });
});
