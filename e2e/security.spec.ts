import { ACCOUNTS, HOSTILE_SCRIPT_ID, HOSTILE_USER_STATES, KNOWN_USER_STATES, MAIN_SCRIPT_ID } from '../emulator/constants';
import { expect, openSignedIn, recordGraphCalls, test, userStatePath, userStatesPath } from './support/fixtures';
import { editInline, gridRow, waitForFullList } from './support/grid';
import { appOrigin, emulatorOrigin } from './support/origins';

test('the production bundle is served with a strict Content-Security-Policy and nothing violates it', async ({ page, request, emulator }) => {
  const app = await request.get(`${appOrigin}/`);
  const csp = app.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(new RegExp(`connect-src 'self' [^;]*${emulatorOrigin.replace(/[.:/]/g, '\\$&')}`));
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  const bridge = await request.get(`${appOrigin}/redirect.html`);
  expect(bridge.headers()['content-security-policy']).toContain("frame-ancestors 'self'");

  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await openSignedIn(page, userStatesPath(MAIN_SCRIPT_ID), ACCOUNTS.admin.upn);
  await waitForFullList(page);
  await editInline(page, KNOWN_USER_STATES.first.id, 'errorDeviceCount', '2');
  await expect.poll(async () => (await emulator.userState(MAIN_SCRIPT_ID, KNOWN_USER_STATES.first.id))?.errorDeviceCount).toBe(2);
});

test('access tokens never appear in URLs, console output or the page', async ({ page }) => {
  const urls: string[] = [];
  const consoleText: string[] = [];
  page.on('request', (req) => urls.push(req.url()));
  page.on('console', (message) => consoleText.push(message.text()));
  await openSignedIn(page, userStatePath(MAIN_SCRIPT_ID, KNOWN_USER_STATES.first.id), ACCOUNTS.admin.upn);
  await expect(page.getByLabel('User principal name')).toHaveValue(KNOWN_USER_STATES.first.userPrincipalName);
  const calls = recordGraphCalls(page);
  await page.getByLabel('Error device count').fill('3');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => calls.some((call) => call.method === 'PATCH')).toBe(true);

  // MSAL keeps tokens in this tab's sessionStorage; read them to know what to look for.
  const tokens = await page.evaluate(() => {
    const found: string[] = [];
    for (let index = 0; index < sessionStorage.length; index += 1) {
      const value = sessionStorage.getItem(sessionStorage.key(index) ?? '') ?? '';
      for (const match of value.matchAll(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g)) found.push(match[0]);
    }
    return found;
  });
  expect(tokens.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => /token/i.test(key)))).toEqual([]);
  const pageText = await page.content();
  for (const token of tokens) {
    const signature = token.split('.')[2] ?? token;
    expect(urls.filter((url) => url.includes(signature))).toEqual([]);
    expect(consoleText.filter((text) => text.includes(signature))).toEqual([]);
    expect(pageText).not.toContain(signature);
  }
});

/** The grid's rendering of a UPN, written out here so the test pins what users see. */
function withVisibleControls(upn: string): string {
  return upn.replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu, (character) =>
    `⟨U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}

test('seeded UPNs carrying HTML and script payloads stay inert text in the grid, form, title and links', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await openSignedIn(page, userStatesPath(HOSTILE_SCRIPT_ID), ACCOUNTS.admin.upn);
  await waitForFullList(page);
  for (const hostile of HOSTILE_USER_STATES) {
    // Literal text; an invisible or direction-changing character shows as its code point marker.
    await expect(gridRow(page, hostile.id).locator('[data-field="userPrincipalName"]')).toContainText(withVisibleControls(hostile.userPrincipalName));
  }
  // No element from a payload made it into the DOM.
  await expect(page.locator('img[src="x"], svg[onload], script:not([src])')).toHaveCount(0);

  const svgPayload = HOSTILE_USER_STATES.find((state) => state.userPrincipalName.includes('<svg'));
  expect(svgPayload).toBeDefined();
  const target = svgPayload ?? HOSTILE_USER_STATES[0];
  await gridRow(page, target?.id ?? '').getByRole('button', { name: 'Copy link' }).click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe(`${appOrigin}${userStatePath(HOSTILE_SCRIPT_ID, target?.id ?? '')}`);

  await gridRow(page, target?.id ?? '').getByRole('link', { name: 'Open' }).click();
  await expect(page).toHaveURL(userStatePath(HOSTILE_SCRIPT_ID, target?.id ?? ''));
  await expect(page.getByRole('textbox', { name: 'User principal name' })).toHaveValue(target?.userPrincipalName ?? '');
  await expect(page.locator('img[src="x"], svg[onload], script:not([src])')).toHaveCount(0);
  // document.title is plain text: the payload shows literally and creates nothing.
  expect(await page.title()).toContain(target?.userPrincipalName ?? 'missing');
  expect(dialogs).toEqual([]);
});

const hostileCounts = ['-1', '2147483648', '1.5', '1e3', '', '  ', ' 7', '+5', '12a', 'ten', '５'];
const hostileUpns = [
  'no-at-sign.contoso.com',
  'two@@contoso.com',
  'a@b@contoso.com',
  'has space@contoso.com',
  `${'a'.repeat(10_000)}@contoso.com`,
  'ctrl\u0007char@contoso.com',
  'rtl\u202Eoverride@contoso.com',
  'emoji😀@contoso.com',
  '<b>bold</b>@contoso.com',
  '<script>alert(1)</script>@contoso.com',
];

test('hostile counts and UPNs get a message at the field, send nothing, and Graph refuses the same', async ({ page, request, emulator }) => {
  test.setTimeout(120_000);
  const state = KNOWN_USER_STATES.second;
  await openSignedIn(page, userStatePath(MAIN_SCRIPT_ID, state.id), ACCOUNTS.admin.upn);
  const calls = recordGraphCalls(page);
  const save = page.getByRole('button', { name: 'Save' });
  for (const [label, values] of [
    ['Success device count', hostileCounts],
    ['User principal name', hostileUpns],
  ] as const) {
    for (const value of values) {
      const field = page.getByLabel(label);
      await field.fill(value);
      await expect(field, `${label}: ${JSON.stringify(value.slice(0, 40))}`).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAccessibleDescription(/\w/);
      await expect(save).toBeDisabled();
      await field.press('Enter');
    }
    await page.getByRole('button', { name: 'Discard changes' }).click();
  }
  expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(0);

  // The emulator, like Graph, answers each with 400 and leaves the record alone.
  const minted = await request.post(`${emulatorOrigin}/_emulator/tokens`, { data: { upn: ACCOUNTS.admin.upn } });
  const token = ((await minted.json()) as { access_token: string }).access_token;
  const url = `${emulatorOrigin}/beta/deviceManagement/deviceManagementScripts/${MAIN_SCRIPT_ID}/userRunStates/${state.id}`;
  const bodies: string[] = [
    ...hostileCounts.map((value) => (/^-?\d+(\.\d+)?$/.test(value) ? `{"successDeviceCount":${value}}` : JSON.stringify({ successDeviceCount: value }))),
    ...hostileUpns.map((value) => JSON.stringify({ userPrincipalName: value })),
  ];
  for (const body of bodies) {
    const response = await request.patch(url, { headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, data: body });
    expect(response.status(), body.slice(0, 60)).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBeTruthy();
  }
  expect(await emulator.userState(MAIN_SCRIPT_ID, state.id)).toMatchObject({
    userPrincipalName: state.userPrincipalName,
    successDeviceCount: state.successDeviceCount,
    errorDeviceCount: state.errorDeviceCount,
  });
});
