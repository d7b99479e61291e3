import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Emulator } from '../../../../emulator/app';
import {
  ACCOUNTS,
  HOSTILE_RESULT_MESSAGES,
  HOSTILE_RESULT_USER_STATE,
  HOSTILE_SCRIPT_ID,
  HOSTILE_USER_STATES,
  KNOWN_USER_STATES,
  MAC_SHELL_SCRIPT_ID,
  MAIN_SCRIPT_ID,
  type SeededAccount,
} from '../../../../emulator/constants';
import { deviceReadScopeName } from '../../../lib/auth/scopes';
import type { ScriptKind } from '../../../lib/script-kinds';
import { emulatorGraphClient, renderWithGraph, startEmulatorGraph } from '../../../testing/emulator-graph';
import { UserStateDevices } from './user-state-devices';

interface RawDeviceState {
  runState: string;
  resultMessage: string | null;
  managedDevice: { deviceName: string };
}

const statusWords: Record<string, string> = {
  success: 'Succeeded',
  fail: 'Failed',
  scriptError: 'Script error',
  pending: 'Pending',
  notApplicable: 'Not applicable',
  unknown: 'Unknown',
};

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulatorGraph();
});
afterAll(async () => {
  await emulator.close();
});

/** What Graph itself answers for a user state's devices, read with the admin's token. */
async function graphDevices(kind: ScriptKind, scriptId: string, stateId: string): Promise<RawDeviceState[]> {
  const client = await emulatorGraphClient(emulator, ACCOUNTS.admin);
  const path = `/deviceManagement/${kind}/${scriptId}/userRunStates/${stateId}/deviceRunStates?$expand=managedDevice($select=deviceName)`;
  const body = await client.get(path, { safeParse: (data) => ({ success: true as const, data: data as { value: RawDeviceState[] } }) });
  return body.value;
}

async function renderDevices(account: SeededAccount, kind: ScriptKind, scriptId: string, stateId: string) {
  const graph = await emulatorGraphClient(emulator, account);
  renderWithGraph(<UserStateDevices kind={kind} scriptId={scriptId} stateId={stateId} />, graph);
  return screen.findByRole('table', { name: 'Devices' });
}

function bodyRows(table: HTMLElement): HTMLElement[] {
  return within(table).getAllByRole('row').slice(1);
}

describe('The devices of a user state', { timeout: 30_000 }, () => {
  it('lists every device name and status that Graph returns for a user state with errors', async () => {
    const state = KNOWN_USER_STATES.withErrors;
    const expected = await graphDevices('deviceManagementScripts', MAIN_SCRIPT_ID, state.id);
    expect(expected.length).toBe(state.successDeviceCount + state.errorDeviceCount);
    const table = await renderDevices(ACCOUNTS.admin, 'deviceManagementScripts', MAIN_SCRIPT_ID, state.id);
    const rows = bodyRows(table);
    expect(rows).toHaveLength(expected.length);
    expected.forEach((device, index) => {
      const cells = within(rows[index] as HTMLElement).getAllByRole('cell');
      expect(cells[0]).toHaveTextContent(device.managedDevice.deviceName);
      expect(cells[1]).toHaveTextContent(statusWords[device.runState] ?? 'missing');
    });
    expect(screen.queryByText(new RegExp(deviceReadScopeName))).toBeNull();
  });

  it.each([
    ['a macOS shell script', 'deviceShellScripts', MAC_SHELL_SCRIPT_ID, [HOSTILE_RESULT_USER_STATE]],
    ['markup in a Windows script', 'deviceManagementScripts', HOSTILE_SCRIPT_ID, HOSTILE_USER_STATES],
  ] as const)('shows a result in full on demand, as text and never as markup (%s)', async (_name, kind, scriptId, candidates) => {
    const user = userEvent.setup();
    // The user state whose devices report one of the hostile outputs (markup where there is one).
    let stateId = '';
    let expected: RawDeviceState[] = [];
    for (const candidate of candidates) {
      expected = await graphDevices(kind, scriptId, candidate.id);
      stateId = candidate.id;
      if (expected.some((device) => device.resultMessage?.includes(kind === 'deviceShellScripts' ? '\n' : '<img'))) break;
    }
    expect(expected.some((device) => HOSTILE_RESULT_MESSAGES.includes(device.resultMessage ?? ''))).toBe(true);
    const table = await renderDevices(ACCOUNTS.admin, kind, scriptId, stateId);
    const rows = bodyRows(table);
    for (const [index, device] of expected.entries()) {
      const row = rows[index] as HTMLElement;
      const show = within(row).queryByRole('button', { name: 'Show result' });
      if (show !== null) await user.click(show);
      const shown = within(row).getAllByRole('cell')[2] as HTMLElement;
      // The first line is hidden once the whole is shown: the cell holds Graph's text exactly.
      expect(shown.textContent?.replace('Hide result', '')).toBe(device.resultMessage || '—');
      if (device.resultMessage?.includes('\n')) expect(within(row).getByRole('button', { name: 'Hide result' })).toBeInTheDocument();
    }
    expect(table.querySelector('img, script, svg, iframe')).toBeNull();
  });

  it('still lists the states without the device permission and names it', async () => {
    const state = KNOWN_USER_STATES.withErrors;
    const expected = await graphDevices('deviceManagementScripts', MAIN_SCRIPT_ID, state.id);
    const table = await renderDevices(ACCOUNTS.helpdesk, 'deviceManagementScripts', MAIN_SCRIPT_ID, state.id);
    const rows = bodyRows(table);
    expect(rows).toHaveLength(expected.length);
    expected.forEach((device, index) => {
      expect(within(rows[index] as HTMLElement).getAllByRole('cell')[1]).toHaveTextContent(statusWords[device.runState] ?? 'missing');
    });
    expect(screen.getByRole('note')).toHaveTextContent(deviceReadScopeName);
    expect(table).not.toHaveTextContent(expected[0]?.managedDevice.deviceName ?? 'missing');
  });
});
