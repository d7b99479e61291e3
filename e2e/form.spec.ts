import { ACCOUNTS, KNOWN_USER_STATES, MAIN_SCRIPT_ID } from '../emulator/constants';
import { expect, openSignedIn, recordGraphCalls, test, userStatePath, userStatesPath } from './support/fixtures';
import { appOrigin } from './support/origins';

test('the form edits one user state, sends only the dirty field, and the grid agrees without a list refetch', async ({ page, emulator }) => {
  const state = KNOWN_USER_STATES.first;
  await openSignedIn(page, userStatesPath(MAIN_SCRIPT_ID), ACCOUNTS.admin.upn);
  const grid = page.getByRole('grid', { name: 'User run states' });
  const row = grid.locator(`[role="row"][data-id="${state.id}"]`);
  await row.getByRole('link', { name: 'Open' }).click();
  await expect(page).toHaveURL(userStatePath(MAIN_SCRIPT_ID, state.id));

  const calls = recordGraphCalls(page);
  await expect(page.getByLabel('Id')).toHaveValue(state.id);
  await expect(page.getByLabel('Id')).toHaveAttribute('readonly', '');
  const save = page.getByRole('button', { name: 'Save' });
  await expect(save).toBeDisabled();
  await page.getByLabel('Error device count').fill('9');
  await expect(save).toBeEnabled();
  await save.click();

  await expect.poll(async () => (await emulator.userState(MAIN_SCRIPT_ID, state.id))?.errorDeviceCount).toBe(9);
  expect(await emulator.userState(MAIN_SCRIPT_ID, state.id)).toMatchObject({
    userPrincipalName: state.userPrincipalName,
    successDeviceCount: state.successDeviceCount,
  });
  expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(1);
  expect(await emulator.patchBodies(state.id)).toEqual([{ errorDeviceCount: 9 }]);
  await expect(save).toBeDisabled();

  await page.goBack();
  await expect(row.locator('[data-field="errorDeviceCount"]')).toHaveText('9');
  const listReads = calls.filter((call) => call.method === 'GET' && call.url.pathname.endsWith('/userRunStates'));
  expect(listReads).toHaveLength(0);
});

test('bad input shows what is wrong next to the field, keeps Save disabled and sends nothing', async ({ page, emulator }) => {
  const state = KNOWN_USER_STATES.second;
  await openSignedIn(page, userStatePath(MAIN_SCRIPT_ID, state.id), ACCOUNTS.admin.upn);
  const calls = recordGraphCalls(page);
  const save = page.getByRole('button', { name: 'Save' });
  const cases = [
    ['Success device count', '2147483648', /largest allowed count is 2,147,483,647/],
    ['Success device count', '1e3', /digits \(no exponent/],
    ['Error device count', ' 5', /Remove the spaces/],
    ['Error device count', '', /Enter a number/],
    ['User principal name', 'a@b@contoso.com', /exactly one @/],
    ['User principal name', '<script>alert(1)</script>@contoso.com', /./],
  ] as const;
  for (const [label, value, message] of cases) {
    const field = page.getByLabel(label);
    await field.fill(value);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    // The message sits next to the field and is tied to it for screen readers.
    await expect(field).toHaveAccessibleDescription(message);
    await expect(save).toBeDisabled();
    await field.press('Enter');
    await page.getByRole('button', { name: 'Discard changes' }).click();
  }
  expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(0);
  expect(await emulator.userState(MAIN_SCRIPT_ID, state.id)).toMatchObject({
    userPrincipalName: state.userPrincipalName,
    successDeviceCount: state.successDeviceCount,
    errorDeviceCount: state.errorDeviceCount,
  });
});

test('leaving with unsaved changes asks first', async ({ page }) => {
  const state = KNOWN_USER_STATES.third;
  await openSignedIn(page, userStatePath(MAIN_SCRIPT_ID, state.id), ACCOUNTS.admin.upn);
  await page.getByLabel('User principal name').fill('renamed.user@contoso.onmicrosoft.com');
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Scripts' }).click();
  const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expect(page).toHaveURL(userStatePath(MAIN_SCRIPT_ID, state.id));
  await expect(page.getByLabel('User principal name')).toHaveValue('renamed.user@contoso.onmicrosoft.com');

  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Scripts' }).click();
  await page.getByRole('dialog', { name: 'Leave without saving?' }).getByRole('button', { name: 'Leave' }).click();
  await expect(page).toHaveURL('/deviceManagement/deviceManagementScripts');
});

test('Copy link on the form copies the deep link, and the link opens the same record', async ({ page, context }) => {
  const state = KNOWN_USER_STATES.withErrors;
  const path = userStatePath(MAIN_SCRIPT_ID, state.id);
  await openSignedIn(page, path, ACCOUNTS.admin.upn);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(`${appOrigin}${path}`);
  const other = await context.newPage();
  await other.goto(copied);
  await expect(other.getByLabel('User principal name')).toHaveValue(state.userPrincipalName);
});

test('a user state that does not exist gets a clear not-found page with a way back', async ({ page }) => {
  await openSignedIn(page, userStatePath(MAIN_SCRIPT_ID, 'ffffffff-ffff-ffff-ffff-ffffffffffff'), ACCOUNTS.admin.upn);
  await expect(page.getByRole('heading', { name: /not found/i })).toBeVisible();
  await page.getByRole('link', { name: /back/i }).click();
  await expect(page).toHaveURL(userStatesPath(MAIN_SCRIPT_ID));
});

test('an unknown route gets a not-found page with a way back', async ({ page }) => {
  await openSignedIn(page, '/no/such/page', ACCOUNTS.admin.upn);
  await expect(page.getByRole('heading', { name: /not found/i })).toBeVisible();
  await page.getByRole('link', { name: /back|scripts/i }).first().click();
  await expect(page).toHaveURL('/deviceManagement/deviceManagementScripts');
});

test('Graph errors are shown in plain words with the error code and a copyable request id', async ({ page, emulator }) => {
  // 403 is not retried, so the error shows at once.
  await emulator.setFaults([{ method: 'GET', path: '/userRunStates?', status: 403, times: 1 }]);
  await openSignedIn(page, userStatesPath(MAIN_SCRIPT_ID), ACCOUNTS.admin.upn);
  const alert = page.getByRole('alert').filter({ hasText: 'Could not load the user states' });
  await expect(alert).toBeVisible();
  const log = await emulator.requests();
  const failed = log.filter((entry) => entry.status === 403);
  expect(failed).toHaveLength(1);
  await expect(alert).toContainText(/Forbidden|Authorization_RequestDenied/);
  const lastRequestId = failed.at(-1)?.requestId ?? 'missing';
  await expect(alert).toContainText(lastRequestId);
  await alert.getByRole('button', { name: 'Copy request ID' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(lastRequestId);
});
