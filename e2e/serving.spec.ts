import type { Page } from '@playwright/test';
import { ACCOUNTS, KNOWN_USER_STATES, MAIN_SCRIPT_ID } from '../emulator/constants';
import { expect, openSignedIn, test, userStatesPath } from './support/fixtures';
import { gridRow, waitForFullList } from './support/grid';
import { appOrigin } from './support/origins';

/** The app's own files (under /assets/) the page has loaded, with the bytes each took on the wire. */
async function loadedAssets(page: Page): Promise<Map<string, number>> {
  const entries = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => new URL(entry.name).pathname.startsWith('/assets/'))
      .map((entry) => [entry.name, (entry as PerformanceResourceTiming).transferSize] as const),
  );
  return new Map(entries);
}

test('hashed files are kept for good and pages are asked for each time, so a returning deep link starts from the cache', async ({ page, request }) => {
  // Pages name the files of the current build: always asked for again.
  for (const path of ['/', '/redirect.html', userStatesPath(MAIN_SCRIPT_ID)]) {
    expect((await request.get(`${appOrigin}${path}`)).headers()['cache-control'], path).toBe('no-cache');
  }
  const entry = /src="(\/assets\/[^"]+\.js)"/.exec(await (await request.get(`${appOrigin}/`)).text())?.[1];
  expect(entry, 'the entry script named by index.html').toBeDefined();
  expect((await request.get(`${appOrigin}${entry}`)).headers()['cache-control']).toBe('public, max-age=31536000, immutable');

  await openSignedIn(page, userStatesPath(MAIN_SCRIPT_ID), ACCOUNTS.admin.upn);
  await waitForFullList(page);
  const firstVisit = await loadedAssets(page);
  expect(firstVisit.size).toBeGreaterThan(0);

  // The admin comes back to the same link: every file the page had is read from the browser's
  // cache, none is asked of the server again (not even to confirm it: that would cost bytes).
  await page.reload();
  await expect(gridRow(page, KNOWN_USER_STATES.first.id)).toBeVisible();
  const again = await loadedAssets(page);
  const fetchedAgain = [...again].filter(([name, bytes]) => firstVisit.has(name) && bytes > 0);
  expect(fetchedAgain).toEqual([]);
  expect([...again.keys()].filter((name) => firstVisit.has(name)).length).toBeGreaterThan(0);
});
