import type { Page } from '@playwright/test';
import { ACCOUNTS, BIG_SCRIPT_ID, EMPTY_SCRIPT_ID, MAIN_SCRIPT_ID, MEDIUM_SCRIPT_ID } from '../emulator/constants';
import { expectNoAxeViolations } from './support/axe';
import { expect, openSignedIn, test, userStatesPath } from './support/fixtures';
import { userStatesGrid, waitForFullList } from './support/grid';

const notReportedYet = 'This script is assigned but has not reported yet: no user has run it.';
const dataRows = (page: Page) => userStatesGrid(page).locator('[role="row"][data-id]');

async function openMediumScript(page: Page, query = ''): Promise<void> {
  await openSignedIn(page, `${userStatesPath(MEDIUM_SCRIPT_ID)}${query}`, ACCOUNTS.admin.upn);
  await waitForFullList(page);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in ${colorScheme} mode`, () => {
    test.use({ colorScheme });

    test('rows per page and first/last page pass axe', async ({ page }) => {
      await openMediumScript(page);
      await expect(page.getByRole('combobox', { name: /Rows per page/ })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Go to last page' })).toBeEnabled();
      await expectNoAxeViolations(page);
      await page.getByRole('combobox', { name: /Rows per page/ }).click();
      await expect(page.getByRole('option', { name: '25' })).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('the empty states pass axe', async ({ page }) => {
      await openSignedIn(page, userStatesPath(EMPTY_SCRIPT_ID), ACCOUNTS.admin.upn);
      await expect(userStatesGrid(page)).toContainText(notReportedYet);
      await expectNoAxeViolations(page);
      await page.goto(`${userStatesPath(MEDIUM_SCRIPT_ID)}?q=nobody-by-this-name`);
      await expect(userStatesGrid(page)).toContainText('No user principal name contains “nobody-by-this-name”.');
      await expectNoAxeViolations(page);
    });
  });
}

test('the grid offers 25, 50 or 100 rows per page, kept in the URL as pageSize, and first/last page', async ({ page, emulator }) => {
  const states = await emulator.userStates(MEDIUM_SCRIPT_ID);
  expect(states.length, 'the seed has more than four pages of 50').toBeGreaterThan(200);
  await openMediumScript(page);
  const sizeSelect = page.getByRole('combobox', { name: /Rows per page/ });
  await expect(sizeSelect).toHaveText('100');
  await sizeSelect.click();
  await expect(page.getByRole('listbox').getByRole('option')).toHaveText(['25', '50', '100']);
  await page.getByRole('option', { name: '50' }).click();
  await expect(page).toHaveURL(/[?&]pageSize=50(&|$)/);
  await expect(dataRows(page).first()).toHaveAttribute('data-id', states[0]?.id ?? '');

  const lastPage = Math.ceil(states.length / 50);
  await page.getByRole('button', { name: 'Go to last page' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]page=${lastPage}(&|$)`));
  await expect(page).toHaveURL(/[?&]pageSize=50(&|$)/);
  await expect(dataRows(page).first()).toHaveAttribute('data-id', states[(lastPage - 1) * 50]?.id ?? '');
  await expect(page.getByRole('button', { name: 'Go to last page' })).toBeDisabled();

  await page.getByRole('button', { name: 'Go to first page' }).click();
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect(dataRows(page).first()).toHaveAttribute('data-id', states[0]?.id ?? '');
  await expect(page.getByRole('button', { name: 'Go to first page' })).toBeDisabled();

  // A shared link opens with its page size and page.
  await page.goto(`${userStatesPath(MEDIUM_SCRIPT_ID)}?page=3&pageSize=25`);
  await waitForFullList(page);
  await expect(page.getByRole('combobox', { name: /Rows per page/ })).toHaveText('25');
  await expect(dataRows(page).first()).toHaveAttribute('data-id', states[50]?.id ?? '');
  await expect(page.getByText(`51–75 of ${states.length}`)).toBeVisible();
});

