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
