import { ACCOUNTS } from '../emulator/constants';
import { expect, openSignedIn, signInAs, test } from './support/fixtures';
import { emulatorOrigin } from './support/origins';

const scriptsTable = 'Device management scripts';

test('a personal account is told once that Intune needs a work account and can pick another account', async ({ page }) => {
  await openSignedIn(page, '/', ACCOUNTS.personal.upn);
  await expect(page.getByRole('heading', { name: 'Signed in with a personal account' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Intune needs a work or school account');
  const text = (await page.locator('body').innerText()).toLowerCase();
  expect(text.split('work or school account').length - 1).toBe(1);

  await page.getByRole('button', { name: 'Use another account' }).click();
  // The emulator's session would sign the personal account in again at once; select_account shows the picker.
  await expect(page).toHaveURL((url) => url.origin === emulatorOrigin && url.searchParams.get('prompt') === 'select_account');
  await signInAs(page, ACCOUNTS.admin.upn);
  await expect(page.getByRole('table', { name: scriptsTable })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Signed-in account' })).toContainText(ACCOUNTS.admin.upn);
});

test('a 403 for a signed-in work admin names the missing permission, not personal accounts', async ({ page, emulator }) => {
  await emulator.setFaults([{ method: 'GET', path: '/deviceManagementScripts?', status: 403, times: 5 }]);
  await openSignedIn(page, '/', ACCOUNTS.admin.upn);
  const alert = page.getByRole('alert').filter({ hasText: 'Could not load the scripts' });
  await expect(alert).toContainText('DeviceManagementScripts.Read.All');
  await expect(alert).not.toContainText(/personal/i);
});

test('a 503 that outlasts the retries says Graph is unavailable, not throttling', async ({ page, emulator }) => {
  await emulator.setFaults([{ method: 'GET', path: '/deviceManagementScripts?', status: 503, retryAfter: 0, times: 20 }]);
  await openSignedIn(page, '/', ACCOUNTS.admin.upn);
  const alert = page.getByRole('alert').filter({ hasText: 'Could not load the scripts' });
  await expect(alert).toContainText('Microsoft Graph is unavailable');
  await expect(alert).not.toContainText(/throttl/i);
});
