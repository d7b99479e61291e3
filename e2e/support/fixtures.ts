import { test as base, expect, type Page, type Request } from '@playwright/test';
import { EmulatorAdmin } from './emulator-admin';
import { appOrigin, emulatorOrigin } from './origins';
import { completeSignIn } from './sign-in';

interface Fixtures {
  emulator: EmulatorAdmin;
  /** Console errors a test expects (matched as substrings); any other console error fails the test. */
  allowConsoleErrors: string[];
}

export const test = base.extend<Fixtures>({
  allowConsoleErrors: [[], { option: true }],
  // Auto: every test starts from the seeded data, also one that never talks to the emulator itself.
  emulator: [
    async ({ request }, use) => {
      const admin = new EmulatorAdmin(request);
      await admin.reset();
      await use(admin);
    },
    { auto: true },
  ],
  page: async ({ page, allowConsoleErrors }, use) => {
    const unexpected: string[] = [];
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      // Chromium logs every non-2xx fetch as "Failed to load resource"; the tests assert on what the user sees instead.
      if (text.startsWith('Failed to load resource')) return;
      if (allowConsoleErrors.some((allowed) => text.includes(allowed))) return;
      unexpected.push(text);
    });
    page.on('pageerror', (error) => unexpected.push(`Uncaught: ${error.message}`));
    await use(page);
    expect(unexpected, 'unexpected console errors').toEqual([]);
  },
});

export { expect };

/** Completes the emulator's sign-in page as the given account (the real MSAL redirect flow). */
export async function signInAs(page: Page, userPrincipalName: string): Promise<void> {
  await completeSignIn(page, userPrincipalName, { app: appOrigin, emulator: emulatorOrigin });
}

/** Opens a dashboard path signed out and signs in on the way. */
export async function openSignedIn(page: Page, path: string, userPrincipalName: string): Promise<void> {
  await page.goto(path);
  await signInAs(page, userPrincipalName);
}

export interface GraphCall {
  method: string;
  url: URL;
}

/**
 * Records every request the page sends to Graph (the emulator's `/beta`). Bodies are read from the
 * emulator's request log (`EmulatorAdmin.patchBodies`): Chromium does not report the body of a
 * fetch made from a Request object.
 */
export function recordGraphCalls(page: Page): GraphCall[] {
  const calls: GraphCall[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== emulatorOrigin || !url.pathname.startsWith('/beta/')) return;
    if (request.method() === 'OPTIONS') return;
    calls.push({ method: request.method(), url });
  });
  return calls;
}

export function userStatesPath(scriptId: string): string {
  return `/deviceManagement/deviceManagementScripts/${scriptId}/userRunStates`;
}

export function userStatePath(scriptId: string, stateId: string): string {
  return `${userStatesPath(scriptId)}/${stateId}`;
}

/**
 * Holds the page's requests to `url` that `when` picks, in the browser, until the returned function
 * is called; then they go on unchanged. A state that lasts only while Graph has not answered is then
 * seen however slowly a loaded machine gets there, instead of racing a fixed delay.
 */
export async function holdRequests(
  page: Page,
  url: string | ((url: URL) => boolean),
  when: (request: Request) => boolean = () => true,
): Promise<() => void> {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(url, async (route) => {
    if (when(route.request())) await released;
    await route.fallback();
  });
  return release;
}

/**
 * Lets a moment pass before asserting that something did NOT happen (no request sent). Nothing
 * positive can be awaited for an absence; half a second is far longer than the app needs to send.
 */
export async function quietPeriod(page: Page, milliseconds = 500): Promise<void> {
  await page.evaluate((ms) => new Promise((resolve) => setTimeout(resolve, ms)), milliseconds);
}
