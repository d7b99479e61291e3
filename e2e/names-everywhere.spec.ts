import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Locator, Page } from '@playwright/test';
import { ACCOUNTS, HOSTILE_SCRIPT_ID, HOSTILE_USER_STATES } from '../emulator/constants';
import { expect, openSignedIn, test, userStatePath, userStatesPath } from './support/fixtures';
import { editInline, gridCell, gridRow, waitForFullList } from './support/grid';

const rtlState = HOSTILE_USER_STATES.find((state) => state.userPrincipalName.includes('\u202E'));
const rtlUpn = rtlState?.userPrincipalName ?? 'missing';
/** The name as the app must show it: the override written out as a visible marker. */
const marked = rtlUpn.replace('\u202E', '⟨U+202E⟩');
/** What a reader sees when the override is rendered: the name reversed, "…@exe.png". */
const reversed = [...rtlUpn.replace('\u202E', '')].reverse().join('');
const warning = 'contains hidden or direction-changing characters';
const cleanUpn = rtlUpn.replace('\u202E', '');

/** Shows the marker and neither the raw override (which would reverse the name) nor the reversed text. */
async function expectMarked(place: Locator, withWarning = true): Promise<void> {
  await expect(place).toContainText(marked);
  if (withWarning) await expect(place).toContainText(warning);
  const text = (await place.textContent()) ?? '';
  expect(text).not.toContain('\u202E');
  expect(text).not.toContain(reversed);
}

function expectMarkedText(text: string): void {
  expect(text).toContain(marked);
  expect(text).not.toContain('\u202E');
  expect(text).not.toContain(reversed);
}

async function exportedUpn(page: Page, stateId: string): Promise<{ file: string; upn: string | undefined }> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await readFile(await (await downloading).path(), 'utf8');
  const records = Papa.parse<Record<string, string>>(file.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  return { file, upn: records.find((record) => record.id === stateId)?.userPrincipalName };
}

