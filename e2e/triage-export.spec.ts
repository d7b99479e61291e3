import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { ACCOUNTS, HOSTILE_SCRIPT_ID } from '../emulator/constants';
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

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the user-states toolbar with Export CSV passes axe in ${colorScheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openSignedIn(page, userStatesPath(HOSTILE_SCRIPT_ID), ACCOUNTS.admin.upn);
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
    await expectNoAxeViolations(page);
  });
}