test('a script nobody has run says it is assigned but has not reported yet, not "No rows" and "0 of 0"', async ({ page }) => {
  await openSignedIn(page, userStatesPath(EMPTY_SCRIPT_ID), ACCOUNTS.admin.upn);
  const status = page.getByRole('status').filter({ hasText: 'user run states' });
  await expect(status).toHaveText('No user run states yet');
  await expect(userStatesGrid(page)).toContainText(notReportedYet);
  await expect(userStatesGrid(page)).not.toContainText('No rows');
  await expect(page.getByText('Loaded 0 of 0')).toHaveCount(0);
});

test('a search that matches nothing says so, and clearing it leaves no "0 matching" behind', async ({ page }) => {
  await openMediumScript(page);
  const status = page.getByRole('status').filter({ hasText: 'Loaded' });
  const search = page.getByLabel('Search by user principal name');
  await search.fill('nobody-by-this-name');
  await expect(page).toHaveURL(/[?&]q=nobody-by-this-name(&|$)/);
  await expect(status).toHaveText('Loaded 250 of 250 · 0 matching');
  await expect(userStatesGrid(page)).toContainText('No user principal name contains “nobody-by-this-name”.');
  await expect(userStatesGrid(page)).not.toContainText('No rows');

  await search.fill('');
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(status).toHaveText('Loaded 250 of 250');
  await expect(dataRows(page).first()).toBeVisible();
});

test('deep links hold their page while rows stream in: ?page=50 and ?q=sofia&page=5 on the big script', async ({ page, emulator }) => {
  test.setTimeout(150_000);
  const states = await emulator.userStates(BIG_SCRIPT_ID);
  const sofias = states.filter((state) => state.userPrincipalName.toLowerCase().includes('sofia'));
  expect(sofias.length, 'the seed has more than five pages of sofia').toBeGreaterThan(400);
  const status = page.getByRole('status').filter({ hasText: 'Loaded' });

  await openSignedIn(page, `${userStatesPath(BIG_SCRIPT_ID)}?page=50`, ACCOUNTS.admin.upn);
  await expect(dataRows(page).first()).toHaveAttribute('data-id', states[4900]?.id ?? '', { timeout: 60_000 });
  await expect(page).toHaveURL(/[?&]page=50(&|$)/);
  await expect(page.getByText(/^4,?901–5,?000 of /)).toBeVisible();

  await page.goto(`${userStatesPath(BIG_SCRIPT_ID)}?q=sofia&page=5`);
  await expect(dataRows(page).first()).toHaveAttribute('data-id', sofias[400]?.id ?? '', { timeout: 90_000 });
  await expect(status).toHaveText(/^Loaded 100,000 of 100,000 · [\d,]+ matching$/, { timeout: 90_000 });
  await expect(page).toHaveURL(/[?&]page=5(&|$)/);
  await expect(dataRows(page).first()).toHaveAttribute('data-id', sofias[400]?.id ?? '');
});

test('a link to a page beyond the last is held to the last page once every row is in, and says so', async ({ page, emulator }) => {
  const states = await emulator.userStates(MEDIUM_SCRIPT_ID);
  const lastPage = Math.ceil(states.length / 100);
  await openMediumScript(page, '?page=40');
  await expect(page.getByRole('alert')).toHaveText(`This link asked for page 40; there are ${lastPage} pages, so the last one is shown.`);
  await expect(dataRows(page).first()).toHaveAttribute('data-id', states[(lastPage - 1) * 100]?.id ?? '');
});

test('a link beyond the only page says "1 page", not "1 pages"', async ({ page, emulator }) => {
  const states = await emulator.userStates(MAIN_SCRIPT_ID);
  expect(states.length, 'the main script fits on one page of 100').toBeLessThanOrEqual(100);
  await openSignedIn(page, `${userStatesPath(MAIN_SCRIPT_ID)}?page=5`, ACCOUNTS.admin.upn);
  await waitForFullList(page);
  await expect(page.getByRole('alert')).toHaveText('This link asked for page 5; there is 1 page, so it is shown.');
  await expect(dataRows(page).first()).toHaveAttribute('data-id', states[0]?.id ?? '');
});
