import type { Page } from '@playwright/test';
import { ACCOUNTS, MEDIUM_SCRIPT_ID } from '../emulator/constants';
import { expectNoAxeViolations } from './support/axe';
import type { LoggedRequest, UserRunState } from './support/emulator-admin';
import { expect, openSignedIn, test, userStatesPath } from './support/fixtures';
import { editInline, gridRow, openFullGrid, userStatesGrid } from './support/grid';

/** The 250-row script's rows with errors, signed in as the administrator. */
async function openErrorRows(page: Page): Promise<void> {
  await openSignedIn(page, `${userStatesPath(MEDIUM_SCRIPT_ID)}?status=errors`, ACCOUNTS.admin.upn);
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(/^Loaded ([\d,]+) of \1 · [\d,]+ matching$/);
}

/**
 * Ticks the checkboxes of the first `count` rows in the grid's order, scrolling its viewport (the
 * grid mounts only the rows on screen). Returns their ids.
 */
async function selectFirstRows(page: Page, count: number): Promise<string[]> {
  const grid = userStatesGrid(page);
  const selected: string[] = [];
  while (selected.length < count) {
    const ids = await grid.locator('[role="row"][data-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id') ?? ''));
    for (const id of ids) {
      if (selected.length === count || selected.includes(id)) continue;
      // Not `check()`: it reads the box straight after the click, while the grid paints a controlled
      // selection one task later (its prop reaches the grid's store in an effect).
      const checkbox = gridRow(page, id).getByRole('checkbox');
      await checkbox.click();
      await expect(checkbox).toBeChecked();
      selected.push(id);
    }
    await grid.locator('.MuiDataGrid-virtualScroller').evaluate((scroller) => {
      scroller.scrollTop += scroller.clientHeight / 2;
    });
  }
  // Back to the top, where the grid's keyboard focus (its first cell) is mounted again.
  await grid.locator('.MuiDataGrid-virtualScroller').evaluate((scroller) => {
    scroller.scrollTop = 0;
  });
  await expect(page.getByRole('toolbar', { name: 'Selection' }).getByRole('status')).toHaveText(`${count} selected`);
  return selected;
}

function panel(page: Page) {
  return page.getByRole('region', { name: /^Bulk edit/ });
}

/** Opens "Edit selected", types the counts and waits for the preview. */
async function openBulkEdit(page: Page, values: { success?: string; error?: string }, selectedCount: number) {
  await page.getByRole('button', { name: 'Edit selected' }).click();
  const dialog = page.getByRole('dialog', { name: `Edit ${selectedCount} user states` });
  if (values.success !== undefined) await dialog.getByRole('textbox', { name: 'Success device count' }).fill(values.success);
  if (values.error !== undefined) await dialog.getByRole('textbox', { name: 'Error device count' }).fill(values.error);
  return dialog;
}

async function applyAndFinish(page: Page, dialog: ReturnType<Page['getByRole']>, total: number) {
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel(page).getByRole('heading')).toHaveText('Bulk edit: Finished', { timeout: 45_000 });
  await expect(panel(page).getByRole('status')).toContainText(`${total} of ${total} done`);
}

/** The inner requests of the app's `$batch` requests, per batch, and any request sent outside a batch. */
function batchesOf(log: LoggedRequest[]) {
  const inner = new Map<string, LoggedRequest[]>();
  for (const entry of log) {
    if (entry.batch === undefined) continue;
    inner.set(entry.batch.requestId, [...(inner.get(entry.batch.requestId) ?? []), entry]);
  }
  const outer = log.filter((entry) => entry.method === 'POST' && entry.path.startsWith('/beta/$batch'));
  const singles = log.filter((entry) => entry.batch === undefined && entry.path.includes('/userRunStates/'));
  return { inner, outer, singles };
}

test('selecting 30 rows and setting the error count to 0 changes exactly those rows, through $batch only', async ({ page, emulator }) => {
  const before = await emulator.userStates(MEDIUM_SCRIPT_ID);
  await openFullGrid(page, MEDIUM_SCRIPT_ID, ACCOUNTS.admin.upn);
  const selected = await selectFirstRows(page, 30);
  const changing = before.filter((row) => selected.includes(row.id) && row.errorDeviceCount !== 0);
  await emulator.clearRequests();

  const dialog = await openBulkEdit(page, { error: '0' }, 30);
  await expect(dialog.getByRole('status')).toHaveText(`${changing.length} rows change; ${30 - changing.length} skipped (already had these values).`);
  await expect(dialog.getByRole('table', { name: 'Rows that change' }).getByRole('row')).toHaveCount(changing.length + 1);
  await applyAndFinish(page, dialog, 30);
  await expect(panel(page)).toContainText(`Saved ${changing.length} · Skipped ${30 - changing.length} · Conflicts 0 · Failed 0`);

  const after = await emulator.userStates(MEDIUM_SCRIPT_ID);
  const expected = before.map((row): UserRunState => (selected.includes(row.id) ? { ...row, errorDeviceCount: 0 } : row));
  expect(after).toEqual(expected);
  const { inner, outer, singles } = batchesOf(await emulator.requests());
  expect(singles).toEqual([]);
  expect(outer.length).toBeGreaterThan(0);
  expect(inner.size).toBe(outer.length);
  for (const requests of inner.values()) expect(requests.length).toBeLessThanOrEqual(20);
  const patched = [...inner.values()].flat().filter((entry) => entry.method === 'PATCH');
  expect(patched.map((entry) => entry.path.split('/').at(-1)).sort()).toEqual(changing.map((row) => row.id).sort());
});

