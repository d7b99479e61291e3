import type { Locator, Page } from '@playwright/test';
import { ACCOUNTS, AUDIT_HISTORY_ACTOR, AUDIT_HISTORY_USER_STATES, KNOWN_USER_STATES, MAIN_SCRIPT_ID } from '../emulator/constants';
import { expectNoAxeViolations } from './support/axe';
import { expect, holdRequests, openSignedIn, recordGraphCalls, test, userStatePath } from './support/fixtures';
import { appOrigin } from './support/origins';

const auditPermission = 'DeviceManagementApps.Read.All';
const nothingInTheYear = /Intune's audit log has nothing for this record within the 365 days it keeps events/;

function historyOf(page: Page): { section: Locator; rows: Locator } {
  const section = page.getByRole('region', { name: 'History' });
  return { section, rows: section.getByRole('table', { name: 'History' }).locator('tbody tr') };
}

/** A seeded record whose history has two edits by the second administrator, 2 and 40 days ago. */
function twoPageHistory() {
  const seeded = AUDIT_HISTORY_USER_STATES[0];
  if (seeded === undefined) throw new Error('The seed has no audit history.');
  return seeded;
}

test('after a form save the History shows the admin and old → new of the one changed field, logged under the PATCH’s client-request-id', async ({ page, emulator }) => {
  const state = KNOWN_USER_STATES.first;
  const written = state.errorDeviceCount + 5;
  await openSignedIn(page, userStatePath(MAIN_SCRIPT_ID, state.id), ACCOUNTS.admin.upn);
  const { section, rows } = historyOf(page);
  await expect(section.getByText(nothingInTheYear)).toBeVisible();

  await page.getByLabel('Error device count').fill(String(written));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(ACCOUNTS.admin.upn);
  await expect(rows.first().getByRole('listitem')).toHaveText([`Error device count: ${state.errorDeviceCount} → ${written}`]);

  const patches = (await emulator.requests()).filter((entry) => entry.method === 'PATCH' && entry.path.includes(`/userRunStates/${state.id}`));
  expect(patches).toHaveLength(1);
  const clientRequestId = patches[0]?.clientRequestId ?? '';
  expect(clientRequestId).not.toBe('');
  const events = (await emulator.auditEvents()).filter((event) => event.resources.some((resource) => resource.resourceId === state.id));
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ correlationId: clientRequestId, activityOperationType: 'Patch', actor: { userPrincipalName: ACCOUNTS.admin.upn } });
  expect(events[0]?.resources[0]?.modifiedProperties.map(({ displayName, oldValue, newValue }) => ({ displayName, oldValue, newValue }))).toEqual([
    { displayName: 'errorDeviceCount', oldValue: String(state.errorDeviceCount), newValue: String(written) },
  ]);
  // Once the log has the event it takes the save's place: one row, named by the same id.
  await expect(rows.first()).toHaveAttribute('data-source', 'audit');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(clientRequestId);
  await expect(rows.first().getByRole('listitem')).toHaveText([`Error device count: ${state.errorDeviceCount} → ${written}`]);
});

test('the user’s own save shows in the History at once, before the log is read again', async ({ page }) => {
  const state = KNOWN_USER_STATES.third;
  const renamed = 'renamed.user@contoso.onmicrosoft.com';
  await openSignedIn(page, userStatePath(MAIN_SCRIPT_ID, state.id), ACCOUNTS.admin.upn);
  const { section, rows } = historyOf(page);
  await expect(section.getByText(nothingInTheYear)).toBeVisible();
  // From now on the log does not answer: a row seen meanwhile is the session's own save.
  const releaseLog = await holdRequests(page, (url) => url.pathname.endsWith('/deviceManagement/auditEvents'));

  await page.getByLabel('User principal name').fill(renamed);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(rows.first()).toHaveAttribute('data-source', 'session', { timeout: 10_000 });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(ACCOUNTS.admin.upn);
  await expect(rows.first()).toContainText('Saved in this session');
  await expect(rows.first().getByRole('listitem')).toHaveText([`User principal name: ${state.userPrincipalName} → ${renamed}`]);
  releaseLog();
});

