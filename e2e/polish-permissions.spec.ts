import { ACCOUNTS, KNOWN_USER_STATES, MAIN_SCRIPT_ID } from '../emulator/constants';
import { expect, openSignedIn, test, userStatePath, userStatesPath } from './support/fixtures';
import { recordScopeRequests, shortLivedTokens } from './support/identity-scopes';

const read = 'DeviceManagementScripts.Read.All';
const write = 'DeviceManagementScripts.ReadWrite.All';
const devices = 'DeviceManagementManagedDevices.Read.All';
const readOnly = (entry: { scopes: string[] }) => entry.scopes.length === 1 && entry.scopes[0] === read;
// The record's device table asks for the device read permission beside Read when it is first shown (incremental consent).
const readWithDevices = (entry: { scopes: string[] }) => entry.scopes.length === 2 && entry.scopes[0] === read && entry.scopes[1] === devices;
// Its History asks for the audit read permission beside Read the same way.
const audit = 'DeviceManagementApps.Read.All';
const readWithAudit = (entry: { scopes: string[] }) => entry.scopes.length === 2 && entry.scopes[0] === read && entry.scopes[1] === audit;
const readWithAnother = (entry: { scopes: string[] }) => readWithDevices(entry) || readWithAudit(entry);

test('browsing asks the identity platform for DeviceManagementScripts.Read.All only, the first save for ReadWrite', async ({ page, emulator, request }) => {
  // Short-lived tokens send every silent token call to the token endpoint, where its scope shows.
  const restore = await shortLivedTokens(request);
  try {
    const asked = recordScopeRequests(page);
    const state = KNOWN_USER_STATES.third;
    await openSignedIn(page, '/', ACCOUNTS.admin.upn);
    await expect(page.getByRole('table', { name: 'Device management scripts' })).toContainText('devices succeeded');
    await page.goto(userStatesPath(MAIN_SCRIPT_ID));
    await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(/^Loaded (\d+) of \1$/);

    expect(asked.filter((entry) => entry.endpoint === 'authorize').length).toBeGreaterThan(0);
    expect(asked.filter((entry) => entry.endpoint === 'token').length).toBeGreaterThan(0);
    expect(asked.every(readOnly), JSON.stringify(asked)).toBe(true);

    await page.goto(userStatePath(MAIN_SCRIPT_ID, state.id));
    await expect(page.getByLabel('Success device count')).toHaveValue(String(state.successDeviceCount));
    await expect(page.getByRole('table', { name: 'Devices' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'History' }).getByText(/Intune's audit log has nothing for this record/)).toBeVisible();
    expect(asked.some(readWithDevices), JSON.stringify(asked)).toBe(true);
    expect(asked.some(readWithAudit), JSON.stringify(asked)).toBe(true);
    expect(asked.every((entry) => readOnly(entry) || readWithAnother(entry)), JSON.stringify(asked)).toBe(true);

    const browsing = asked.length;
    await page.getByLabel('Success device count').fill(String(state.successDeviceCount + 1));
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await emulator.userState(MAIN_SCRIPT_ID, state.id))?.successDeviceCount).toBe(state.successDeviceCount + 1);
    // The save reads the record first (Read), then asks for ReadWrite for the PATCH itself.
    const saving = asked.slice(browsing);
    expect(saving.some((entry) => entry.scopes.length === 1 && entry.scopes[0] === write), JSON.stringify(saving)).toBe(true);
    expect(saving.every((entry) => readOnly(entry) || readWithAnother(entry) || (entry.scopes.length === 1 && entry.scopes[0] === write)), JSON.stringify(saving)).toBe(true);
  } finally {
    await restore();
  }
});

test('the read-only helpdesk account holds DeviceManagementScripts.Read.All and is told the ReadWrite one is missing', async ({ page }) => {
  await openSignedIn(page, userStatePath(MAIN_SCRIPT_ID, KNOWN_USER_STATES.first.id), ACCOUNTS.helpdesk.upn);
  await expect(page.getByLabel('Success device count')).toBeDisabled();
  await expect(page.getByText(`not been granted the ${write} permission`, { exact: false })).toBeVisible();
});
