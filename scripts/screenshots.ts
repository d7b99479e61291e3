/**
 * Screenshots of the main views, to look at by eye (not a test: nothing is asserted): the scripts
 * list, a script's user states, a record and the conflict dialog, each at 1400×900 and 400×860 in
 * light mode, and the user states in dark mode. Needs the app and its emulator running, as
 * `npm start` serves them (it signs in as the seeded admin and changes one record, as another admin
 * would, for the conflict; `npm start -- --reset` reseeds).
 *
 *   npx tsx scripts/screenshots.ts [--app http://localhost:5173] [--emulator http://localhost:5174] [--out shots]
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, HOSTILE_SCRIPT_ID, HOSTILE_USER_STATES, MAIN_SCRIPT_ID } from '../emulator/constants';
import { chromiumArgs, chromiumExecutable } from '../e2e/support/chromium';
import { completeSignIn } from '../e2e/support/sign-in';

const { values: options } = parseArgs({
  options: {
    app: { type: 'string', default: 'http://localhost:5173' },
    emulator: { type: 'string', default: 'http://localhost:5174' },
    out: { type: 'string', default: 'shots' },
  },
});
const origins = { app: options.app, emulator: options.emulator };
const out = options.out;
const viewports = [
  { name: '1400', width: 1400, height: 900 },
  { name: '400', width: 400, height: 860 },
] as const;
const userStates = `/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates`;
// The record with the right-to-left override in its name: the hardest to lay out and to read.
const record = HOSTILE_USER_STATES.find((state) => state.userPrincipalName.includes('\u202E')) ?? HOSTILE_USER_STATES[0];
const recordPath = `/deviceManagement/deviceManagementScripts/${HOSTILE_SCRIPT_ID}/userRunStates/${record?.id ?? ''}`;

async function openSignedIn(browser: Browser, viewport: { width: number; height: number }, colorScheme: 'light' | 'dark', path: string): Promise<Page> {
  const page = await browser.newPage({ viewport, colorScheme });
  await page.goto(`${origins.app}${path}`);
  await completeSignIn(page, ACCOUNTS.admin.upn, origins, 60_000);
  return page;
}

async function shoot(page: Page, name: string): Promise<void> {
  // A dialog fades in: take the picture once nothing moves (endless progress bars aside).
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().endTime === Infinity),
  );
  const path = join(out, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  console.log(path);
}

/** Another admin's change to the record, through Graph, so that the next save meets a conflict. */
async function changeAsOtherAdmin(): Promise<void> {
  const minted = await fetch(`${origins.emulator}/_emulator/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ upn: ACCOUNTS.admin.upn }),
  });
  const { access_token: token } = (await minted.json()) as { access_token: string };
  const current = await fetch(`${origins.emulator}/beta${recordPath}`, { headers: { Authorization: `Bearer ${token}` } });
  const { successDeviceCount } = (await current.json()) as { successDeviceCount: number };
  const answer = await fetch(`${origins.emulator}/beta${recordPath}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ successDeviceCount: successDeviceCount + 1 }),
  });
  if (!answer.ok) throw new Error(`the other admin's change failed: HTTP ${answer.status}`);
}

await mkdir(out, { recursive: true });
const executablePath = chromiumExecutable();
const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: [...chromiumArgs] });
try {
  for (const viewport of viewports) {
    const page = await openSignedIn(browser, viewport, 'light', '/');
    await expect(page.getByRole('table', { name: 'Device management scripts' })).toContainText('devices succeeded', { timeout: 30_000 });
    await shoot(page, `scripts-${viewport.name}`);

    await page.goto(`${origins.app}${userStates}`);
    await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(/^Loaded ([\d,]+) of \1$/, { timeout: 30_000 });
    await shoot(page, `user-states-${viewport.name}`);

    await page.goto(`${origins.app}${recordPath}`);
    const success = page.getByLabel('Success device count');
    await expect(success).toBeEditable({ timeout: 30_000 });
    await shoot(page, `record-${viewport.name}`);

    await changeAsOtherAdmin();
    await page.getByLabel('User principal name').fill(record?.userPrincipalName.replace('\u202E', '') ?? 'user@contoso.com');
    await success.fill('200');
    await page.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog', { name: 'Someone else changed this user state' });
    await expect(dialog).toBeVisible({ timeout: 30_000 });
    await shoot(page, `conflict-${viewport.name}`);
    // Leaves the record as Intune holds it.
    await dialog.getByRole('button', { name: 'Keep theirs' }).click();
    await page.close();
  }
  const dark = await openSignedIn(browser, viewports[0], 'dark', userStates);
  await expect(dark.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(/^Loaded ([\d,]+) of \1$/, { timeout: 30_000 });
  await shoot(dark, 'user-states-1400-dark');
} finally {
  await browser.close();
}
