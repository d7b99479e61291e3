import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { allLoaded, grid, renderPage, scriptId, stashInlineDrafts, stashSaves } from './user-states-page.emulator.fixture';

describe('User states page: edits kept across sign-in', { timeout: 30_000 }, () => {
  it('offers a save that sign-in interrupted again, unsent, with Retry', async () => {
    const user = userEvent.setup();
    const original = {
      id: 'state-2',
      userPrincipalName: 'user2@contoso.com',
      successDeviceCount: 1,
      errorDeviceCount: 1,
    };
    stashSaves([{ scriptKind: 'deviceManagementScripts', scriptId, original, changes: { errorDeviceCount: 8 } }]);
    const { graph } = renderPage({ count: 5 });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('sign in again');
    expect(alert).toHaveTextContent('Error device count: 8');
    expect(graph.requests.filter((request) => request.method === 'PATCH')).toHaveLength(0);
    await allLoaded(5);
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(graph.userState(scriptId, 'state-2')?.errorDeviceCount).toBe(8));
  });

  it('re-opens a row left in inline edit by sign-in, announcing it while it is on another page', async () => {
    const user = userEvent.setup();
    // state-150 is on the second grid page (100 rows a page); the search box is empty.
    const baseline = {
      id: 'state-150',
      userPrincipalName: 'user150@contoso.com',
      successDeviceCount: 2,
      errorDeviceCount: 2,
    };
    stashInlineDrafts(scriptId, [{ baseline, values: { successDeviceCount: '64', errorDeviceCount: '2' } }]);
    const { graph, router } = renderPage({ count: 250 });
    await allLoaded(250);
    const notice = await screen.findByText(/Your unsaved edit of user150@contoso.com was kept/);
    const alert = notice.closest('[role="alert"]');
    if (!(alert instanceof HTMLElement)) throw new Error('the notice is not an alert');
    await user.click(within(alert).getByRole('button', { name: 'Show the unsaved edit of user150@contoso.com' }));
    await waitFor(() => expect(router.state.location.search).toContain('page=2'));
    const input = await within(grid()).findByRole('textbox', { name: 'Success device count' });
    expect(input.closest('[role="row"]')).toHaveAttribute('data-id', 'state-150');
    await waitFor(() => expect(input).toHaveValue('64'));
    expect(screen.queryByText(/Your unsaved edit/)).not.toBeInTheDocument();
    expect(graph.requests.filter((request) => request.method === 'PATCH')).toHaveLength(0);
    await user.type(input, '{Enter}');
    await waitFor(() => expect(graph.userState(scriptId, 'state-150')?.successDeviceCount).toBe(64));
  });

  // state-150 has errors and its UPN holds no "user2": each link hides it.
  for (const [hiddenBy, query] of [
    ['the search', 'q=user2'],
    ['the status filter', 'status=succeeded'],
  ] as const) {
    it(`shows a kept edit whose row ${hiddenBy} hides by clearing it, on the row's page`, async () => {
      const user = userEvent.setup();
      const baseline = { id: 'state-150', userPrincipalName: 'user150@contoso.com', successDeviceCount: 2, errorDeviceCount: 2 };
      stashInlineDrafts(scriptId, [{ baseline, values: { successDeviceCount: '64', errorDeviceCount: '2' } }]);
      const { router } = renderPage({ count: 250, path: `/deviceManagement/deviceManagementScripts/${scriptId}/userRunStates?${query}` });
      await screen.findByText(/Loaded 250 of 250 · \d+ matching/);
      await user.click(await screen.findByRole('button', { name: 'Show the unsaved edit of user150@contoso.com' }));
      await waitFor(() => expect(router.state.location.search).toBe('?page=2'));
      const input = await within(grid()).findByRole('textbox', { name: 'Success device count' });
      expect(input.closest('[role="row"]')).toHaveAttribute('data-id', 'state-150');
      await waitFor(() => expect(input).toHaveValue('64'));
      expect(router.state.location.search).toBe('?page=2');
    });
  }

  it('checks a restored inline edit against the record the user started from', async () => {
    const user = userEvent.setup();
    const baseline = {
      id: 'state-3',
      userPrincipalName: 'user3@contoso.com',
      successDeviceCount: 2,
      errorDeviceCount: 2,
    };
    stashInlineDrafts(scriptId, [{ baseline, values: { errorDeviceCount: '5' } }]);
    const { graph } = renderPage({ count: 5 });
    // Another admin changed the record while this user was away signing in.
    graph.changeUserState(scriptId, 'state-3', { successDeviceCount: 40 });
    await allLoaded(5);
    const input = await within(grid()).findByRole('textbox', { name: 'Error device count' });
    await waitFor(() => expect(input).toHaveValue('5'));
    await user.type(input, '{Enter}');
    await screen.findByRole('dialog', { name: 'Someone else changed this user state' });
    expect(graph.requests.filter((request) => request.method === 'PATCH')).toHaveLength(0);
  });
});
