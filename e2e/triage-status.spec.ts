import type { Page } from '@playwright/test';
import { ACCOUNTS, MEDIUM_SCRIPT_ID } from '../emulator/constants';
import { expectNoAxeViolations } from './support/axe';
import type { UserRunState } from './support/emulator-admin';
import { expect, openSignedIn, test, userStatesPath } from './support/fixtures';
import { userStatesGrid } from './support/grid';

const pageSize = 100;
const total = 250;

// The rules of Graph's runSummary, written out here so the test does not borrow the app's own.
const withErrors = (state: UserRunState) => state.errorDeviceCount > 0;
const succeeded = (state: UserRunState) => state.errorDeviceCount === 0 && state.successDeviceCount > 0;
const noDevices = (state: UserRunState) => state.errorDeviceCount === 0 && state.successDeviceCount === 0;

function statusControl(page: Page) {
  return page.getByRole('combobox', { name: 'Status' });
}

function loadedStatus(page: Page) {
  return page.getByRole('status').filter({ hasText: 'Loaded' });
}

/** The grid's footer: "1–100 of 137" for the rows the view matches. */
async function expectFooterCount(page: Page, count: number): Promise<void> {
  await expect(page.getByText(/^\d+–\d+ of [\d,]+$/)).toHaveText(`${count === 0 ? 0 : 1}–${Math.min(pageSize, count)} of ${count}`);
}

/**
 * The ids of the rows on the grid's current page, in their order. The grid mounts only the rows in
 * its viewport, so it is scrolled down until every row of the page has been seen.
 */
async function idsOnThisPage(page: Page, rowsOnPage: number): Promise<string[]> {
  const grid = userStatesGrid(page);
  const seen = new Map<number, string>();
  await expect
    .poll(
      async () => {
        const rendered = await grid
          .locator('[role="row"][data-id]')
          .evaluateAll((elements) => elements.map((element) => [Number(element.getAttribute('aria-rowindex')), element.getAttribute('data-id') ?? ''] as const));
        for (const [index, id] of rendered) seen.set(index, id);
        await grid.locator('.MuiDataGrid-virtualScroller').evaluate((scroller) => scroller.scrollBy(0, scroller.clientHeight / 2));
        return seen.size;
      },
      { intervals: [50] },
    )
    .toBe(rowsOnPage);
  return [...seen.entries()].sort(([a], [b]) => a - b).map(([, id]) => id);
}

/** The ids the grid lists on every page of the view, walking forward from page 1. */
async function idsOnEveryPage(page: Page, count: number): Promise<string[]> {
  const ids: string[] = [];
  const pages = Math.ceil(count / pageSize);
  for (let number = 1; number <= pages; number += 1) {
    if (number > 1) {
      await page.getByRole('button', { name: 'Go to next page' }).click();
      await expect(page).toHaveURL(new RegExp(`[?&]page=${number}(&|$)`));
    }
    await expect(page.getByText(/^\d+–\d+ of [\d,]+$/)).toHaveText(
      `${(number - 1) * pageSize + 1}–${Math.min(number * pageSize, count)} of ${count}`,
    );
    ids.push(...(await idsOnThisPage(page, Math.min(pageSize, count - (number - 1) * pageSize))));
  }
  return ids;
}

test('?status=errors lists only the users with errors, and the footer counts what the emulator holds', async ({ page, emulator }) => {
  const stored = await emulator.userStates(MEDIUM_SCRIPT_ID);
  expect(stored).toHaveLength(total);
  const expected = stored.filter(withErrors);
  // The seed must leave something out, or the filter would prove nothing.
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(total);

  await openSignedIn(page, `${userStatesPath(MEDIUM_SCRIPT_ID)}?status=errors`, ACCOUNTS.admin.upn);
  await expect(loadedStatus(page)).toHaveText(`Loaded ${total} of ${total} · ${expected.length} matching`);
  await expect(statusControl(page)).toHaveText('With errors');
  await expectFooterCount(page, expected.length);
  await expect(userStatesGrid(page).locator('[data-field="errorDeviceCount"][role="gridcell"]').first()).not.toHaveText('0');
  // Every page, in Graph's order: exactly the stored states with errors, none other.
  expect(await idsOnEveryPage(page, expected.length)).toEqual(expected.map((state) => state.id));
  await expect(page).toHaveURL(/[?&]status=errors(&|$)/);

  // An unknown value (an old or mistyped link) shows every row.
  await page.goto(`${userStatesPath(MEDIUM_SCRIPT_ID)}?status=failed`);
  await expect(loadedStatus(page)).toHaveText(`Loaded ${total} of ${total}`);
  await expect(statusControl(page)).toHaveText('All');
  await expectFooterCount(page, total);
});

