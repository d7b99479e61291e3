import type { Page } from '@playwright/test';
import { ACCOUNTS, KNOWN_USER_STATES, MAIN_SCRIPT_ID } from '../emulator/constants';
import { expectNoAxeViolations } from './support/axe';
import { expect, openSignedIn, signInAs, test, userStatePath, userStatesPath } from './support/fixtures';

test('the emulator sign-in page passes axe', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: new RegExp(ACCOUNTS.admin.upn.replace(/\./g, '\\.')) })).toBeVisible();
  await expectNoAxeViolations(page);
  await signInAs(page, ACCOUNTS.admin.upn);
});

test('the scripts list passes axe', async ({ page }) => {
  await openSignedIn(page, '/deviceManagement/deviceManagementScripts', ACCOUNTS.admin.upn);
  await expect(page.getByRole('table', { name: 'Device management scripts' })).toContainText('devices succeeded');
  await expectNoAxeViolations(page);
});

test('the user-states grid passes axe, also with a row in edit mode', async ({ page }) => {
  await openSignedIn(page, userStatesPath(MAIN_SCRIPT_ID), ACCOUNTS.admin.upn);
  const grid = page.getByRole('grid', { name: 'User run states' });
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(/^Loaded (\d+) of \1$/);
  await expectNoAxeViolations(page);
  await grid.locator(`[role="row"][data-id="${KNOWN_USER_STATES.first.id}"] [data-field="successDeviceCount"]`).dblclick();
  await expect(grid.getByRole('textbox', { name: 'Success device count' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the user-state form passes axe, also while showing field errors', async ({ page }) => {
  await openSignedIn(page, userStatePath(MAIN_SCRIPT_ID, KNOWN_USER_STATES.first.id), ACCOUNTS.admin.upn);
  await expect(page.getByLabel('User principal name')).toHaveValue(KNOWN_USER_STATES.first.userPrincipalName);
  await expectNoAxeViolations(page);
  await page.getByLabel('Success device count').fill('-3');
  await expect(page.getByLabel('Success device count')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
});

test('the axe check judges the colours a page comes to rest with, and still catches poor contrast', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: new RegExp(ACCOUNTS.admin.upn.replace(/\./g, '\\.')) })).toBeVisible();
  // Text fading in to a readable colour passes once it has faded in…
  await addFadingText(page, { from: '#c8c8c8', to: '#000000' });
  await expectNoAxeViolations(page);
  // …and text fading out to an unreadable one fails: waiting for rest hides no real problem.
  await addFadingText(page, { from: '#000000', to: '#c8c8c8' });
  await expect(expectNoAxeViolations(page)).rejects.toThrow(/color-contrast/);
});

/** Adds a line of text whose colour starts a two-second transition, as MUI's own colour changes do. */
async function addFadingText(page: Page, colours: { from: string; to: string }): Promise<void> {
  await page.evaluate(({ from, to }) => {
    const text = document.createElement('p');
    text.textContent = `Text fading from ${from} to ${to}`;
    text.style.color = from;
    text.style.backgroundColor = '#ffffff';
    text.style.transition = 'color 2s linear';
    document.body.append(text);
    // Laying the text out commits the start colour, so the change below runs as a transition.
    text.getBoundingClientRect();
    text.style.color = to;
  }, colours);
}