test('every place that shows the right-to-left-override UPN shows its marker, never the reversed name', async ({ page, emulator }) => {
  test.setTimeout(120_000);
  expect(rtlState, 'the seed has a UPN with U+202E').toBeDefined();
  const stateId = rtlState?.id ?? '';

  // The script's device status view: the device's user.
  await openSignedIn(page, `/deviceManagement/deviceManagementScripts/${HOSTILE_SCRIPT_ID}/deviceRunStates`, ACCOUNTS.admin.upn);
  const deviceTable = page.getByRole('table', { name: 'Device run states' });
  await expect(deviceTable).toBeVisible();
  await expectMarked(deviceTable.getByRole('row').filter({ hasText: marked }).first().getByRole('link'));

  // The grid's cell, and the exported file.
  await page.goto(userStatesPath(HOSTILE_SCRIPT_ID));
  await waitForFullList(page);
  await expectMarked(gridCell(page, stateId, 'userPrincipalName'));
  const exported = await exportedUpn(page, stateId);
  expect(exported.upn).toBe(marked);
  expectMarkedText(exported.file);

  // The record: heading, breadcrumb, document title, and what the name field holds.
  await gridRow(page, stateId).getByRole('link', { name: 'Open' }).click();
  await expect(page).toHaveURL(userStatePath(HOSTILE_SCRIPT_ID, stateId));
  await expectMarked(page.getByRole('heading', { level: 1 }));
  await expectMarked(page.getByRole('navigation', { name: 'Breadcrumb' }));
  await expect(page).toHaveTitle(new RegExp(marked.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  expectMarkedText(await page.title());
  const upnField = page.getByRole('textbox', { name: 'User principal name' });
  await expect(upnField).toHaveAccessibleDescription(new RegExp(marked.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

  // The conflict dialog: another admin changed the record while the user fixed the name.
  await emulator.patchAsOtherAdmin(ACCOUNTS.admin.upn, HOSTILE_SCRIPT_ID, stateId, { successDeviceCount: 300 });
  await upnField.fill(cleanUpn);
  await page.getByLabel('Success device count').fill('200');
  await page.getByRole('button', { name: 'Save' }).click();
  const dialog = page.getByRole('dialog', { name: 'Someone else changed this user state' });
  await expectMarked(dialog.locator('#conflict-description'));
  await expectMarked(dialog.getByRole('row').filter({ hasText: 'User principal name' }).getByRole('cell').last());
  await dialog.getByRole('button', { name: 'Keep theirs' }).click();
  await expect(dialog).toBeHidden();

  // An inline save that Graph refuses names the record it was for; the retry's "Saved" toast names
  // the fixed name (a name with hidden characters is never saved: the editors refuse it).
  await page.goto(userStatesPath(HOSTILE_SCRIPT_ID));
  await waitForFullList(page);
  await emulator.setFaults([{ method: 'PATCH', path: stateId, status: 400, times: 1 }]);
  await editInline(page, stateId, 'userPrincipalName', cleanUpn);
  const failed = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expectMarked(failed.locator('.MuiAlertTitle-root'));
  await failed.getByRole('button', { name: 'Retry' }).click();
  // The toast's message, apart from its Undo button.
  const saved = page.getByRole('alert').filter({ hasText: /^Saved / }).locator('.MuiAlert-message');
  await expect(saved).toHaveText(`Saved ${cleanUpn}`);
  await expect.poll(async () => (await emulator.userState(HOSTILE_SCRIPT_ID, stateId))?.userPrincipalName).toBe(cleanUpn);
});

test('a bulk edit and an import of the right-to-left-override row show its marker: preview, job, export', async ({ page }) => {
  test.setTimeout(120_000);
  const stateId = rtlState?.id ?? '';
  await openSignedIn(page, userStatesPath(HOSTILE_SCRIPT_ID), ACCOUNTS.admin.upn);
  await waitForFullList(page);
  const checkbox = gridRow(page, stateId).getByRole('checkbox');
  await checkbox.click();
  await expect(checkbox).toBeChecked();
  const success = Number(await gridCell(page, stateId, 'successDeviceCount').textContent());

  // The bulk edit's preview, the job's panel and the job's export.
  await page.getByRole('button', { name: 'Edit selected' }).click();
  const dialog = page.getByRole('dialog', { name: /^Edit 1 user state/ });
  await dialog.getByRole('textbox', { name: 'Success device count' }).fill(String(success + 1));
  await expectMarked(dialog.getByRole('row').filter({ hasText: marked }).getByRole('cell').first());
  await dialog.getByRole('button', { name: 'Apply' }).click();
  const jobPanel = page.getByRole('region', { name: /^Bulk edit/ });
  await expect(jobPanel.getByRole('heading')).toHaveText('Bulk edit: Finished', { timeout: 45_000 });
  await expectMarked(jobPanel.getByRole('row').filter({ hasText: marked }).getByRole('cell').first());
  // The panel fits the page: nothing in it (its hidden column header) widens the page sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  const downloading = page.waitForEvent('download');
  await jobPanel.getByRole('button', { name: 'Export CSV' }).click();
  const jobFile = await readFile(await (await downloading).path(), 'utf8');
  expectMarkedText(jobFile);

  // An import that names the row by id and fixes its name: the line's subject and its change.
  await page
    .getByLabel('Import CSV')
    .setInputFiles({
      name: 'names.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`id,userPrincipalName,successDeviceCount,errorDeviceCount\r\n${stateId},${cleanUpn},${success + 1},${rtlState?.errorDeviceCount ?? 0}\r\n`),
    });
  const preview = page.getByRole('dialog', { name: 'Import corrections from names.csv' });
  const line = preview.getByRole('table', { name: 'Lines of the file' }).getByRole('row').nth(1);
  await expectMarked(line.getByRole('cell').nth(1));
  await expect(line.getByRole('cell').nth(2)).toHaveText(`User principal name ${marked} → ${cleanUpn}`);
});

test('the record of the right-to-left-override row saves a count without renaming its user', async ({ page, emulator }) => {
  const stateId = rtlState?.id ?? '';
  await openSignedIn(page, userStatePath(HOSTILE_SCRIPT_ID, stateId), ACCOUNTS.admin.upn);
  const upnField = page.getByRole('textbox', { name: 'User principal name' });
  // The name as Graph holds it is no error: a save sends only what changed.
  await expect(upnField).toHaveAttribute('aria-invalid', 'false');
  await page.getByLabel('Success device count').fill('41');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => (await emulator.userState(HOSTILE_SCRIPT_ID, stateId))?.successDeviceCount).toBe(41);
  expect(await emulator.patchBodies(stateId)).toEqual([{ successDeviceCount: 41 }]);
  expect((await emulator.userState(HOSTILE_SCRIPT_ID, stateId))?.userPrincipalName).toBe(rtlUpn);
});
