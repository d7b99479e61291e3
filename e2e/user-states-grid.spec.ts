import { ACCOUNTS, BIG_SCRIPT_ID, KNOWN_USER_STATES, MAIN_SCRIPT_ID, MAIN_SCRIPT_USER_STATES, PAGED_SCRIPT_ID, seededUserStateCount } from '../emulator/constants';
import type { Page } from '@playwright/test';
import type { UserRunState } from './support/emulator-admin';
import { expect, holdRequests, openSignedIn, recordGraphCalls, test, userStatesPath } from './support/fixtures';

const scriptsPath = '/deviceManagement/deviceManagementScripts';

test('the scripts list shows name, description, run-as, last modified and run summary, and opens user states', async ({ page }) => {
  await openSignedIn(page, scriptsPath, ACCOUNTS.admin.upn);
  const table = page.getByRole('table', { name: 'Device management scripts' });
  for (const header of ['Name', 'Description', 'Run as', 'Last modified', 'Run summary']) {
    await expect(table.getByRole('columnheader', { name: header })).toBeVisible();
  }
  const row = table.getByRole('row').filter({ hasText: 'Map department network drives' });
  await expect(row).toContainText(/devices succeeded/);
  await row.getByRole('link', { name: 'Map department network drives' }).click();
  await expect(page).toHaveURL(userStatesPath(MAIN_SCRIPT_ID));
  await expect(page.getByRole('grid', { name: 'User run states' })).toBeVisible();
});

test('the grid shows UPN and both counts for every user state of a script', async ({ page }) => {
  await openSignedIn(page, userStatesPath(MAIN_SCRIPT_ID), ACCOUNTS.admin.upn);
  const grid = page.getByRole('grid', { name: 'User run states' });
  for (const header of ['User principal name', 'Success device count', 'Error device count']) {
    await expect(grid.getByRole('columnheader', { name: header })).toBeVisible();
  }
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(
    `Loaded ${MAIN_SCRIPT_USER_STATES.length} of ${MAIN_SCRIPT_USER_STATES.length}`,
  );
  const first = KNOWN_USER_STATES.first;
  const row = grid.locator(`[role="row"][data-id="${first.id}"]`);
  // Cells by column: the selection checkbox comes first.
  await expect(row.locator('[role="gridcell"][data-field="userPrincipalName"]')).toHaveText(first.userPrincipalName);
  await expect(row.locator('[role="gridcell"][data-field="successDeviceCount"]')).toHaveText(String(first.successDeviceCount));
  await expect(row.locator('[role="gridcell"][data-field="errorDeviceCount"]')).toHaveText(String(first.errorDeviceCount));
});

