import { ACCOUNTS, KNOWN_USER_STATES, MAIN_SCRIPT_ID } from '../emulator/constants';
import type { Page } from '@playwright/test';
import { expect, quietPeriod, recordGraphCalls, test, userStatesPath } from './support/fixtures';
import { gridCell, gridRow, openFullGrid } from './support/grid';
import { appOrigin } from './support/origins';

const openGrid = (page: Page) => openFullGrid(page, MAIN_SCRIPT_ID, ACCOUNTS.admin.upn);

test('double-click edits a row inline; Enter sends one PATCH with only the changed property', async ({ page, emulator }) => {
  const state = KNOWN_USER_STATES.first;
  await openGrid(page);
  const calls = recordGraphCalls(page);
  const row = gridRow(page, state.id);
  await row.locator('[data-field="successDeviceCount"]').dblclick();
  const input = row.getByRole('textbox', { name: 'Success device count' });
  await input.fill('41');
  await input.press('Enter');

  await expect(row.locator('[data-field="successDeviceCount"]')).toHaveText('41');
  await expect.poll(async () => (await emulator.userState(MAIN_SCRIPT_ID, state.id))?.successDeviceCount).toBe(41);
  const stored = await emulator.userState(MAIN_SCRIPT_ID, state.id);
  expect(stored).toMatchObject({ userPrincipalName: state.userPrincipalName, errorDeviceCount: state.errorDeviceCount });

  const patches = calls.filter((call) => call.method === 'PATCH');
  expect(patches).toHaveLength(1);
  expect(await emulator.patchBodies(state.id)).toEqual([{ successDeviceCount: 41 }]);
  expect(patches[0]?.url.pathname).toBe(`/beta/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates/${state.id}`);
  // At most the single-record read that guards against overwriting someone else's change; never a list refetch.
  const reads = calls.filter((call) => call.method === 'GET');
  expect(reads.every((call) => call.url.pathname.endsWith(`/userRunStates/${state.id}`))).toBe(true);
  expect(reads.length).toBeLessThanOrEqual(1);
});

test('keyboard alone: Enter on a focused cell starts editing, Tab moves between fields, Enter saves', async ({ page, emulator }) => {
  const state = KNOWN_USER_STATES.second;
  await openGrid(page);
  const calls = recordGraphCalls(page);
  const row = gridRow(page, state.id);
  await row.locator('[data-field="userPrincipalName"]').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  const upn = row.getByRole('textbox', { name: 'User principal name' });
  await expect(upn).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const errors = row.getByRole('textbox', { name: 'Error device count' });
  await expect(errors).toBeFocused();
  await errors.fill('7');
  await page.keyboard.press('Enter');
  await expect(row.locator('[data-field="errorDeviceCount"]')).toHaveText('7');
  await expect.poll(async () => (await emulator.userState(MAIN_SCRIPT_ID, state.id))?.errorDeviceCount).toBe(7);
  expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(1);
  expect(await emulator.patchBodies(state.id)).toEqual([{ errorDeviceCount: 7 }]);
});

test('Escape cancels an inline edit and sends nothing', async ({ page, emulator }) => {
  const state = KNOWN_USER_STATES.third;
  await openGrid(page);
  const calls = recordGraphCalls(page);
  const row = gridRow(page, state.id);
  await row.locator('[data-field="userPrincipalName"]').dblclick();
  await row.getByRole('textbox', { name: 'User principal name' }).fill('someone.else@contoso.onmicrosoft.com');
  await page.keyboard.press('Escape');
  await expect(row.locator('[data-field="userPrincipalName"]')).toHaveText(state.userPrincipalName);
  await quietPeriod(page);
  expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(0);
  expect(await emulator.userState(MAIN_SCRIPT_ID, state.id)).toMatchObject({ userPrincipalName: state.userPrincipalName });
});

