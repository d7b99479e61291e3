import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { openSignedIn, userStatesPath } from './fixtures';

export type EditableField = 'userPrincipalName' | 'successDeviceCount' | 'errorDeviceCount';

export const fieldLabels: Record<EditableField, string> = {
  userPrincipalName: 'User principal name',
  successDeviceCount: 'Success device count',
  errorDeviceCount: 'Error device count',
};

export function userStatesGrid(page: Page): Locator {
  return page.getByRole('grid', { name: 'User run states' });
}

export function gridRow(page: Page, stateId: string): Locator {
  return userStatesGrid(page).locator(`[role="row"][data-id="${stateId}"]`);
}

export function gridCell(page: Page, stateId: string, field: EditableField): Locator {
  return gridRow(page, stateId).locator(`[data-field="${field}"]`);
}

/** Waits until every user state of the list has arrived ("Loaded N of N"). */
export async function waitForFullList(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toHaveText(/^Loaded ([\d,]+) of \1$/);
}

/** Double-clicks a cell, types a value into that field's editor and presses Enter. */
export async function editInline(page: Page, stateId: string, field: EditableField, value: string): Promise<void> {
  await gridCell(page, stateId, field).dblclick();
  const input = gridRow(page, stateId).getByRole('textbox', { name: fieldLabels[field] });
  await input.fill(value);
  await input.press('Enter');
}

/** Opens a script's user states signed out, signs in on the way, and waits for the whole list. */
export async function openFullGrid(page: Page, scriptId: string, userPrincipalName: string): Promise<void> {
  await openSignedIn(page, userStatesPath(scriptId), userPrincipalName);
  await waitForFullList(page);
}