test('a row changed in another browser after it was selected ends as a conflict and keeps the other value', async ({ page, browser, emulator }) => {
  await openErrorRows(page);
  const selected = await selectFirstRows(page, 3);
  const [changed = ''] = selected;
  const stored = await emulator.userState(MEDIUM_SCRIPT_ID, changed);
  const theirs = (stored?.errorDeviceCount ?? 0) + 5;

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await openErrorRows(otherPage);
  await editInline(otherPage, changed, 'errorDeviceCount', String(theirs));
  await expect.poll(async () => (await emulator.userState(MEDIUM_SCRIPT_ID, changed))?.errorDeviceCount).toBe(theirs);
  await other.close();

  const dialog = await openBulkEdit(page, { error: '0' }, 3);
  await applyAndFinish(page, dialog, 3);
  const row = panel(page).locator(`tr[data-id="${changed}"]`);
  await expect(row).toContainText(`Conflict (changed by someone else since you selected it: success ${stored?.successDeviceCount}, error ${theirs} → success ${stored?.successDeviceCount}, error 0)`);
  await expect(row.getByRole('button', { name: /^Overwrite/ })).toBeVisible();
  await expect(panel(page).getByRole('button', { name: 'Overwrite all conflicts' })).toBeVisible();
  expect((await emulator.userState(MEDIUM_SCRIPT_ID, changed))?.errorDeviceCount).toBe(theirs);
  for (const id of selected.slice(1)) expect((await emulator.userState(MEDIUM_SCRIPT_ID, id))?.errorDeviceCount).toBe(0);
  expect(await emulator.patchBodies(changed)).toEqual([{ errorDeviceCount: theirs }]);
});

test('inner 429s and a 500 are retried until every row is saved, each Retry-After honoured', async ({ page, emulator }) => {
  await openFullGrid(page, MEDIUM_SCRIPT_ID, ACCOUNTS.admin.upn);
  const selected = await selectFirstRows(page, 30);
  await emulator.clearRequests();
  await emulator.setFaults([
    { method: 'PATCH', path: '/userRunStates/', status: 429, retryAfter: 1, skip: 3, times: 4 },
    { method: 'PATCH', path: '/userRunStates/', status: 500, skip: 12, times: 1 },
  ]);

  const dialog = await openBulkEdit(page, { success: '50' }, 30);
  await applyAndFinish(page, dialog, 30);
  await expect(panel(page)).toContainText('Saved 30 · Skipped 0 · Conflicts 0 · Failed 0');

  for (const id of selected) expect((await emulator.userState(MEDIUM_SCRIPT_ID, id))?.successDeviceCount).toBe(50);
  const log = await emulator.requests();
  expect(log.filter((entry) => entry.batch !== undefined && entry.status === 429)).toHaveLength(4);
  expect(log.filter((entry) => entry.batch !== undefined && entry.status === 500)).toHaveLength(1);
  expect(batchesOf(log).singles).toEqual([]);
  const report = await emulator.retryCompliance();
  expect(report.summary).toMatchObject({ withRetryAfter: 4, retried: 4, compliant: 4, violations: 0, notRetried: 0 });
});

test('the read-only account can select rows but cannot edit or apply them', async ({ page, emulator }) => {
  await openFullGrid(page, MEDIUM_SCRIPT_ID, ACCOUNTS.helpdesk.upn);
  await selectFirstRows(page, 2);
  await expect(page.getByRole('button', { name: 'Clear selection' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit selected' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Apply' })).toHaveCount(0);
  const log = await emulator.requests();
  expect(log.filter((entry) => entry.method === 'PATCH' || entry.path.startsWith('/beta/$batch'))).toEqual([]);
});