for (const [field, label, bad] of [
  ['successDeviceCount', 'Success device count', '1.5'],
  ['errorDeviceCount', 'Error device count', '-1'],
  ['userPrincipalName', 'User principal name', 'no-at-sign.contoso.com'],
] as const) {
  test(`rejected inline input (${label}: "${bad}") says what is wrong and sends no request`, async ({ page, emulator }) => {
    const state = KNOWN_USER_STATES.withErrors;
    await openGrid(page);
    const calls = recordGraphCalls(page);
    const row = gridRow(page, state.id);
    await row.locator(`[data-field="${field}"]`).dblclick();
    const input = row.getByRole('textbox', { name: label });
    await input.fill(bad);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAccessibleDescription(/./);
    await input.press('Enter');
    await quietPeriod(page);
    expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(0);
    const stored = await emulator.userState(MAIN_SCRIPT_ID, state.id);
    expect(stored).toMatchObject({
      userPrincipalName: state.userPrincipalName,
      successDeviceCount: state.successDeviceCount,
      errorDeviceCount: state.errorDeviceCount,
    });
  });
}

test('a refused save rolls back with a visible error carrying the request id, and keeps what was typed', async ({ page, emulator }) => {
  const state = KNOWN_USER_STATES.third;
  await openGrid(page);
  await emulator.setFaults([{ method: 'PATCH', path: state.id, status: 403, times: 1 }]);
  const row = gridRow(page, state.id);
  await row.locator('[data-field="successDeviceCount"]').dblclick();
  await row.getByRole('textbox', { name: 'Success device count' }).fill('123');
  await page.keyboard.press('Enter');

  const alert = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Success device count: 123');
  await expect(alert).toContainText(/request id/i);
  const log = await emulator.requests();
  const refused = log.find((entry) => entry.method === 'PATCH' && entry.status === 403);
  expect(refused).toBeDefined();
  await expect(alert).toContainText(refused?.requestId ?? 'missing');
  // Rolled back: the grid shows what Intune holds.
  await expect(row.locator('[data-field="successDeviceCount"]')).toHaveText(String(state.successDeviceCount));
  expect((await emulator.userState(MAIN_SCRIPT_ID, state.id))?.successDeviceCount).toBe(state.successDeviceCount);

  // The typed value comes back for a fix and a retry.
  await alert.getByRole('button', { name: 'Edit again' }).click();
  const input = row.getByRole('textbox', { name: 'Success device count' });
  await expect(input).toHaveValue('123');
  await input.press('Enter');
  await expect.poll(async () => (await emulator.userState(MAIN_SCRIPT_ID, state.id))?.successDeviceCount).toBe(123);
  await expect(row.locator('[data-field="successDeviceCount"]')).toHaveText('123');
});

test('each grid row has a Copy link action that copies the deep link', async ({ page }) => {
  const state = KNOWN_USER_STATES.first;
  await openGrid(page);
  await gridRow(page, state.id).getByRole('button', { name: 'Copy link' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(`${appOrigin}${userStatesPath(MAIN_SCRIPT_ID)}/${state.id}`);
});

test('keyboard alone: the row actions are reached with the arrow keys and Open opens the form', async ({ page }) => {
  const state = KNOWN_USER_STATES.second;
  await openGrid(page);
  await gridCell(page, state.id, 'errorDeviceCount').click();
  await page.keyboard.press('ArrowRight');
  const row = gridRow(page, state.id);
  await expect(row.getByRole('button', { name: 'Copy link' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe(`${appOrigin}${userStatesPath(MAIN_SCRIPT_ID)}/${state.id}`);
  await page.keyboard.press('ArrowRight');
  await expect(row.getByRole('link', { name: 'Open' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${userStatesPath(MAIN_SCRIPT_ID)}/${state.id}`);
  // The form's field (the grid, until the form replaces it, has other controls with this name).
  await expect(page.getByRole('textbox', { name: 'User principal name', exact: true })).toHaveValue(state.userPrincipalName);
});
