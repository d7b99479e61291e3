import { ACCOUNTS, KNOWN_USER_STATES, MAIN_SCRIPT_ID } from '../emulator/constants';
import { expect, holdRequests, test } from './support/fixtures';
import { editInline, gridRow, openFullGrid } from './support/grid';

test('an inline save marks its row until Graph answers, then says "Saved" to everyone', async ({ page, emulator }) => {
  const state = KNOWN_USER_STATES.first;
  await openFullGrid(page, MAIN_SCRIPT_ID, ACCOUNTS.admin.upn);
  // Hold the PATCH until the mark has been seen, so the waiting state is not a race.
  const release = await holdRequests(page, `**/userRunStates/${state.id}`, (request) => request.method() === 'PATCH');

  await editInline(page, state.id, 'successDeviceCount', '43');
  const mark = gridRow(page, state.id).getByRole('img', { name: 'Waiting for Graph to confirm the save' });
  await expect(mark).toBeVisible();
  await expect(mark).toHaveAttribute('title', 'Waiting for Graph to confirm the save');
  expect((await emulator.userState(MAIN_SCRIPT_ID, state.id))?.successDeviceCount).toBe(state.successDeviceCount);

  release();
  // The toast is an alert: screen readers announce it.
  await expect(page.getByRole('alert').filter({ hasText: `Saved ${state.userPrincipalName}` })).toBeVisible();
  await expect(mark).toHaveCount(0);
  await expect(gridRow(page, state.id).getByRole('img', { name: /Waiting for Graph/ })).toHaveCount(0);
  expect((await emulator.userState(MAIN_SCRIPT_ID, state.id))?.successDeviceCount).toBe(43);
});

test('a refused inline save drops the mark and still shows its failure', async ({ page, emulator }) => {
  const state = KNOWN_USER_STATES.second;
  await openFullGrid(page, MAIN_SCRIPT_ID, ACCOUNTS.admin.upn);
  await page.route(`**/userRunStates/${state.id}`, async (route) => {
    if (route.request().method() === 'PATCH') await route.fulfill({ status: 400, json: { error: { code: 'BadRequest', message: 'Refused' } } });
    else await route.fallback();
  });
  await editInline(page, state.id, 'errorDeviceCount', '9');
  await expect(page.getByRole('alert').filter({ hasText: `Not saved: ${state.userPrincipalName}` })).toBeVisible();
  await expect(gridRow(page, state.id).getByRole('img', { name: /Waiting for Graph/ })).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: /^Saved/ })).toHaveCount(0);
  expect((await emulator.userState(MAIN_SCRIPT_ID, state.id))?.errorDeviceCount).toBe(state.errorDeviceCount);
});
