import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { ACCOUNTS, HOSTILE_SCRIPT_ID, MEDIUM_SCRIPT_ID } from '../emulator/constants';
import type { Download, Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { expect, openSignedIn, test, userStatesPath } from './support/fixtures';

const formulaUpn = '=HYPERLINK("http://evil.example/","open")@contoso.onmicrosoft.com';

test('Export CSV downloads exactly the rows of the searched view, formulas neutralised', async ({ page, emulator }) => {
  await openSignedIn(page, `${userStatesPath(HOSTILE_SCRIPT_ID)}?q=h`, ACCOUNTS.admin.upn);
  const exportButton = page.getByRole('button', { name: 'Export CSV' });
  await expect(exportButton).toBeEnabled();
  await expect(page.getByRole('status').filter({ hasText: 'matching' })).toBeVisible();

  const downloading = page.waitForEvent('download');
  await exportButton.click();
  const download = await downloading;
  await expect(page.getByText(/^Exported \d+ user states? to CSV$/)).toBeVisible();
  expect(download.suggestedFilename()).toMatch(/ user run states \d{4}-\d{2}-\d{2}\.csv$/);

  const text = await readFile(await download.path(), 'utf8');
  expect(text.startsWith('\uFEFFid,userPrincipalName,successDeviceCount,errorDeviceCount\r\n')).toBe(true);
  const records = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;

  const expected = (await emulator.userStates(HOSTILE_SCRIPT_ID)).filter((state) => state.userPrincipalName.toLowerCase().includes('h'));
  expect(expected.length).toBeGreaterThan(1);
  expect(records.map((record) => record.id).sort()).toEqual(expected.map((state) => state.id).sort());
  for (const state of expected) {
    const record = records.find((candidate) => candidate.id === state.id);
    expect(record?.successDeviceCount).toBe(String(state.successDeviceCount));
    expect(record?.errorDeviceCount).toBe(String(state.errorDeviceCount));
  }
  // OWASP's advice: a cell a spreadsheet would read as a formula starts with a quote.
  expect(records.map((record) => record.userPrincipalName)).toContain(`'${formulaUpn}`);
  expect(records.map((record) => record.userPrincipalName)).not.toContain(formulaUpn);
});

async function exportedRecords(page: Page): Promise<{ download: Download; records: Record<string, string>[] }> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  const text = await readFile(await download.path(), 'utf8');
  return { download, records: Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data };
}

test('Export CSV on the device status view takes every page of the filter, not only the loaded one', async ({ page, emulator }) => {
  // Device states are derived: one failed or script-error device per errorDeviceCount.
  const failedDevices = (await emulator.userStates(MEDIUM_SCRIPT_ID)).reduce((sum, state) => sum + state.errorDeviceCount, 0);
  await openSignedIn(page, `/deviceManagement/deviceManagementScripts/${MEDIUM_SCRIPT_ID}/deviceRunStates?status=errors`, ACCOUNTS.admin.upn);
  await expect(page.getByRole('status').filter({ hasText: 'more are available' })).toBeVisible();

  const { download, records } = await exportedRecords(page);
  expect(download.suggestedFilename()).toMatch(/ device status \d{4}-\d{2}-\d{2}\.csv$/);
  expect(failedDevices).toBeGreaterThan(50);
  expect(records).toHaveLength(failedDevices);
  expect(new Set(records.map((record) => record.runState))).toEqual(new Set(['fail', 'scriptError']));
  expect(records.every((record) => record.deviceName !== '')).toBe(true);
  await expect(page.getByText(`Exported ${failedDevices.toLocaleString('en-US')} device states to CSV`)).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the user-states toolbar with Export CSV passes axe in ${colorScheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openSignedIn(page, userStatesPath(HOSTILE_SCRIPT_ID), ACCOUNTS.admin.upn);
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
    await expectNoAxeViolations(page);
  });
}
