import type { Locator, Page } from '@playwright/test';
import { ACCOUNTS, HOSTILE_SCRIPT_ID, HOSTILE_USER_STATES, KNOWN_USER_STATES, MAIN_SCRIPT_ID, MEDIUM_SCRIPT_ID } from '../emulator/constants';
import type { EmulatorAdmin } from './support/emulator-admin';
import { expect, openSignedIn, test, userStatePath } from './support/fixtures';
import { gridRow, openFullGrid, userStatesGrid } from './support/grid';
import { emulatorOrigin } from './support/origins';

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** The accessible names of the icon buttons (buttons and links without text) visible in a region. */
async function iconButtonNames(region: Locator): Promise<string[]> {
  return region.locator('button, a[href]').evaluateAll((elements) =>
    elements
      .filter((element) => element instanceof HTMLElement && element.checkVisibility() && element.innerText.trim() === '')
      .map((element) => element.getAttribute('aria-label') ?? ''),
  );
}

/** Points at every icon button of the region and expects an MUI tooltip saying its accessible name. */
async function expectTooltipsSayTheirNames(page: Page, region: Locator, expected: string[]): Promise<void> {
  // The region is read once: wait until the buttons it must hold are shown.
  for (const name of expected) await expect(region.getByRole(name === 'Open' ? 'link' : 'button', { name, exact: true }).first()).toBeVisible();
  const names = await iconButtonNames(region);
  expect(names).toEqual(expect.arrayContaining(expected));
  for (const name of names) {
    expect(name, 'an icon button without an accessible name').not.toBe('');
    const button = region.getByRole(name === 'Open' ? 'link' : 'button', { name, exact: true }).first();
    // A disabled paging button gets no pointer events; its wrapper shows the tooltip.
    await ((await button.isDisabled()) ? button.locator('xpath=..') : button).hover();
    await expect(page.getByRole('tooltip').filter({ hasText: exactly(name) }), name).toBeVisible();
  }
}

test('every icon button of the grid page has a tooltip with its accessible name', async ({ page, emulator }) => {
  const [first] = await emulator.userStates(MEDIUM_SCRIPT_ID);
  await openFullGrid(page, MEDIUM_SCRIPT_ID, ACCOUNTS.admin.upn);
  // The run summary arrives after the grid and pushes it down: hover only once the page is at rest.
  await expect(page.getByRole('region', { name: 'Run summary' })).toBeVisible();
  await expectTooltipsSayTheirNames(page, page.getByRole('banner'), ['Dark mode']);
  await expectTooltipsSayTheirNames(page, gridRow(page, first?.id ?? ''), ['Copy link', 'Open']);
  // The grid's footer (paging) sits beside its role="grid" element, not in it.
  const footer = page.locator('.MuiDataGrid-footerContainer');
  await expectTooltipsSayTheirNames(page, footer, ['Go to first page', 'Go to previous page', 'Go to next page', 'Go to last page']);

  // A column's sort and menu buttons show while the pointer is on its header.
  const header = userStatesGrid(page).getByRole('columnheader', { name: 'Success device count' });
  await header.hover();
  await expect(header.getByRole('button').first()).toBeVisible();
  const headerNames = await iconButtonNames(header);
  expect(headerNames.length).toBeGreaterThanOrEqual(2);
  for (const name of headerNames) {
    await header.hover();
    await header.getByRole('button', { name, exact: true }).hover();
    await expect(page.getByRole('tooltip').filter({ hasText: exactly(name) }), name).toBeVisible();
  }

  // A toast's close button too.
  await gridRow(page, first?.id ?? '').getByRole('button', { name: 'Copy link' }).click();
  const toast = page.getByRole('alert').filter({ hasText: 'Link copied' });
  await expectTooltipsSayTheirNames(page, toast, ['Close']);
});

test('a record opened from the grid names its script in the breadcrumb, moves focus to the form heading and shows Id as read-only', async ({ page, request }) => {
  const state = KNOWN_USER_STATES.first;
  const script = await request.get(`${emulatorOrigin}/_emulator/store/deviceManagementScripts/${MAIN_SCRIPT_ID}`);
  const scriptName = ((await script.json()) as { displayName: string }).displayName;
  await openFullGrid(page, MAIN_SCRIPT_ID, ACCOUNTS.admin.upn);
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText(scriptName);
  await gridRow(page, state.id).getByRole('link', { name: 'Open' }).click();
  await expect(page).toHaveURL(userStatePath(MAIN_SCRIPT_ID, state.id));
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(`User state: ${state.userPrincipalName}`);
  await expect(heading).toBeFocused();
  const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(breadcrumb.getByRole('link', { name: scriptName })).toHaveAttribute('href', `/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates`);
  await expect(breadcrumb).toContainText(state.userPrincipalName);
  const id = page.getByRole('textbox', { name: 'Id' });
  await expect(id).toHaveAttribute('readonly', '');
  await expect(id).toHaveAccessibleDescription('Read only');
  // Filled, unlike the editable outlined fields: it does not look like a box to type in.
  await expect(page.locator('.MuiFilledInput-root').filter({ has: id })).toHaveCount(1);
  await expect(page.locator('.MuiOutlinedInput-root').filter({ has: id })).toHaveCount(0);
});