test('choosing a status from the keyboard or the mouse updates the URL and combines with search and sort', async ({ page, emulator }) => {
  const stored = await emulator.userStates(MEDIUM_SCRIPT_ID);
  await openSignedIn(page, userStatesPath(MEDIUM_SCRIPT_ID), ACCOUNTS.admin.upn);
  await expect(loadedStatus(page)).toHaveText(`Loaded ${total} of ${total}`);
  await expectFooterCount(page, total);

  // Keyboard: open the list, move from "All" two options down, choose.
  await statusControl(page).focus();
  await page.keyboard.press('ArrowDown');
  const options = page.getByRole('listbox', { name: 'Status' }).getByRole('option');
  await expect(options).toHaveText(['All', 'With errors', 'Succeeded', 'No devices']);
  await expect(page.getByRole('option', { name: 'All' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\?status=succeeded$/);
  await expect(statusControl(page)).toHaveText('Succeeded');
  await expectFooterCount(page, stored.filter(succeeded).length);

  await page.getByLabel('Search by user principal name').fill('an');
  await expect(page).toHaveURL(/\?q=an&status=succeeded$/);
  const searched = stored.filter((state) => state.userPrincipalName.toLowerCase().includes('an'));
  await expect(loadedStatus(page)).toHaveText(`Loaded ${total} of ${total} · ${searched.filter(succeeded).length} matching`);
  await expectFooterCount(page, searched.filter(succeeded).length);

  const grid = userStatesGrid(page);
  await grid.getByRole('columnheader', { name: 'Success device count' }).click();
  await grid.getByRole('columnheader', { name: 'Success device count' }).click();
  await expect(page).toHaveURL(/\?q=an&status=succeeded&sort=successDeviceCount&dir=desc$/);
  const mostSucceeded = searched.filter(succeeded).toSorted((a, b) => b.successDeviceCount - a.successDeviceCount);
  const successCells = grid.locator('[role="row"][data-id] [data-field="successDeviceCount"]');
  await expect(successCells.first()).toHaveText(String(mostSucceeded[0]?.successDeviceCount));

  // Mouse: the status changes, the search and the sort stay.
  await statusControl(page).click();
  await page.getByRole('option', { name: 'No devices' }).click();
  await expect(page).toHaveURL(/\?q=an&status=none&sort=successDeviceCount&dir=desc$/);
  await expect(loadedStatus(page)).toHaveText(`Loaded ${total} of ${total} · ${searched.filter(noDevices).length} matching`);
  await expectFooterCount(page, searched.filter(noDevices).length);
  for (const text of await successCells.allTextContents()) expect(text).toBe('0');

  await statusControl(page).click();
  await page.getByRole('option', { name: 'All' }).click();
  await expect(page).toHaveURL(/\?q=an&sort=successDeviceCount&dir=desc$/);
  await expectFooterCount(page, searched.length);

  // Back returns to the previous status.
  await page.goBack();
  await expect(page).toHaveURL(/[?&]status=none(&|$)/);
  await expect(statusControl(page)).toHaveText('No devices');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in ${colorScheme} mode`, () => {
    test.use({ colorScheme });

    test('the filtered grid and the open Status list pass axe', async ({ page }) => {
      await openSignedIn(page, `${userStatesPath(MEDIUM_SCRIPT_ID)}?status=errors`, ACCOUNTS.admin.upn);
      await expect(loadedStatus(page)).toContainText('matching');
      await expect(statusControl(page)).toBeVisible();
      await expectNoAxeViolations(page);
      await statusControl(page).click();
      await expect(page.getByRole('listbox', { name: 'Status' })).toBeVisible();
      await expectNoAxeViolations(page);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('listbox', { name: 'Status' })).toHaveCount(0);
    });
  });
}