test('keyboard alone: Space on a row checkbox selects the row, Space again clears it, and the header clears or selects the whole view', async ({ page }) => {
  await openFullGrid(page, MEDIUM_SCRIPT_ID, ACCOUNTS.admin.upn);
  const rows = userStatesGrid(page).locator('[role="row"][data-id]');
  const first = rows.nth(0);
  const second = rows.nth(1);
  const selectionStatus = page.getByRole('toolbar', { name: 'Selection' }).getByRole('status');
  await first.locator('[data-field="userPrincipalName"]').click();
  await page.keyboard.press('ArrowLeft');
  await expect(first.getByRole('checkbox', { name: 'Select row' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(first.getByRole('checkbox', { name: 'Unselect row' })).toBeChecked();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(second.getByRole('checkbox', { name: 'Select row' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(selectionStatus).toHaveText('2 selected');
  await page.keyboard.press('Space');
  await expect(second.getByRole('checkbox', { name: 'Select row' })).not.toBeChecked();
  await expect(selectionStatus).toHaveText('1 selected');
  // Up to the header's checkbox: every row of the view, not only this page.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  const header = page.getByRole('checkbox', { name: 'Select all rows' });
  await expect(header).toBeFocused();
  // A partly selected view is cleared first (the header's mixed state), as the grid does on a click.
  await page.keyboard.press('Space');
  await expect(selectionStatus).toBeHidden();
  await page.keyboard.press('Space');
  await expect(selectionStatus).toHaveText('250 selected');
  await expect(first.getByRole('checkbox', { name: 'Unselect row' })).toBeChecked();
  // One count only: the grid's footer would count the ticked rows of its page (100 of the 250).
  await expect(page.getByText(/rows? selected/)).toHaveCount(0);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the bulk edit dialog and the job panel pass axe in ${colorScheme} mode`, async ({ page, emulator }) => {
    await page.emulateMedia({ colorScheme });
    // The whole list, so the edited rows stay on screen (rows that leave a filtered view take the grid's keyboard focus with them).
    await openFullGrid(page, MEDIUM_SCRIPT_ID, ACCOUNTS.admin.upn);
    const selected = await selectFirstRows(page, 3);
    const dialog = await openBulkEdit(page, { success: '50' }, 3);
    await expect(dialog.getByRole('status')).toHaveText('3 rows change; 0 skipped (already had these values).');
    await expectNoAxeViolations(page);
    await applyAndFinish(page, dialog, 3);
    await expectNoAxeViolations(page);
    for (const id of selected) expect((await emulator.userState(MEDIUM_SCRIPT_ID, id))?.successDeviceCount).toBe(50);
  });
}

function firstTwo<T>(items: readonly T[]): [T, T] {
  const [first, second] = items;
  if (first === undefined || second === undefined) throw new Error('expected at least two items');
  return [first, second];
}

test('undoing a 30-row bulk edit restores every row that still held its value and reports the others as conflicts', async ({ page, emulator }) => {
  const before = await emulator.userStates(MEDIUM_SCRIPT_ID);
  await openFullGrid(page, MEDIUM_SCRIPT_ID, ACCOUNTS.admin.upn);
  const selected = await selectFirstRows(page, 30);
  const target = 9;
  const changing = before.filter((row) => selected.includes(row.id) && row.errorDeviceCount !== target);
  expect(changing.length).toBeGreaterThan(2);
  const dialog = await openBulkEdit(page, { error: String(target) }, 30);
  await applyAndFinish(page, dialog, 30);
  await panel(page).getByRole('button', { name: 'Close' }).click();

  // Another administrator changes two of the job's rows after it.
  const [theirsA, theirsB] = firstTwo(changing);
  await emulator.patchUserState(MEDIUM_SCRIPT_ID, theirsA.id, { errorDeviceCount: 4 });
  await emulator.patchUserState(MEDIUM_SCRIPT_ID, theirsB.id, { successDeviceCount: 11 });
  await emulator.clearRequests();

  await page.getByRole('button', { name: 'Changes' }).click();
  const changes = page.getByRole('dialog', { name: 'Changes in this session' });
  await changes.getByRole('button', { name: new RegExp(`^Undo the ${changing.length} saves at `) }).click();
  await expect(changes).toBeHidden();
  await expect(panel(page).getByRole('heading')).toHaveText('Bulk edit: Finished', { timeout: 45_000 });
  await expect(panel(page)).toContainText(`Saved ${changing.length - 2} · Skipped 0 · Conflicts 2 · Failed 0`);

  const after = await emulator.userStates(MEDIUM_SCRIPT_ID);
  const expected = before.map((row): UserRunState => {
    if (row.id === theirsA.id) return { ...row, errorDeviceCount: 4 };
    if (row.id === theirsB.id) return { ...row, errorDeviceCount: target, successDeviceCount: 11 };
    return row;
  });
  expect(after).toEqual(expected);
  const { singles } = batchesOf(await emulator.requests());
  expect(singles).toEqual([]);
});