test('first rows appear after the first Graph page while the rest load behind with visible progress', async ({ page }) => {
  const total = seededUserStateCount(PAGED_SCRIPT_ID);
  // Hold back the second page until the in-between state has been seen, however busy the machine.
  const releaseSecondPage = await holdRequests(page, (url) => url.searchParams.has('$skiptoken'));
  const calls = recordGraphCalls(page);
  await openSignedIn(page, userStatesPath(PAGED_SCRIPT_ID), ACCOUNTS.admin.upn);
  const grid = page.getByRole('grid', { name: 'User run states' });
  await expect(grid.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Loading user states' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toContainText(`of ${total.toLocaleString('en-US')}`);
  // Still the held-back second page: the first page alone is loaded and the bar shows how far that is.
  const firstPageSize = 999;
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(
    `Loaded ${firstPageSize} of ${total.toLocaleString('en-US')}`,
  );
  const progress = page.getByRole('progressbar', { name: 'Loading user states' });
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow'))).toBeCloseTo((firstPageSize / total) * 100, 0);
  releaseSecondPage();
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(
    `Loaded ${total.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`,
    { timeout: 30_000 },
  );
  await expect(page.getByRole('progressbar', { name: 'Loading user states' })).toHaveCount(0);
  const listCalls = calls.filter((call) => call.method === 'GET' && call.url.pathname.endsWith('/userRunStates'));
  expect(listCalls).toHaveLength(2);
  // The largest page Graph honours, only the columns shown, and a total for the progress.
  expect(listCalls[0]?.url.searchParams.get('$top')).toBe('999');
  expect(listCalls[0]?.url.searchParams.get('$select')).toBe('id,userPrincipalName,successDeviceCount,errorDeviceCount');
  expect(listCalls[0]?.url.searchParams.get('$count')).toBe('true');
});

test('search, sort and page live in the URL, and a shared list link opens the same view', async ({ page, context, emulator }) => {
  // The view the grid must show on page 2: matches for "an", most errors first, ties in list order.
  const pageSize = 100;
  const matches = (await emulator.userStates(PAGED_SCRIPT_ID)).filter((state) => state.userPrincipalName.toLowerCase().includes('an'));
  const expectedOrder = matches.toSorted((a, b) => b.errorDeviceCount - a.errorDeviceCount);
  const expectedPageTwo = expectedOrder.slice(pageSize, 2 * pageSize);
  expect(expectedPageTwo.length, 'the seed has more than one page of matches').toBeGreaterThan(0);
  await openSignedIn(page, userStatesPath(PAGED_SCRIPT_ID), ACCOUNTS.admin.upn);
  const grid = page.getByRole('grid', { name: 'User run states' });
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(/Loaded 1,250 of 1,250/);

  await page.getByLabel('Search by user principal name').fill('an');
  await expect(page).toHaveURL(/[?&]q=an(&|$)/);
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toContainText('matching');
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(
    `Loaded 1,250 of 1,250 · ${matches.length.toLocaleString('en-US')} matching`,
  );
  const upnCells = grid.locator('[role="row"][data-id] [data-field="userPrincipalName"]');
  await expect(upnCells.first()).toBeVisible();
  for (const text of await upnCells.allTextContents()) expect(text.toLowerCase()).toContain('an');

  await grid.getByRole('columnheader', { name: 'Error device count' }).click();
  await expect(page).toHaveURL(/sort=errorDeviceCount&dir=asc/);
  await grid.getByRole('columnheader', { name: 'Error device count' }).click();
  await expect(page).toHaveURL(/sort=errorDeviceCount&dir=desc/);
  await expect(grid.getByRole('columnheader', { name: 'Error device count' })).toHaveAttribute('aria-sort', 'descending');
  const errorCells = grid.locator('[role="row"][data-id] [data-field="errorDeviceCount"]');
  // The whole list is sorted, not only the rows on screen: the most errors of all matches come first.
  await expect(errorCells.first()).toHaveText(String(expectedOrder[0]?.errorDeviceCount));
  const counts = (await errorCells.allTextContents()).map(Number);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));

  const firstPageFirstUpn = (await upnCells.first().textContent()) ?? '';
  await page.getByRole('button', { name: 'Go to next page' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(upnCells.first()).not.toHaveText(firstPageFirstUpn);
  await expectPageStartsWith(page, expectedPageTwo);
  const secondPageFirstUpn = await upnCells.first().textContent();
  const sharedLink = page.url();

  // A colleague (another tab of the same signed-in browser) opens the shared link.
  const other = await context.newPage();
  await other.goto(sharedLink);
  const otherGrid = other.getByRole('grid', { name: 'User run states' });
  await expect(other.getByRole('status').filter({ hasText: 'Loaded' })).toContainText('Loaded 1,250 of 1,250');
  await expect(other.getByLabel('Search by user principal name')).toHaveValue('an');
  await expect(otherGrid.locator('[role="row"][data-id] [data-field="userPrincipalName"]').first()).toHaveText(secondPageFirstUpn ?? '');
  await expect(otherGrid.getByRole('columnheader', { name: 'Error device count' })).toHaveAttribute('aria-sort', 'descending');
  await expectPageStartsWith(other, expectedPageTwo);

  // Back and forward walk the view history.
  await page.goBack();
  await expect(page).not.toHaveURL(/page=2/);
  await page.goForward();
  await expect(page).toHaveURL(/page=2/);
});

test('a script that does not exist gets a clear not-found page with a way back', async ({ page }) => {
  await openSignedIn(page, userStatesPath('00000000-0000-0000-0000-000000000000'), ACCOUNTS.admin.upn);
  await expect(page.getByRole('heading', { name: 'Script not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to scripts' }).click();
  await expect(page).toHaveURL(scriptsPath);
});

test('a script with 100,000 user states shows its first rows at once and stays usable while the rest stream in', async ({ page }) => {
  test.setTimeout(120_000);
  await openSignedIn(page, userStatesPath(BIG_SCRIPT_ID), ACCOUNTS.admin.upn);
  const grid = page.getByRole('grid', { name: 'User run states' });
  await expect(grid.locator('[role="row"][data-id]').first()).toBeVisible();
  const status = page.getByRole('status').filter({ hasText: 'Loaded' });
  await expect(status).toContainText('of 100,000');
  await expect(page.getByRole('progressbar', { name: 'Loading user states' })).toBeVisible();

  // While rows stream in, searching and paging answer.
  await page.getByLabel('Search by user principal name').fill('zoe');
  await expect(page).toHaveURL(/q=zoe/);
  await expect(status).toContainText('matching');
  const upnCells = grid.locator('[role="row"][data-id] [data-field="userPrincipalName"]');
  await expect(upnCells.first()).toContainText(/zoe/i);

  await expect(status).toHaveText(/^Loaded 100,000 of 100,000 · [\d,]+ matching$/, { timeout: 90_000 });
  for (const text of await upnCells.allTextContents()) expect(text.toLowerCase()).toContain('zoe');
});

/** The grid's first rows (those on screen without scrolling) are these user states, in this order. */
async function expectPageStartsWith(page: Page, states: readonly UserRunState[]): Promise<void> {
  const rows = page.getByRole('grid', { name: 'User run states' }).locator('[role="row"][data-id]');
  for (const [index, state] of states.slice(0, 5).entries()) {
    await expect(rows.nth(index)).toHaveAttribute('data-id', state.id);
  }
}
