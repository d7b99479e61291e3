import { ACCOUNTS, EMPTY_SCRIPT_ID, MEDIUM_SCRIPT_ID } from '../emulator/constants';
import { expectNoAxeViolations } from './support/axe';
import type { UserRunState } from './support/emulator-admin';
import { expect, holdRequests, openSignedIn, test, userStatesPath } from './support/fixtures';
import { editInline } from './support/grid';

test('the run summary chart shows the counts and its parts filter the grid', async ({ page, emulator }) => {
  const states = await emulator.userStates(MEDIUM_SCRIPT_ID);
  const withErrors = states.filter((state) => state.errorDeviceCount > 0).length;
  const succeeded = states.filter((state) => state.errorDeviceCount === 0 && state.successDeviceCount > 0).length;
  const noDevices = states.length - withErrors - succeeded;
  await openSignedIn(page, userStatesPath(MEDIUM_SCRIPT_ID), ACCOUNTS.admin.upn);
  const summary = page.getByRole('region', { name: 'Run summary' });
  await expect(summary.locator('svg').first()).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(/^Loaded (\d+) of \1$/);
  // The keyboard reaches its parts by the buttons and reads the device counts as text: the chart
  // itself is no Tab stop (it had one, unnamed and without a visible focus).
  await expect(summary.locator('[tabindex="0"]:not(button)')).toHaveCount(0);
  const devices = states.reduce((sum, state) => ({ ok: sum.ok + state.successDeviceCount, failed: sum.failed + state.errorDeviceCount }), { ok: 0, failed: 0 });
  await expect(summary).toContainText(`Devices: ${devices.ok.toLocaleString('en-US')} succeeded, ${devices.failed.toLocaleString('en-US')} failed`);

  await summary.getByRole('button', { name: `Users with errors (${withErrors})` }).click();
  await expect(page).toHaveURL(/[?&]status=errors(&|$)/);
  await expect(page.getByRole('status').filter({ hasText: 'matching' })).toContainText(`· ${withErrors} matching`);

  await summary.getByRole('button', { name: `Users with no devices (${noDevices})` }).click();
  await expect(page).toHaveURL(/[?&]status=none(&|$)/);
  await expect(page.getByRole('status').filter({ hasText: 'matching' })).toContainText(`· ${noDevices} matching`);

  // A click on the chart's own bar for "Users succeeded" (the second bar) does the same.
  await summary.locator('.MuiBarChart-element').nth(1).click();
  await expect(page).toHaveURL(/[?&]status=succeeded(&|$)/);
  await expect(page.getByRole('status').filter({ hasText: 'matching' })).toContainText(`· ${succeeded} matching`);
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveText('Succeeded');
});

/** A user state that succeeded on every device: an error count set on it adds a user with errors. */
function withoutErrors(states: readonly UserRunState[]): UserRunState {
  const state = states.find((candidate) => candidate.errorDeviceCount === 0 && candidate.successDeviceCount > 0);
  if (state === undefined) throw new Error('the script needs a user state without errors');
  return state;
}

test('after a save the run summary says its counts are older than the save, and reads them again on request', async ({ page, emulator }) => {
  const states = await emulator.userStates(MEDIUM_SCRIPT_ID);
  const withErrors = states.filter((state) => state.errorDeviceCount > 0).length;
  const clean = withoutErrors(states);
  await openSignedIn(page, userStatesPath(MEDIUM_SCRIPT_ID), ACCOUNTS.admin.upn);
  const summary = page.getByRole('region', { name: 'Run summary' });
  await expect(summary.getByRole('button', { name: `Users with errors (${withErrors})` })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(/^Loaded (\d+) of \1$/);
  await editInline(page, clean.id, 'errorDeviceCount', '4');
  await expect.poll(async () => (await emulator.userState(MEDIUM_SCRIPT_ID, clean.id))?.errorDeviceCount).toBe(4);
  // No request of its own: the summary says it is older than the save, and reads again when asked.
  await expect(summary.getByRole('status')).toHaveText('Saved since these counts were read.Refresh counts');
  await summary.getByRole('button', { name: 'Refresh counts' }).click();
  await expect(summary.getByRole('button', { name: `Users with errors (${withErrors + 1})` })).toBeVisible();
  await expect(summary.getByRole('status')).toHaveCount(0);
});

test('the run summary of a script without runs counts in whole numbers', async ({ page }) => {
  await openSignedIn(page, userStatesPath(EMPTY_SCRIPT_ID), ACCOUNTS.admin.upn);
  const summary = page.getByRole('region', { name: 'Run summary' });
  await expect(summary.getByRole('button', { name: 'Users with errors (0)' })).toBeVisible();
  await expect(summary.locator('svg').first()).toBeVisible();
  expect(await summary.locator('svg').first().textContent()).not.toMatch(/\d\.\d/);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the run summary chart passes axe in ${colorScheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openSignedIn(page, userStatesPath(MEDIUM_SCRIPT_ID), ACCOUNTS.admin.upn);
    await expect(page.getByRole('region', { name: 'Run summary' }).getByRole('button').first()).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test('the grid stays where it is when the run summary arrives after the first rows', async ({ page }) => {
  // Graph's answer to the summary's request is held until the rows are on screen (however long a
  // loaded machine takes to draw them): the rows come first, the summary's space is held meanwhile.
  const releaseSummary = await holdRequests(page, '**/runSummary');
  await openSignedIn(page, userStatesPath(MEDIUM_SCRIPT_ID), ACCOUNTS.admin.upn);
  const grid = page.getByRole('grid', { name: 'User run states' });
  await expect(grid.locator('[role="row"][data-id]').first()).toBeVisible();
  const summaryButtons = page.getByRole('region', { name: 'Run summary' }).getByRole('button');
  await expect(summaryButtons).toHaveCount(0);
  const before = await grid.boundingBox();

  releaseSummary();
  await expect(summaryButtons.first()).toBeVisible();
  const after = await grid.boundingBox();
  expect(before).not.toBeNull();
  expect(after?.y).toBeCloseTo(before?.y ?? Number.NaN, 0);
});
