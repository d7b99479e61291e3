import type { Page } from '@playwright/test';
import { ACCOUNTS, MEDIUM_SCRIPT_ID, PAGED_SCRIPT_ID } from '../emulator/constants';
import type { EmulatorAdmin, LoggedRequest, UserRunState } from './support/emulator-admin';
import { expect, holdRequests, openSignedIn, signInAs, test, userStatesPath } from './support/fixtures';

/** A correction file setting every row's success count to `target`. */
function successCountFile(rows: readonly UserRunState[], target: number): string {
  return ['id,successDeviceCount', ...rows.map((row) => `${row.id},${target}`)].join('\n');
}

/** Opens the script's grid signed in as the administrator, once all its rows are loaded. */
async function openGrid(page: Page, scriptId: string): Promise<void> {
  await openSignedIn(page, userStatesPath(scriptId), ACCOUNTS.admin.upn);
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(/^Loaded ([\d,]+) of \1$/);
}

/** Previews the file on the open grid and applies its changes as a bulk job. */
async function importAndApply(
  page: Page,
  csv: string,
  lines: number,
  beforeApply?: () => Promise<void>,
): Promise<void> {
  await page
    .getByLabel('Import CSV')
    .setInputFiles({ name: 'corrections.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const dialog = page.getByRole('dialog', { name: 'Import corrections from corrections.csv' });
  await expect(dialog.getByRole('status')).toHaveText(`${lines} lines: ${lines} changes`);
  await beforeApply?.();
  await dialog.getByRole('button', { name: `Apply ${lines} changes` }).click();
  await expect(dialog).toBeHidden();
}

function panel(page: Page) {
  return page.getByRole('region', { name: /^Bulk edit/ });
}

/** Rows done, as the panel's progress line says it. */
async function rowsDone(page: Page): Promise<number> {
  const text = (await panel(page).getByRole('status').textContent()) ?? '';
  return Number(/^([\d,]+) of/.exec(text)?.[1]?.replaceAll(',', '') ?? 0);
}

/** The PATCHes inside `$batch` requests in `log`, per user state id. */
function innerPatchesPerRow(log: readonly LoggedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of log) {
    if (entry.batch === undefined || entry.method !== 'PATCH') continue;
    const id = entry.path.split('/').at(-1) ?? '';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/**
 * A 60-row job on the 250-row script, caught under way: its first group is checked and saved, and
 * the next `$batch` (the second group's check) is held in the browser until the test calls
 * `release`, having cut the connection or the session. The job cannot move on meanwhile, however
 * fast or slow the machine: 20 rows are done, 40 are still to write.
 */
async function startSlowJob(
  page: Page,
  emulator: EmulatorAdmin,
): Promise<{ all: UserRunState[]; rows: UserRunState[]; target: number; release: () => void }> {
  const all = await emulator.userStates(MEDIUM_SCRIPT_ID);
  const rows = all.slice(0, 60);
  const target = Math.max(...all.map((row) => row.successDeviceCount)) + 1;
  await openGrid(page, MEDIUM_SCRIPT_ID);
  let batches = 0;
  const release = await holdRequests(
    page,
    (url) => url.pathname.endsWith('/$batch'),
    (request) => request.method() === 'POST' && ++batches === 3,
  );
  await emulator.clearRequests();
  await importAndApply(page, successCountFile(rows, target), rows.length);
  await expect.poll(() => rowsDone(page)).toBe(20);
  return { all, rows, target, release };
}

/** The job finished with every row saved: the store holds each target, each applied exactly once. */
async function expectEveryRowSavedOnce(
  page: Page,
  emulator: EmulatorAdmin,
  { all, rows, target }: Awaited<ReturnType<typeof startSlowJob>>,
) {
  await expect(panel(page)).toContainText(`Saved ${rows.length} · Skipped 0 · Conflicts 0 · Failed 0`);
  const ids = new Set(rows.map((row) => row.id));
  expect(await emulator.userStates(MEDIUM_SCRIPT_ID)).toEqual(
    all.map((row) => (ids.has(row.id) ? { ...row, successDeviceCount: target } : row)),
  );
  const applied = innerPatchesPerRow((await emulator.requests()).filter((entry) => entry.status === 200));
  expect([...applied.values()].filter((count) => count !== 1)).toEqual([]);
}

test('a reload in the middle of a 300-row job asks first, offers the job again, and resuming writes each row once', async ({
  page,
  emulator,
}) => {
  const all = await emulator.userStates(PAGED_SCRIPT_ID);
  const rows = all.slice(0, 300);
  const target = Math.max(...all.map((row) => row.successDeviceCount)) + 1;
  await emulator.clearRequests();
  await openGrid(page, PAGED_SCRIPT_ID);
  await importAndApply(page, successCountFile(rows, target), 300);
  // Intune's limit lets 200 writes through at once; the reload lands while the job is under way.
  await expect.poll(() => rowsDone(page)).toBeGreaterThanOrEqual(40);
  expect(await rowsDone(page)).toBeLessThan(300);

  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  expect(dialogs).toEqual(['beforeunload']);

  const offer = page.getByRole('alert').filter({ hasText: 'A bulk edit of this script stopped before it finished' });
  await expect(offer).toContainText(/[\d,]+ of 300 rows done/);
  await offer.getByRole('button', { name: 'Resume bulk edit' }).click();
  await expect(panel(page)).toHaveAccessibleName('Bulk edit: Finished', { timeout: 60_000 });
  await expect(panel(page)).toContainText('Saved 300 · Skipped 0 · Conflicts 0 · Failed 0');

  const ids = new Set(rows.map((row) => row.id));
  expect(await emulator.userStates(PAGED_SCRIPT_ID)).toEqual(
    all.map((row) => (ids.has(row.id) ? { ...row, successDeviceCount: target } : row)),
  );
  const log = await emulator.requests();
  const applied = innerPatchesPerRow(
    log.filter((entry) => entry.status !== null && entry.status >= 200 && entry.status < 300),
  );
  expect([...applied.keys()].sort()).toEqual([...ids].sort());
  expect([...applied.values()].filter((count) => count !== 1)).toEqual([]);
  // The pacer counted the writes the reload left unanswered: Graph never had to refuse one.
  expect(log.filter((entry) => entry.status === 429)).toEqual([]);
});

test('going offline pauses a bulk job, and it goes on by itself when the connection is back', async ({
  page,
  context,
  emulator,
}) => {
  const job = await startSlowJob(page, emulator);
  await context.setOffline(true);
  // The held check goes on now, into a browser with no connection.
  job.release();
  await expect(panel(page)).toHaveAccessibleName('Bulk edit: Paused');
  await expect(panel(page)).toContainText('Offline: the job goes on when the connection is back');
  await expect(panel(page)).toContainText('Failed 0');

  await context.setOffline(false);
  await expect(panel(page)).toHaveAccessibleName('Bulk edit: Finished');
  await expectEveryRowSavedOnce(page, emulator, job);
});

test('a second tab cannot start a bulk job on a script whose job is open in another tab', async ({
  page,
  context,
  emulator,
}) => {
  const all = await emulator.userStates(MEDIUM_SCRIPT_ID);
  const target = Math.max(...all.map((row) => row.successDeviceCount)) + 1;
  await openGrid(page, MEDIUM_SCRIPT_ID);
  await importAndApply(page, successCountFile(all.slice(0, 5), target), 5);
  await expect(panel(page)).toHaveAccessibleName('Bulk edit: Finished');

  // The same browser: the second tab is signed in already.
  const second = await context.newPage();
  await second.goto(userStatesPath(MEDIUM_SCRIPT_ID));
  await expect(second.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(/^Loaded ([\d,]+) of \1$/);
  const otherRows = successCountFile(all.slice(5, 10), target);
  await importAndApply(second, otherRows, 5);
  await expect(second.getByRole('alert')).toHaveText(
    'A bulk edit of this script is open in another tab: finish or close it there first. Nothing was sent.',
  );
  await expect(panel(second)).toHaveCount(0);
  for (const row of all.slice(5, 10))
    expect((await emulator.userState(MEDIUM_SCRIPT_ID, row.id))?.successDeviceCount).toBe(row.successDeviceCount);

  // Closed in the first tab, the job's lock is free for the second.
  await panel(page).getByRole('button', { name: 'Close' }).click();
  await expect(panel(page)).toHaveCount(0);
  await importAndApply(second, otherRows, 5);
  await expect(panel(second)).toHaveAccessibleName('Bulk edit: Finished');
  for (const row of all.slice(5, 10))
    expect((await emulator.userState(MEDIUM_SCRIPT_ID, row.id))?.successDeviceCount).toBe(target);
});

test('a job that meets an expired session is kept through the interactive sign-in and offered again after it', async ({
  page,
  emulator,
}) => {
  const job = await startSlowJob(page, emulator);
  // Only interactive sign-in can get the next token: the job's next batch sends MSAL to the sign-in page.
  await emulator.revokeSessions(ACCOUNTS.admin.upn);
  await emulator.expireTokens(1);
  job.release();
  await signInAs(page, ACCOUNTS.admin.upn);

  const offer = page.getByRole('alert').filter({ hasText: 'A bulk edit of this script stopped before it finished' });
  await expect(offer).toContainText(/[\d,]+ of 60 rows done/);
  await offer.getByRole('button', { name: 'Resume bulk edit' }).click();
  await expect(panel(page)).toHaveAccessibleName('Bulk edit: Finished');
  await expectEveryRowSavedOnce(page, emulator, job);
});
