import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Emulator } from '../../../../emulator/app';
import { ACCOUNTS, MAC_SHELL_PAGED_SCRIPT_ID } from '../../../../emulator/constants';
import { deviceReadScopeName } from '../../../lib/auth/scopes';
import { emulatorGraphClient, renderWithGraph, startEmulatorGraph } from '../../../testing/emulator-graph';
import { deviceStatesPageSize } from '../api/list-script-device-states';
import { DeviceStatusPage } from './device-status-page';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulatorGraph();
});
afterAll(async () => {
  await emulator.close();
});

const path = `/deviceManagement/deviceShellScripts/${MAC_SHELL_PAGED_SCRIPT_ID}/deviceRunStates`;

async function renderView(account: typeof ACCOUNTS.admin | typeof ACCOUNTS.helpdesk, query = '') {
  const graph = await emulatorGraphClient(emulator, account);
  renderWithGraph(<DeviceStatusPage kind="deviceShellScripts" scriptId={MAC_SHELL_PAGED_SCRIPT_ID} />, graph, `${path}${query}`);
  return screen.findByRole('table', { name: 'Device run states' });
}

const statusCells = (table: HTMLElement) => within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell')[2]?.textContent);

describe('Device status of a script', { timeout: 30_000 }, () => {
  it('filters by status from the URL, pages on demand and links each state to its user', async () => {
    const user = userEvent.setup();
    const table = await renderView(ACCOUNTS.admin, '?status=errors');
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveTextContent('With errors');
    let statuses = statusCells(table);
    expect(statuses).toHaveLength(deviceStatesPageSize);
    expect(statuses.every((text) => text === 'Failed' || text === 'Script error')).toBe(true);
    const firstRow = within(table).getAllByRole('row')[1] as HTMLElement;
    const link = within(firstRow).getByRole('link');
    expect(link.getAttribute('href')).toBe(
      `/deviceManagement/deviceShellScripts/${MAC_SHELL_PAGED_SCRIPT_ID}/userRunStates?q=${encodeURIComponent(link.textContent ?? '')}`,
    );
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(statusCells(table)).toHaveLength(2 * deviceStatesPageSize));
    statuses = statusCells(table);
    expect(statuses.every((text) => text === 'Failed' || text === 'Script error')).toBe(true);
  });

  it('lists the states for an account without the device permission and names it', async () => {
    const table = await renderView(ACCOUNTS.helpdesk);
    expect(statusCells(table)).toHaveLength(deviceStatesPageSize);
    expect(screen.getByRole('note')).toHaveTextContent(deviceReadScopeName);
    expect(within(table).queryAllByRole('link')).toHaveLength(0);
  });
});
