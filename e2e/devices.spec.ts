import { ACCOUNTS, MEDIUM_SCRIPT_ID } from '../emulator/constants';
import { expectNoAxeViolations } from './support/axe';
import { expect, openSignedIn, test } from './support/fixtures';

const deviceStatesPath = (scriptId: string) => `/deviceManagement/deviceManagementScripts/${scriptId}/deviceRunStates`;
const devicePermission = 'DeviceManagementManagedDevices.Read.All';

test('the device status view filters by status in the URL and leads to a user', async ({ page }) => {
  await openSignedIn(page, deviceStatesPath(MEDIUM_SCRIPT_ID), ACCOUNTS.admin.upn);
  const table = page.getByRole('table', { name: 'Device run states' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('note')).toHaveCount(0);

  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'With errors' }).click();
  await expect(page).toHaveURL(/\?status=errors$/);
  const statuses = table.locator('tbody tr td:nth-child(3)');
  await expect(statuses.first()).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'device states shown' })).toBeVisible();
  for (const status of await statuses.allTextContents()) expect(['Failed', 'Script error']).toContain(status);

  const user = table.getByRole('row').nth(1).getByRole('link');
  const upn = (await user.textContent()) ?? '';
  expect(upn).toMatch(/@contoso\.onmicrosoft\.com$/);
  await user.click();
  await expect(page).toHaveURL((url) => url.pathname.endsWith('/userRunStates') && url.searchParams.get('q') === upn);
  const grid = page.getByRole('grid', { name: 'User run states' });
  await expect(grid.getByRole('gridcell', { name: upn, exact: true })).toBeVisible();
});

test('the run summary leads to the script\'s device status, and its breadcrumb leads back', async ({ page }) => {
  await openSignedIn(page, `/deviceManagement/deviceManagementScripts/${MEDIUM_SCRIPT_ID}/userRunStates`, ACCOUNTS.admin.upn);
  const userStatesBreadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
  const scriptName = (await userStatesBreadcrumb.getByRole('listitem').nth(1).textContent()) ?? '';
  await page.getByRole('region', { name: 'Run summary' }).getByRole('link', { name: 'Device status' }).click();
  await expect(page).toHaveURL((url) => url.pathname === deviceStatesPath(MEDIUM_SCRIPT_ID));
  await expect(page.getByRole('table', { name: 'Device run states' }).getByRole('row').nth(1)).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`device status`));
  const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(breadcrumb).toHaveText(`Scripts/${scriptName}/Device status`);
  await breadcrumb.getByRole('link', { name: scriptName, exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname.endsWith(`${MEDIUM_SCRIPT_ID}/userRunStates`));
  await expect(page.getByRole('grid', { name: 'User run states' })).toBeVisible();
});

test('without the device permission the view still lists the states and names the permission', async ({ page }) => {
  await openSignedIn(page, `${deviceStatesPath(MEDIUM_SCRIPT_ID)}?status=errors`, ACCOUNTS.helpdesk.upn);
  const table = page.getByRole('table', { name: 'Device run states' });
  await expect(table.getByRole('row').nth(1)).toContainText(/Failed|Script error/);
  await expect(page.getByRole('note')).toContainText(devicePermission);
  await expect(table.getByRole('link')).toHaveCount(0);
});

