import { ACCOUNTS, MAIN_SCRIPT_ID } from '../emulator/constants';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import type { UserRunState } from './support/emulator-admin';
import { expect, openSignedIn, test, userStatesPath } from './support/fixtures';

const unknownId = '00000000-0000-4000-8000-000000000000';
const formulaUpn = '=HYPERLINK("http://evil.example/","open")@contoso.onmicrosoft.com';

/** A correction file: two changed rows, an unchanged one, an unknown id, a -1 and a formula in the UPN. */
function corrections(states: readonly UserRunState[]) {
  const [changedError, changedSuccess, unchanged, negative, formula] = states;
  if (!changedError || !changedSuccess || !unchanged || !negative || !formula) {
    throw new Error('the script needs at least five user states');
  }
  const line = (state: UserRunState, upn: string, success: number | string, error: number | string) =>
    [state.id, upn, success, error].join(',');
  const csv = [
    'id,userPrincipalName,successDeviceCount,errorDeviceCount',
    line(
      changedError,
      changedError.userPrincipalName,
      changedError.successDeviceCount,
      changedError.errorDeviceCount + 1,
    ),
    line(
      changedSuccess,
      changedSuccess.userPrincipalName,
      changedSuccess.successDeviceCount + 2,
      changedSuccess.errorDeviceCount,
    ),
    line(unchanged, unchanged.userPrincipalName, unchanged.successDeviceCount, unchanged.errorDeviceCount),
    [unknownId, 'nobody@contoso.onmicrosoft.com', 1, 1].join(','),
    line(negative, negative.userPrincipalName, -1, negative.errorDeviceCount),
    // Quoted as a spreadsheet writes it: the formula's quotes doubled.
    [formula.id, `"${formulaUpn.replaceAll('"', '""')}"`, formula.successDeviceCount, formula.errorDeviceCount].join(
      ',',
    ),
  ].join('\r\n');
  return { csv, changedError, changedSuccess, unchanged, negative, formula };
}

function firstOf<T>(items: readonly T[]): T {
  const [item] = items;
  if (item === undefined) throw new Error('expected at least one item');
  return item;
}

async function previewImport(page: Page, csv: string) {
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(/^Loaded (\d+) of \1$/);
  await page
    .getByLabel('Import CSV')
    .setInputFiles({ name: 'corrections.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const dialog = page.getByRole('dialog', { name: 'Import corrections from corrections.csv' });
  await expect(dialog.getByRole('status')).toHaveText(
    '6 lines: 2 changes, 1 unchanged, 1 unknown user state, 2 lines with errors',
  );
  return dialog;
}

test('Import CSV previews each line’s outcome and applies only the valid changes', async ({ page, emulator }) => {
  const before = await emulator.userStates(MAIN_SCRIPT_ID);
  const file = corrections(before);
  await openSignedIn(page, userStatesPath(MAIN_SCRIPT_ID), ACCOUNTS.admin.upn);
  const dialog = await previewImport(page, file.csv);

  const lines = dialog.getByRole('table', { name: 'Lines of the file' }).getByRole('row');
  const lineRow = (line: number) => lines.filter({ has: page.getByRole('cell', { name: String(line), exact: true }) });
  await expect(lineRow(2)).toContainText(
    `Error device count ${file.changedError.errorDeviceCount} → ${file.changedError.errorDeviceCount + 1}`,
  );
  await expect(lineRow(3)).toContainText(
    `Success device count ${file.changedSuccess.successDeviceCount} → ${file.changedSuccess.successDeviceCount + 2}`,
  );
  await expect(lineRow(4)).toContainText('Unchanged');
  await expect(lineRow(5)).toContainText('Unknown user state');
  await expect(lineRow(6)).toContainText('Column successDeviceCount: A count cannot be negative: use 0 or more.');
  await expect(lineRow(7)).toContainText('Column userPrincipalName: Remove the characters < > and "');

  await emulator.clearRequests();
  await dialog.getByRole('button', { name: 'Apply 2 changes' }).click();
  await expect(dialog).toBeHidden();
  const expected = before.map((state) => {
    if (state.id === file.changedError.id) return { ...state, errorDeviceCount: state.errorDeviceCount + 1 };
    if (state.id === file.changedSuccess.id) return { ...state, successDeviceCount: state.successDeviceCount + 2 };
    return state;
  });
  await expect.poll(() => emulator.userStates(MAIN_SCRIPT_ID)).toEqual(expected);
  // Nothing was written for the other lines, not even their unchanged values.
  // Single PATCHes name the row in their path, `$batch` requests in their body.
  const writes = (await emulator.requests()).flatMap((entry) => {
    if (entry.method === 'PATCH') return [entry.path];
    return entry.path.includes('$batch') && entry.body?.includes('"PATCH"') ? [entry.body] : [];
  });
  const writtenIds = writes.flatMap((text) => [...text.matchAll(/userRunStates\/([\w-]+)/g)].map((match) => match[1]));
  expect(new Set(writtenIds)).toEqual(new Set([file.changedError.id, file.changedSuccess.id]));
});

test('the read-only account may preview an import but not apply it, and is told which permission applying needs', async ({
  page,
  emulator,
}) => {
  const before = await emulator.userStates(MAIN_SCRIPT_ID);
  await openSignedIn(page, userStatesPath(MAIN_SCRIPT_ID), ACCOUNTS.helpdesk.upn);
  const dialog = await previewImport(page, corrections(before).csv);
  await expect(dialog).toContainText('applying it needs the DeviceManagementScripts.ReadWrite.All permission');
  await expect(dialog.getByRole('button', { name: /^Apply/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  expect(await emulator.userStates(MAIN_SCRIPT_ID)).toEqual(before);
});

test('a large file is read in the worker under the app’s CSP, and previews every line', async ({ page, emulator }) => {
  const state = firstOf(await emulator.userStates(MAIN_SCRIPT_ID));
  // Over 512 KiB, the size from which the app parses in a module worker.
  const unknown = Array.from(
    { length: 14_000 },
    (_, index) => `${unknownId.slice(0, -6)}${String(index).padStart(6, '0')},1,1`,
  );
  const csv = [
    'id,successDeviceCount,errorDeviceCount',
    `${state.id},${state.successDeviceCount + 1},${state.errorDeviceCount}`,
    ...unknown,
  ].join('\n');
  expect(csv.length).toBeGreaterThan(512 * 1024);
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await openSignedIn(page, userStatesPath(MAIN_SCRIPT_ID), ACCOUNTS.admin.upn);
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(/^Loaded (\d+) of \1$/);
  await page
    .getByLabel('Import CSV')
    .setInputFiles({ name: 'large.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const dialog = page.getByRole('dialog', { name: 'Import corrections from large.csv' });
  await expect(dialog.getByRole('status')).toHaveText('14,001 lines: 1 change, 14,000 unknown user states');
  expect(workers.some((url) => url.includes('import-parse.worker'))).toBe(true);
});
