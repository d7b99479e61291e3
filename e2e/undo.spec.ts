import type { Page } from '@playwright/test';
import { ACCOUNTS, KNOWN_USER_STATES, MAIN_SCRIPT_ID } from '../emulator/constants';
import { expectNoAxeViolations } from './support/axe';
import { expect, signInAs, test } from './support/fixtures';
import { editInline, gridCell, openFullGrid, waitForFullList } from './support/grid';

const state = KNOWN_USER_STATES.first;

function toast(page: Page, text: string) {
  return page.getByRole('alert').filter({ hasText: text });
}

async function saveAndWait(page: Page, value: number) {
  await editInline(page, state.id, 'errorDeviceCount', String(value));
  await expect(toast(page, `Saved ${state.userPrincipalName}`)).toBeVisible();
}

test('Undo after an inline save writes the previous value back, and undoing the undo writes the saved value again', async ({
  page,
  emulator,
}) => {
  await openFullGrid(page, MAIN_SCRIPT_ID, ACCOUNTS.admin.upn);
  const saved = state.errorDeviceCount + 7;
  await saveAndWait(page, saved);
  expect((await emulator.userState(MAIN_SCRIPT_ID, state.id))?.errorDeviceCount).toBe(saved);

  await toast(page, `Saved ${state.userPrincipalName}`).getByRole('button', { name: 'Undo' }).click();
  await expect(toast(page, `Undone ${state.userPrincipalName}`)).toBeVisible();
  await expect
    .poll(async () => (await emulator.userState(MAIN_SCRIPT_ID, state.id))?.errorDeviceCount)
    .toBe(state.errorDeviceCount);
  await expect(gridCell(page, state.id, 'errorDeviceCount')).toHaveText(String(state.errorDeviceCount));

  await toast(page, `Undone ${state.userPrincipalName}`).getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await emulator.userState(MAIN_SCRIPT_ID, state.id))?.errorDeviceCount).toBe(saved);
  expect(await emulator.patchBodies(state.id)).toEqual([
    { errorDeviceCount: saved },
    { errorDeviceCount: state.errorDeviceCount },
    { errorDeviceCount: saved },
  ]);
});

test('the change log survives a reload, and its Undo still writes the previous value back', async ({
  page,
  emulator,
}) => {
  await openFullGrid(page, MAIN_SCRIPT_ID, ACCOUNTS.admin.upn);
  const saved = state.errorDeviceCount + 11;
  await saveAndWait(page, saved);
  await page.reload();
  await waitForFullList(page);

  await page.getByRole('button', { name: 'Changes' }).click();
  const panel = page.getByRole('dialog', { name: 'Changes in this session' });
  const entry = panel.getByRole('row').filter({ hasText: state.userPrincipalName });
  await expect(entry).toContainText(`Error device count: ${state.errorDeviceCount} → ${saved}`);
  const requestId = (await emulator.requests()).findLast((request) => request.method === 'PATCH')?.requestId ?? '';
  await expect(entry).toContainText(requestId);

  await entry.getByRole('button', { name: /^Undo the save of/ }).click();
  await expect
    .poll(async () => (await emulator.userState(MAIN_SCRIPT_ID, state.id))?.errorDeviceCount)
    .toBe(state.errorDeviceCount);
  await expect(panel.getByRole('row').nth(1)).toContainText('Undo of an earlier save');
});

test('the change log survives an interactive sign-in, and its Undo still works after it', async ({
  page,
  emulator,
}) => {
  await openFullGrid(page, MAIN_SCRIPT_ID, ACCOUNTS.admin.upn);
  const saved = state.errorDeviceCount + 13;
  await saveAndWait(page, saved);
  // Only interactive sign-in can get the next token: the next save sends MSAL to the sign-in page.
  await emulator.revokeSessions(ACCOUNTS.admin.upn);
  await emulator.expireTokens(1);
  await editInline(page, KNOWN_USER_STATES.second.id, 'errorDeviceCount', '21');
  await signInAs(page, ACCOUNTS.admin.upn);
  await waitForFullList(page);

  await page.getByRole('button', { name: 'Changes' }).click();
  const entry = page
    .getByRole('dialog', { name: 'Changes in this session' })
    .getByRole('row')
    .filter({ hasText: state.userPrincipalName });
  await expect(entry).toContainText(`Error device count: ${state.errorDeviceCount} → ${saved}`);
  await entry.getByRole('button', { name: /^Undo the save of/ }).click();
  await expect
    .poll(async () => (await emulator.userState(MAIN_SCRIPT_ID, state.id))?.errorDeviceCount)
    .toBe(state.errorDeviceCount);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in ${colorScheme} mode`, () => {
    test.use({ colorScheme });

    test('the Changes panel passes axe', async ({ page }) => {
      await openFullGrid(page, MAIN_SCRIPT_ID, ACCOUNTS.admin.upn);
      await saveAndWait(page, state.errorDeviceCount + 1);
      // Escape closes the toast (the panel is what is judged here).
      await page.keyboard.press('Escape');
      await expect(toast(page, 'Saved')).toHaveCount(0);
      await page.getByRole('button', { name: 'Changes' }).click();
      await expect(page.getByRole('dialog', { name: 'Changes in this session' }).getByRole('row')).toHaveCount(2);
      await expectNoAxeViolations(page);
    });

    test('Undo after someone else changed the record shows the three values, passes axe, and changes nothing until a choice', async ({
      page,
      emulator,
    }) => {
      await openFullGrid(page, MAIN_SCRIPT_ID, ACCOUNTS.admin.upn);
      const saved = state.errorDeviceCount + 3;
      const theirs = state.errorDeviceCount + 50;
      await saveAndWait(page, saved);
      await emulator.patchUserState(MAIN_SCRIPT_ID, state.id, { errorDeviceCount: theirs });

      await toast(page, `Saved ${state.userPrincipalName}`).getByRole('button', { name: 'Undo' }).click();
      const dialog = page.getByRole('dialog', { name: 'Someone else changed this user state' });
      await expect(dialog.getByRole('columnheader')).toHaveText([
        'Field',
        'Before your save',
        'What you wrote',
        'Now in Intune',
      ]);
      await expect(dialog.getByRole('row').filter({ hasText: 'Error device count' }).getByRole('cell')).toHaveText([
        String(state.errorDeviceCount),
        String(saved),
        String(theirs),
      ]);
      expect((await emulator.userState(MAIN_SCRIPT_ID, state.id))?.errorDeviceCount).toBe(theirs);
      expect(await emulator.patchBodies(state.id)).toHaveLength(2);
      await expectNoAxeViolations(page);

      await dialog.getByRole('button', { name: 'Keep theirs' }).click();
      await expect(dialog).toHaveCount(0);
      expect((await emulator.userState(MAIN_SCRIPT_ID, state.id))?.errorDeviceCount).toBe(theirs);
      expect(await emulator.patchBodies(state.id)).toHaveLength(2);
    });
  });
}
