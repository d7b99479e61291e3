/**
 * The emulator's sign-in page, completed as one account: the pure steps on a `Page`, without the
 * test runner's fixtures, so that the e2e suite and `npm run bench` sign in the same way.
 */
import { expect, type Page } from '@playwright/test';

export interface SignInOrigins {
  app: string;
  emulator: string;
}

/**
 * Waits for the emulator's authorize page, picks the account and waits until MSAL's redirect is
 * back on the app. Without `timeout`, the assertions use the runner's expect timeout.
 */
export async function completeSignIn(
  page: Page,
  userPrincipalName: string,
  origins: SignInOrigins,
  timeout?: number,
): Promise<void> {
  const options = timeout === undefined ? {} : { timeout };
  await expect(page).toHaveURL(
    (url) => url.origin === origins.emulator && url.pathname.endsWith('/oauth2/v2.0/authorize'),
    options,
  );
  await page.getByRole('button', { name: new RegExp(escapeRegExp(userPrincipalName), 'i') }).click();
  await expect(page).toHaveURL((url) => url.origin === origins.app, options);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