test('a change saved in a second browser context appears in the first one’s History after a refresh', async ({ page, browser, emulator }) => {
  const state = KNOWN_USER_STATES.second;
  const path = userStatePath(MAIN_SCRIPT_ID, state.id);
  await openSignedIn(page, path, ACCOUNTS.admin.upn);
  const { section, rows } = historyOf(page);
  await expect(section.getByText(nothingInTheYear)).toBeVisible();

  const other = await browser.newContext();
  try {
    const otherPage = await other.newPage();
    await openSignedIn(otherPage, `${appOrigin}${path}`, ACCOUNTS.admin.upn);
    await otherPage.getByLabel('Success device count').fill(String(state.successDeviceCount + 2));
    await otherPage.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await emulator.userState(MAIN_SCRIPT_ID, state.id))?.successDeviceCount).toBe(state.successDeviceCount + 2);
  } finally {
    await other.close();
  }

  await page.reload();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-source', 'audit');
  await expect(rows.first()).toContainText(ACCOUNTS.admin.upn);
  await expect(rows.first().getByRole('listitem')).toHaveText([`Success device count: ${state.successDeviceCount} → ${state.successDeviceCount + 2}`]);
});

test('without the audit permission the History says which permission it needs', async ({ page }) => {
  await openSignedIn(page, userStatePath(MAIN_SCRIPT_ID, KNOWN_USER_STATES.first.id), ACCOUNTS.helpdesk.upn);
  const { section } = historyOf(page);
  await expect(section.getByRole('note')).toHaveText(`The history is not shown: it needs the ${auditPermission} permission (Intune's audit log), which this account does not have.`);
  await expect(section.getByRole('table')).toHaveCount(0);
  await expect(section.getByText(nothingInTheYear)).toHaveCount(0);
});

test('Load older pages back in time until the year Intune keeps, asking the log by category and date only', async ({ page }) => {
  const { scriptId, state } = twoPageHistory();
  const calls = recordGraphCalls(page);
  await openSignedIn(page, userStatePath(scriptId, state.id), ACCOUNTS.admin.upn);
  const { section, rows } = historyOf(page);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(AUDIT_HISTORY_ACTOR.upn);
  await expect(rows.first()).toContainText(/yesterday|2 days ago/);
  await expect(section.getByText(/^Showing changes since /)).toBeVisible();

  await section.getByRole('button', { name: 'Load older' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(AUDIT_HISTORY_ACTOR.upn);
  await expect(rows.nth(1)).toContainText('last month');
  await expect(rows.nth(1).getByRole('listitem')).toHaveText([`Error device count: ${state.errorDeviceCount + 2} → ${state.errorDeviceCount + 1}`]);

  await section.getByRole('button', { name: 'Load older' }).click();
  await expect(section.getByText('No older changes: Intune keeps audit events for 365 days.')).toBeVisible();
  await expect(section.getByRole('button', { name: 'Load older' })).toHaveCount(0);
  await expect(rows).toHaveCount(2);

  const reads = calls.filter((call) => call.url.pathname.endsWith('/deviceManagement/auditEvents'));
  expect(reads.length).toBeGreaterThan(2);
  for (const read of reads) {
    expect(read.url.searchParams.get('$filter')).toMatch(/^category eq 'DeviceConfiguration' and activityDateTime ge \S+Z( and activityDateTime lt \S+Z)?$/);
  }
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in ${colorScheme} mode`, () => {
    test.use({ colorScheme });

    test('the History section passes axe', async ({ page }) => {
      const { scriptId, state } = twoPageHistory();
      await openSignedIn(page, userStatePath(scriptId, state.id), ACCOUNTS.admin.upn);
      const { section, rows } = historyOf(page);
      await expect(rows).toHaveCount(1);
      await expect(section.getByRole('button', { name: 'Load older' })).toBeEnabled();
      await expectNoAxeViolations(page);
    });
  });
}
