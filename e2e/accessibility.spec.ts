import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ACCOUNTS, KNOWN_USER_STATES, MAIN_SCRIPT_ID } from '../emulator/constants';
import { expect, openSignedIn, signInAs, test, userStatePath, userStatesPath } from './support/fixtures';

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}

test('the emulator sign-in page passes axe', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: new RegExp(ACCOUNTS.admin.upn.replace(/\./g, '\\.')) })).toBeVisible();
  await expectNoViolations(page);
  await signInAs(page, ACCOUNTS.admin.upn);
});

test('the scripts list passes axe', async ({ page }) => {
  await openSignedIn(page, '/deviceManagement/deviceManagementScripts', ACCOUNTS.admin.upn);
  await expect(page.getByRole('table', { name: 'Device management scripts' })).toContainText('devices succeeded');
  await expectNoViolations(page);
});

test('the user-states grid passes axe, also with a row in edit mode', async ({ page }) => {
  await openSignedIn(page, userStatesPath(MAIN_SCRIPT_ID), ACCOUNTS.admin.upn);
  const grid = page.getByRole('grid', { name: 'User run states' });
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(/^Loaded (\d+) of \1$/);
  await expectNoViolations(page);
  await grid.locator(`[role="row"][data-id="${KNOWN_USER_STATES.first.id}"] [data-field="successDeviceCount"]`).dblclick();
  await expect(grid.getByRole('textbox', { name: 'Success device count' })).toBeVisible();
  await expectNoViolations(page);
});

test('the user-state form passes axe, also while showing field errors', async ({ page }) => {
  await openSignedIn(page, userStatePath(MAIN_SCRIPT_ID, KNOWN_USER_STATES.first.id), ACCOUNTS.admin.upn);
  await expect(page.getByLabel('User principal name')).toHaveValue(KNOWN_USER_STATES.first.userPrincipalName);
  await expectNoViolations(page);
  await page.getByLabel('Success device count').fill('-3');
  await expect(page.getByLabel('Success device count')).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page);
});
