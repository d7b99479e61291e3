import type { Page } from '@playwright/test';
import { ACCOUNTS, HOSTILE_SCRIPT_ID, HOSTILE_USER_STATES, KNOWN_USER_STATES, MAIN_SCRIPT_ID, MEDIUM_SCRIPT_ID } from '../emulator/constants';
import { expectNoAxeViolations } from './support/axe';
import { expect, openSignedIn, signInAs, test, userStatePath, userStatesPath } from './support/fixtures';
import { gridRow, openFullGrid } from './support/grid';

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

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in ${colorScheme} mode`, () => {
    test.use({ colorScheme });

    test('the grid page passes axe with each kind of tooltip open: row action, paging, column header, colour toggle', async ({ page, emulator }) => {
      // Four full axe passes (each at rest, in both contrast states): 10–15 s apiece on a busy
      // 2-core machine, more than the default minute in all.
      test.setTimeout(120_000);
      const [first] = await emulator.userStates(MEDIUM_SCRIPT_ID);
      await openFullGrid(page, MEDIUM_SCRIPT_ID, ACCOUNTS.admin.upn);
      // The run summary arrives after the grid and pushes it down: hover only once the page is at rest.
      await expect(page.getByRole('region', { name: 'Run summary' })).toBeVisible();
      const tooltip = page.getByRole('tooltip');
      const copyLink = gridRow(page, first?.id ?? '').getByRole('button', { name: 'Copy link' });
      const nextPage = page.getByRole('button', { name: 'Go to next page' });
      const sort = page.getByRole('button', { name: /^Sort Success device count/ });
      const toggle = page.getByRole('button', { name: 'Dark mode' });
      // Each with what brings it on screen first: a header's buttons show while the pointer is on it.
      const targets = [[copyLink, copyLink], [nextPage, nextPage], [page.getByRole('columnheader', { name: 'Success device count' }), sort], [toggle, toggle]] as const;
      for (const [reveal, target] of targets) {
        await reveal.hover();
        await target.hover();
        const name = (await target.getAttribute('aria-label')) ?? 'missing';
        await expect(tooltip.filter({ hasText: new RegExp(`^${name}$`) })).toBeVisible();
        await expectNoAxeViolations(page);
      }
      await expect(page.getByRole('combobox', { name: /Rows per page/ })).toBeVisible();
    });

    test('the "Saved" toast with its Undo button passes axe', async ({ page }) => {
      await openSignedIn(page, userStatePath(MAIN_SCRIPT_ID, KNOWN_USER_STATES.first.id), ACCOUNTS.admin.upn);
      const success = page.getByLabel('Success device count');
      await expect(success).toBeEnabled();
      await success.fill(String(Number(await success.inputValue()) + 1));
      await page.getByRole('button', { name: 'Save' }).click();
      const toast = page.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Undo' }) });
      await expect(toast).toContainText('Saved');
      await expectNoAxeViolations(page);
    });

    test('a record whose name hides a right-to-left override, and its conflict dialog, pass axe', async ({ page, emulator }) => {
      const state = HOSTILE_USER_STATES.find((candidate) => candidate.userPrincipalName.includes('\u202E'));
      await openSignedIn(page, userStatePath(HOSTILE_SCRIPT_ID, state?.id ?? ''), ACCOUNTS.admin.upn);
      const upnField = page.getByRole('textbox', { name: 'User principal name' });
      await expect(upnField).toHaveAccessibleDescription(/Reads as: ⟨U\+202E⟩/);
      await expectNoAxeViolations(page);
      await emulator.patchAsOtherAdmin(ACCOUNTS.admin.upn, HOSTILE_SCRIPT_ID, state?.id ?? '', { successDeviceCount: 300 });
      await upnField.fill(state?.userPrincipalName.replace('\u202E', '') ?? '');
      await page.getByLabel('Success device count').fill('200');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('dialog', { name: 'Someone else changed this user state' })).toBeVisible();
      await expectNoAxeViolations(page);
    });
  });
}

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