// The seeded name with a right-to-left override: its marker and the words of warning make the
// widest value of the last column.
const rtlState = HOSTILE_USER_STATES.find((state) => state.userPrincipalName.includes('\u202E'));

/** Opens that record, lets another admin change it, saves a fix of the name and returns the conflict dialog. */
async function openConflict(page: Page, emulator: EmulatorAdmin): Promise<Locator> {
  const stateId = rtlState?.id ?? '';
  await openSignedIn(page, userStatePath(HOSTILE_SCRIPT_ID, stateId), ACCOUNTS.admin.upn);
  const success = page.getByLabel('Success device count');
  await expect(success).toBeEditable();
  await emulator.patchAsOtherAdmin(ACCOUNTS.admin.upn, HOSTILE_SCRIPT_ID, stateId, { successDeviceCount: 300 });
  await page.getByLabel('User principal name').fill(rtlState?.userPrincipalName.replace('\u202E', '') ?? '');
  await success.fill('200');
  await page.getByRole('button', { name: 'Save' }).click();
  const dialog = page.getByRole('dialog', { name: 'Someone else changed this user state' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The element's right edge lies within the viewport and within its container. */
async function expectFullyInside(element: Locator, container: Locator, viewportWidth: number): Promise<void> {
  const box = await element.boundingBox();
  const outer = await container.boundingBox();
  expect(box).not.toBeNull();
  expect(outer).not.toBeNull();
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(Math.min(viewportWidth, (outer?.x ?? 0) + (outer?.width ?? 0)) + 0.5);
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
}

for (const viewport of [{ width: 1400, height: 900 }, { width: 400, height: 860 }]) {
  test.describe(`at ${viewport.width} px wide`, () => {
    test.use({ viewport });

    test('the conflict dialog shows the "Current value in Intune" column whole', async ({ page, emulator }) => {
      const dialog = await openConflict(page, emulator);
      const table = dialog.getByRole('table', { name: 'Your values and the current values in Intune' });
      const current = table.getByRole('columnheader', { name: 'Current value in Intune' });
      await expectFullyInside(current, dialog, viewport.width);
      await expect(table.locator('tbody tr')).toHaveCount(3);
      for (const row of await table.locator('tbody tr').all()) await expectFullyInside(row.getByRole('cell').last(), dialog, viewport.width);
      await expect(table.getByRole('row').filter({ hasText: 'Success device count' })).toContainText('300');
      await expect(table.getByRole('row').filter({ hasText: 'User principal name' })).toContainText('contains hidden or direction-changing characters');
      // Nothing scrolls sideways: every value wraps within the dialog.
      expect(await dialog.locator('.MuiDialogContent-root').evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      await expectFullyInside(dialog.getByRole('button', { name: 'Overwrite with mine' }), dialog, viewport.width);
    });
  });
}

test.describe('at 400 px wide', () => {
  test.use({ viewport: { width: 400, height: 860 } });

  test('the grid keeps both count columns on screen, their headers whole, under a header of at most two lines', async ({ page }) => {
    const state = KNOWN_USER_STATES.withErrors;
    await openFullGrid(page, MAIN_SCRIPT_ID, ACCOUNTS.admin.upn);
    const header = await page.getByRole('banner').boundingBox();
    expect(header?.height).toBeLessThanOrEqual(64);
    const grid = userStatesGrid(page);
    for (const name of ['Success device count', 'Error device count']) {
      const column = grid.getByRole('columnheader', { name });
      await expectFullyInside(column, grid, 400);
      // Wrapped onto short lines, not cut off with an ellipsis.
      expect(await column.locator('.MuiDataGrid-columnHeaderTitle').evaluate((title) => title.scrollWidth <= title.clientWidth && title.scrollHeight <= title.clientHeight + 1)).toBe(true);
    }
    await expect(gridRow(page, state.id).locator('[data-field="errorDeviceCount"]')).toHaveText(String(state.errorDeviceCount));
    await expectFullyInside(gridRow(page, state.id).locator('[data-field="errorDeviceCount"]'), grid, 400);
    await expectFullyInside(gridRow(page, state.id).getByRole('link', { name: 'Open' }), grid, 400);
  });
});
