import type { APIRequestContext, Page } from '@playwright/test';
import { ACCOUNTS, BIG_SCRIPT_ID, EMPTY_SCRIPT_ID } from '../emulator/constants';
import { expectNoAxeViolations } from './support/axe';
import { expect, openSignedIn, test } from './support/fixtures';
import { emulatorOrigin } from './support/origins';

const scriptsTable = 'Device management scripts';


/** Relative luminance (0 black … 1 white) of the page's background. */
async function backgroundLuminance(page: Page): Promise<number> {
  const color = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r = 0, g = 0, b = 0] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function openScripts(page: Page) {
  await openSignedIn(page, '/', ACCOUNTS.admin.upn);
  await expect(page.getByRole('table', { name: scriptsTable })).toContainText('devices succeeded');
}

interface RunSummary {
  successDeviceCount: number;
  errorDeviceCount: number;
  successUserCount: number;
  errorUserCount: number;
}

async function runSummary(request: APIRequestContext, scriptId: string): Promise<RunSummary> {
  return (await (await request.get(`${emulatorOrigin}/_emulator/store/deviceManagementScripts/${scriptId}/runSummary`)).json()) as RunSummary;
}

test.describe('with the system in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('the page is dark and the scripts list passes axe', async ({ page }) => {
    await openScripts(page);
    expect(await backgroundLuminance(page)).toBeLessThan(0.05);
    await expect(page.getByRole('button', { name: 'Dark mode' })).toHaveAttribute('aria-pressed', 'true');
    await expectNoAxeViolations(page);
  });

  test('the signed-out and personal-account pages pass axe', async ({ page }) => {
    await openScripts(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'You have signed out' })).toBeVisible();
    expect(await backgroundLuminance(page)).toBeLessThan(0.05);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: new RegExp(ACCOUNTS.personal.upn.replace(/\./g, '\\.')) }).click();
    await expect(page.getByRole('heading', { name: 'Signed in with a personal account' })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe('with the system in light mode', () => {
  test.use({ colorScheme: 'light' });

  test('the dark-mode toggle switches the page and is remembered across a reload', async ({ page }) => {
    await openScripts(page);
    expect(await backgroundLuminance(page)).toBeGreaterThan(0.9);
    const toggle = page.getByRole('button', { name: 'Dark mode' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.hover();
    await expect(page.getByRole('tooltip')).toHaveText('Dark mode');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => backgroundLuminance(page)).toBeLessThan(0.05);

    await page.reload();
    await expect(page.getByRole('table', { name: scriptsTable })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Dark mode' })).toHaveAttribute('aria-pressed', 'true');
    expect(await backgroundLuminance(page)).toBeLessThan(0.05);
    await expectNoAxeViolations(page);
  });
});

test('a skip link leads keyboard users past the top bar to the page', async ({ page }) => {
  await openScripts(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

test.describe('at 400 px wide', () => {
  test.use({ viewport: { width: 400, height: 800 } });

  test('the header keeps to one bar with the account, dark mode and Sign out', async ({ page }) => {
    await openScripts(page);
    const header = page.getByRole('banner');
    const box = await header.boundingBox();
    expect(box?.height).toBeLessThanOrEqual(64);
    await expect(header.getByRole('button', { name: 'Sign out' })).toBeInViewport({ ratio: 1 });
    await expect(header.getByRole('button', { name: 'Dark mode' })).toBeInViewport({ ratio: 1 });
    await expect(header.getByRole('group', { name: 'Signed-in account' })).toContainText(ACCOUNTS.admin.upn);
    expect(await header.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  });

  test('the scripts list keeps the name and the run summary on screen', async ({ page }) => {
    await openScripts(page);
    const row = page.getByRole('row').filter({ hasText: 'Collect installed software inventory' });
    await expect(row.getByText('of users with errors')).toBeInViewport({ ratio: 1 });
    await expect(row.getByText('devices succeeded')).toBeInViewport({ ratio: 1 });
  });
});

test('the signed-in UPN in the top bar is isolated from the text around it', async ({ page }) => {
  await openScripts(page);
  const upn = page.getByRole('group', { name: 'Signed-in account' }).locator('bdi');
  await expect(upn).toHaveText(ACCOUNTS.admin.upn);
  expect(await upn.evaluate((element) => getComputedStyle(element).unicodeBidi)).toBe('isolate');
});

test.describe('in a German browser', () => {
  test.use({ locale: 'de-DE' });

  test('the scripts list writes counts in the browser locale and the share of users with errors', async ({ page, request }) => {
    const summary = await runSummary(request, BIG_SCRIPT_ID);
    const count = new Intl.NumberFormat('de-DE');
    const percent = new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 1 });
    await openScripts(page);
    const row = page.getByRole('row').filter({ hasText: 'Collect installed software inventory' });
    await expect(row).toContainText(`${count.format(summary.successDeviceCount)} devices succeeded, ${count.format(summary.errorDeviceCount)} failed`);
    await expect(row).toContainText(`${count.format(summary.successUserCount)} users succeeded, ${count.format(summary.errorUserCount)} failed`);
    const errorShare = summary.errorUserCount / (summary.successUserCount + summary.errorUserCount);
    await expect(row).toContainText(`${percent.format(errorShare)} of users with errors`);
    expect(summary.successDeviceCount).toBeGreaterThanOrEqual(1000);

    const empty = await runSummary(request, EMPTY_SCRIPT_ID);
    expect(empty.successUserCount + empty.errorUserCount).toBe(0);
    await expect(page.getByRole('row').filter({ hasText: 'Enable Windows Hello for Business diagnostics' })).toContainText('No user has reported yet');
  });
});
