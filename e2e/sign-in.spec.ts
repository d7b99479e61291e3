import { ACCOUNTS, KNOWN_USER_STATES, MAIN_SCRIPT_ID } from '../emulator/constants';
import { expect, openSignedIn, signInAs, test, userStatePath, userStatesPath } from './support/fixtures';
import { appOrigin } from './support/origins';

test('the root leads through the real MSAL redirect sign-in to the scripts list', async ({ page }) => {
  await page.goto('/');
  await signInAs(page, ACCOUNTS.admin.upn);
  await expect(page).toHaveURL('/deviceManagement/deviceManagementScripts');
  await expect(page.getByRole('table', { name: 'Device management scripts' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Signed-in account' })).toContainText(ACCOUNTS.admin.upn);
});

test('a cold deep link to a user state lands on that record, form open, after sign-in', async ({ page }) => {
  const state = KNOWN_USER_STATES.second;
  const path = userStatePath(MAIN_SCRIPT_ID, state.id);
  await openSignedIn(page, path, ACCOUNTS.admin.upn);
  await expect(page).toHaveURL(path);
  await expect(page.getByLabel('User principal name')).toHaveValue(state.userPrincipalName);
  await expect(page.getByLabel('Success device count')).toHaveValue(String(state.successDeviceCount));
});

test('a cold deep link to a list view keeps its search, sort and page through sign-in', async ({ page }) => {
  const path = `${userStatesPath(MAIN_SCRIPT_ID)}?q=a&sort=errorDeviceCount&dir=desc`;
  await openSignedIn(page, path, ACCOUNTS.admin.upn);
  await expect(page).toHaveURL(path);
  await expect(page.getByLabel('Search by user principal name')).toHaveValue('a');
});

test('signing out ends the session and a new visit asks to sign in again', async ({ page }) => {
  await openSignedIn(page, '/', ACCOUNTS.admin.upn);
  await expect(page.getByRole('table', { name: 'Device management scripts' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'You have signed out' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The emulator's session cookie is gone, so the sign-in page asks again rather than signing in silently.
  await signInAs(page, ACCOUNTS.helpdesk.upn);
  await expect(page.getByRole('group', { name: 'Signed-in account' })).toContainText(ACCOUNTS.helpdesk.upn);
});

test('a personal Microsoft account is told plainly that Intune needs a work or school account', async ({ page }) => {
  await openSignedIn(page, '/', ACCOUNTS.personal.upn);
  await expect(page.getByRole('alert')).toContainText('Intune needs a work or school account');
  await expect(page.getByRole('table', { name: 'Device management scripts' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('a read-only account can browse but the edit controls say which permission is missing', async ({ page }) => {
  const state = KNOWN_USER_STATES.first;
  await openSignedIn(page, userStatesPath(MAIN_SCRIPT_ID), ACCOUNTS.helpdesk.upn);
  const grid = page.getByRole('grid', { name: 'User run states' });
  await expect(grid.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByText(/DeviceManagementScripts\.ReadWrite\.All/).first()).toBeVisible();

  // Double-click does not open an editor.
  await grid.getByRole('gridcell', { name: state.userPrincipalName, exact: true }).dblclick();
  await expect(grid.getByRole('textbox')).toHaveCount(0);

  await page.goto(userStatePath(MAIN_SCRIPT_ID, state.id));
  await expect(page.getByLabel('User principal name')).toBeDisabled();
  await expect(page.getByLabel('Success device count')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  await expect(page.getByText(/DeviceManagementScripts\.ReadWrite\.All/).first()).toBeVisible();
});

test('an expired access token is renewed silently, without asking the user', async ({ page, emulator }) => {
  await openSignedIn(page, '/', ACCOUNTS.admin.upn);
  await expect(page.getByRole('table', { name: 'Device management scripts' })).toBeVisible();
  // Graph now treats the next token it sees as expired: the client renews once and repeats.
  // The log is not cleared: a request still in flight (the list's run summaries) may be the one
  // that meets the expired token, and clearing would drop its entry before its 401 is recorded.
  // Nothing before this point answers 401 (each test starts on a reset emulator).
  await emulator.expireTokens(1);
  await page.getByRole('link', { name: "Map department network drives" }).first().click();
  await expect(page.getByRole('grid', { name: 'User run states' }).getByRole('row').nth(1)).toBeVisible();
  const log = await emulator.requests();
  expect(log.some((entry) => entry.status === 401)).toBe(true);
  await expect(page).toHaveURL((url) => url.origin === appOrigin);
});
