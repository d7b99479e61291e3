import { ACCOUNTS, MAC_ATTRIBUTE_SCRIPT_ID, MAC_SHELL_SCRIPT_ID, MAC_SHELL_USER_STATES, MAIN_SCRIPT_ID, SCRIPT_IDS_BY_KIND } from '../emulator/constants';
import { expectNoAxeViolations } from './support/axe';
import { expect, openSignedIn, test } from './support/fixtures';
import { editInline, gridRow, userStatesGrid, waitForFullList } from './support/grid';

const shell = 'deviceShellScripts';
const shellStatesPath = `/deviceManagement/${shell}/${MAC_SHELL_SCRIPT_ID}/userRunStates`;
const scriptsTable = 'Device management scripts';
function firstShellState(): (typeof MAC_SHELL_USER_STATES)[number] {
  const [state] = MAC_SHELL_USER_STATES;
  if (state === undefined) throw new Error('seed has no macOS shell user state');
  return state;
}

const allScripts = SCRIPT_IDS_BY_KIND.powerShell.length + SCRIPT_IDS_BY_KIND.shell.length + SCRIPT_IDS_BY_KIND.customAttribute.length;

test('a macOS shell script’s user state is edited inline and in the form, and the PATCH goes to the shell script', async ({ page, emulator }) => {
  const state = firstShellState();
  const graphPath = `/beta/deviceManagement/${shell}/${MAC_SHELL_SCRIPT_ID}/userRunStates/${state.id}`;
  const patchPaths = async () => (await emulator.requests()).filter((entry) => entry.method === 'PATCH').map((entry) => entry.path);

  await openSignedIn(page, shellStatesPath, ACCOUNTS.admin.upn);
  await waitForFullList(page);
  await editInline(page, state.id, 'successDeviceCount', '41');
  await expect(page.getByRole('alert').filter({ hasText: `Saved ${state.userPrincipalName}` })).toBeVisible();
  await expect.poll(async () => (await emulator.userState(MAC_SHELL_SCRIPT_ID, state.id, shell))?.successDeviceCount).toBe(41);
  expect(await patchPaths()).toEqual([graphPath]);

  await gridRow(page, state.id).getByRole('link', { name: 'Open' }).click();
  await expect(page).toHaveURL(`${shellStatesPath}/${state.id}`);
  // The grid may still be on screen while the record page's code loads: its column headers carry the same names.
  const form = page.getByRole('form', { name: 'Edit user state' });
  await expect(form.getByRole('textbox', { name: 'Success device count', exact: true })).toHaveValue('41');
  // The record's devices are read from the shell script too.
  await expect(page.getByRole('table', { name: 'Devices' }).locator('tbody tr').first()).toBeVisible();
  expect((await emulator.requests()).some((entry) => entry.path.startsWith(`${graphPath}/deviceRunStates`))).toBe(true);
  await form.getByRole('textbox', { name: 'Error device count', exact: true }).fill('7');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => (await emulator.userState(MAC_SHELL_SCRIPT_ID, state.id, shell))?.errorDeviceCount).toBe(7);
  expect(await emulator.userState(MAC_SHELL_SCRIPT_ID, state.id, shell)).toMatchObject({
    userPrincipalName: state.userPrincipalName,
    successDeviceCount: 41,
  });
  expect(await patchPaths()).toEqual([graphPath, graphPath]);
  expect(await emulator.patchBodies(state.id)).toEqual([{ successDeviceCount: 41 }, { errorDeviceCount: 7 }]);

  // The breadcrumb leads back to the shell script's grid, which shows the saved values.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Set Dock and Finder defaults' }).click();
  await expect(page).toHaveURL(shellStatesPath);
  await expect(gridRow(page, state.id).locator('[data-field="errorDeviceCount"]')).toHaveText('7');
});

test('the scripts list shows every kind with its platform and type, filters by both, and links to each kind', async ({ page }) => {
  await openSignedIn(page, '/deviceManagement/deviceManagementScripts', ACCOUNTS.admin.upn);
  const table = page.getByRole('table', { name: scriptsTable });
  const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows).toHaveCount(allScripts);
  await expect(table.getByRole('columnheader', { name: 'Platform' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Type' })).toBeVisible();
  await expect(rows.filter({ hasText: 'Map department network drives' })).toContainText(/Windows\s*PowerShell script/);
  await expect(rows.filter({ hasText: 'Set Dock and Finder defaults' })).toContainText(/macOS\s*Shell script/);
  await expect(rows.filter({ hasText: 'Battery cycle count' })).toContainText(/macOS\s*Custom attribute/);

  await page.getByLabel('Platform').selectOption('macOS');
  await expect(page).toHaveURL(/[?&]platform=macOS/);
  await expect(rows).toHaveCount(SCRIPT_IDS_BY_KIND.shell.length + SCRIPT_IDS_BY_KIND.customAttribute.length);
  await expect(rows.filter({ hasText: 'Windows' })).toHaveCount(0);
  await page.getByLabel('Type').selectOption({ label: 'Custom attribute' });
  await expect(rows).toHaveCount(SCRIPT_IDS_BY_KIND.customAttribute.length);
  await expect(rows.filter({ hasText: 'Shell script' })).toHaveCount(0);
  await page.getByLabel('Platform').selectOption({ label: 'All' });
  await page.getByLabel('Type').selectOption({ label: 'PowerShell script' });
  await expect(rows).toHaveCount(SCRIPT_IDS_BY_KIND.powerShell.length);
  await expect(rows.filter({ hasText: 'macOS' })).toHaveCount(0);

  // The filters are in the URL: a reload keeps them.
  await page.reload();
  await expect(page.getByLabel('Type')).toHaveValue('deviceManagementScripts');
  await expect(rows).toHaveCount(SCRIPT_IDS_BY_KIND.powerShell.length);
  await rows.filter({ hasText: 'Map department network drives' }).getByRole('link').click();
  await expect(page).toHaveURL(`/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates`);
  await expect(userStatesGrid(page)).toBeVisible();

  await page.goBack();
  await page.getByLabel('Type').selectOption({ label: 'Custom attribute' });
  await rows.filter({ hasText: 'Battery cycle count' }).getByRole('link').click();
  await expect(page).toHaveURL(`/deviceManagement/deviceCustomAttributeShellScripts/${MAC_ATTRIBUTE_SCRIPT_ID}/userRunStates`);
  await waitForFullList(page);
});

test('a collection that is no script kind is no page', async ({ page }) => {
  await openSignedIn(page, `/deviceManagement/deviceCompliancePolicies/${MAC_SHELL_SCRIPT_ID}/userRunStates`, ACCOUNTS.admin.upn);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the scripts list with its filters passes axe in ${colorScheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openSignedIn(page, '/deviceManagement/deviceManagementScripts?platform=macOS', ACCOUNTS.admin.upn);
    const table = page.getByRole('table', { name: scriptsTable });
    await expect(table.getByRole('row').filter({ has: page.getByRole('cell') })).toHaveCount(
      SCRIPT_IDS_BY_KIND.shell.length + SCRIPT_IDS_BY_KIND.customAttribute.length,
    );
    // Every run summary has arrived: the page is at rest.
    await expect(table.getByText('…', { exact: true })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
}