test('the device status view passes axe in light mode', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openSignedIn(page, deviceStatesPath(MEDIUM_SCRIPT_ID), ACCOUNTS.admin.upn);
  const table = page.getByRole('table', { name: 'Device run states' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await table.getByRole('button', { name: 'Show result' }).first().click();
  await expectNoAxeViolations(page);
});

const statusWords: Record<string, string> = {
  success: 'Succeeded',
  fail: 'Failed',
  scriptError: 'Script error',
  pending: 'Pending',
  notApplicable: 'Not applicable',
  unknown: 'Unknown',
};

/** The first seeded user state that fits; the seed guarantees one, and a test without it means nothing. */
function seededState<State>(states: readonly State[], fits: (state: State) => boolean): State {
  const found = states.find(fits);
  if (found === undefined) throw new Error('The seed has no user state for this test.');
  return found;
}

interface GraphDeviceState {
  runState: string;
  managedDevice?: { deviceName?: string; operatingSystem?: string; osVersion?: string } | null;
}

test('a record with errors lists every device and status Graph returns for it', async ({ page, emulator }) => {
  const withErrors = seededState(await emulator.userStates(MEDIUM_SCRIPT_ID), (state) => state.errorDeviceCount > 1);
  const answer = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith(`/userRunStates/${withErrors.id}/deviceRunStates`) && response.ok());
  await openSignedIn(page, `/deviceManagement/deviceManagementScripts/${MEDIUM_SCRIPT_ID}/userRunStates/${withErrors.id}`, ACCOUNTS.admin.upn);
  const graphStates = ((await (await answer).json()) as { value: GraphDeviceState[] }).value;
  expect(graphStates.length).toBeGreaterThan(1);

  const table = page.getByRole('table', { name: 'Devices' });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(graphStates.length);
  const shown = await rows.evaluateAll((trs) => trs.map((tr) => [tr.children[0]?.textContent ?? '', tr.children[1]?.textContent ?? '']));
  // The device cell shows the name with the OS and its version under it.
  const deviceText = (device: GraphDeviceState['managedDevice']) => `${device?.deviceName ?? ''}${device?.operatingSystem ?? ''} ${device?.osVersion ?? ''}`;
  const expected = graphStates.map((state) => [deviceText(state.managedDevice), statusWords[state.runState] ?? state.runState]);
  expect(shown.sort()).toEqual(expected.sort());
  expect(shown.filter(([, status]) => status === 'Failed' || status === 'Script error').length).toBeGreaterThan(0);
  await expect(page.getByRole('note')).toHaveCount(0);
});

test('a record whose devices Graph throttles says why it is still loading, then lists them', async ({ page, emulator }) => {
  const withDevices = seededState(await emulator.userStates(MEDIUM_SCRIPT_ID), (state) => state.errorDeviceCount > 0);
  await emulator.setFaults([{ method: 'GET', path: `/userRunStates/${withDevices.id}/deviceRunStates`, status: 429, retryAfter: 3, times: 1 }]);
  await openSignedIn(page, `/deviceManagement/deviceManagementScripts/${MEDIUM_SCRIPT_ID}/userRunStates/${withDevices.id}`, ACCOUNTS.admin.upn);
  const waiting = page.getByRole('status').filter({ hasText: /^Loading is held up: Graph is throttling; retrying in \d s \(attempt 2\)$/ });
  await expect(waiting).toBeVisible();
  await expect(page.getByRole('table', { name: 'Devices' }).locator('tbody tr').first()).toBeVisible();
  await expect(waiting).toHaveCount(0);
  const compliance = await emulator.retryCompliance();
  expect(compliance.summary).toMatchObject({ retried: 1, violations: 0 });
});

test('a record page with its devices passes axe in dark mode', async ({ page, emulator }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const withErrors = seededState(await emulator.userStates(MEDIUM_SCRIPT_ID), (state) => state.errorDeviceCount > 0);
  await openSignedIn(page, `/deviceManagement/deviceManagementScripts/${MEDIUM_SCRIPT_ID}/userRunStates/${withErrors.id}`, ACCOUNTS.admin.upn);
  const table = page.getByRole('table', { name: 'Devices' });
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the device status view passes axe in dark mode', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openSignedIn(page, deviceStatesPath(MEDIUM_SCRIPT_ID), ACCOUNTS.admin.upn);
  const table = page.getByRole('table', { name: 'Device run states' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await table.getByRole('button', { name: 'Show result' }).first().click();
  await expectNoAxeViolations(page);
});
