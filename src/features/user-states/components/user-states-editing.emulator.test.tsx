import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { allLoaded, cellOf, createPageGraph, grid, renderPage, scriptId } from './user-states-page.emulator.fixture';

/** Double-clicks the row's cell, types `text` over its value and presses Enter: an inline save. */
async function saveInline(user: ReturnType<typeof userEvent.setup>, upn: string, field: string, label: string, text: string) {
  await user.dblClick(cellOf(upn, field));
  const input = await within(grid()).findByRole('textbox', { name: label });
  await user.clear(input);
  await user.type(input, `${text}{Enter}`);
}

describe('User states page: inline editing', { timeout: 30_000 }, () => {
  it('edits a row inline: Enter saves one PATCH with only the changed field and shows it at once', async () => {
    const user = userEvent.setup();
    const { graph } = renderPage({ count: 5 });
    await allLoaded(5);
    await user.dblClick(cellOf('user2@contoso.com', 'errorDeviceCount'));
    const input = await within(grid()).findByRole('textbox', { name: 'Error device count' });
    await user.clear(input);
    await user.type(input, '12{Enter}');
    await waitFor(() => expect(cellOf('user2@contoso.com', 'errorDeviceCount')).toHaveTextContent('12'));
    await waitFor(() => expect(graph.userState(scriptId, 'state-2')?.errorDeviceCount).toBe(12));
    const writes = graph.requests.filter((request) => request.method === 'PATCH');
    expect(writes).toEqual([
      { method: 'PATCH', path: expect.stringContaining('/userRunStates/state-2'), body: { errorDeviceCount: 12 } },
    ]);
    // The list was not fetched again.
    expect(graph.requests.filter((request) => request.path.includes('$top=999'))).toHaveLength(1);
  });

  it('saves a count of a row whose name Graph holds with a hidden character, sending the count only', async () => {
    const user = userEvent.setup();
    const graph = createPageGraph({ count: 5 });
    // Written by another tool: the dashboard itself would refuse this name.
    const hostile = 'usr\u202Egnp.exe@contoso.com';
    graph.changeUserState(scriptId, 'state-2', { userPrincipalName: hostile });
    renderPage({ count: 5, graph });
    await allLoaded(5);
    const cell = grid().querySelector('[data-id="state-2"] [data-field="errorDeviceCount"]');
    if (!(cell instanceof HTMLElement)) throw new Error('no error count cell for state-2');
    await user.dblClick(cell);
    const name = await within(grid()).findByRole('textbox', { name: 'User principal name' });
    // Left as it is, the name is no problem: a save sends only what changed.
    expect(name).toHaveAttribute('aria-invalid', 'false');
    const input = within(grid()).getByRole('textbox', { name: 'Error device count' });
    await user.clear(input);
    await user.type(input, '8{Enter}');
    await waitFor(() => expect(graph.userState(scriptId, 'state-2')?.errorDeviceCount).toBe(8));
    expect(graph.requests.filter((request) => request.method === 'PATCH').map((request) => request.body)).toEqual([{ errorDeviceCount: 8 }]);
    expect(graph.userState(scriptId, 'state-2')?.userPrincipalName).toBe(hostile);
    // A name still holding one once changed is refused as ever.
    await user.dblClick(cell);
    const changed = await within(grid()).findByRole('textbox', { name: 'User principal name' });
    await user.type(changed, 'x');
    await waitFor(() => expect(changed).toHaveAttribute('aria-invalid', 'true'));
  });

  it('refuses invalid input in the row editor and sends nothing', async () => {
    const user = userEvent.setup();
    const { graph } = renderPage({ count: 5 });
    await allLoaded(5);
    await user.dblClick(cellOf('user3@contoso.com', 'successDeviceCount'));
    const input = await within(grid()).findByRole('textbox', { name: 'Success device count' });
    await user.clear(input);
    await user.type(input, '1e3');
    expect(await screen.findByText(/no exponent/)).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    await user.keyboard('{Enter}');
    expect(within(grid()).getByRole('textbox', { name: 'Success device count' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(within(grid()).queryByRole('textbox')).not.toBeInTheDocument());
    expect(graph.requests.filter((request) => request.method === 'PATCH')).toHaveLength(0);
    expect(cellOf('user3@contoso.com', 'successDeviceCount')).toHaveTextContent('2');
  });

  it('rolls back a refused save, shows the Graph code and request id, and keeps the typed value to retry', async () => {
    const user = userEvent.setup();
    const { graph } = renderPage({ count: 5 });
    await allLoaded(5);
    graph.failNext('PATCH', 400);
    await user.dblClick(cellOf('user4@contoso.com', 'errorDeviceCount'));
    const input = await within(grid()).findByRole('textbox', { name: 'Error device count' });
    await user.clear(input);
    await user.type(input, '7{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not saved: user4@contoso.com');
    expect(alert).toHaveTextContent('BadRequest');
    expect(alert).toHaveTextContent(graph.lastRequestId('PATCH'));
    expect(alert).toHaveTextContent('Error device count: 7');
    await waitFor(() => expect(cellOf('user4@contoso.com', 'errorDeviceCount')).toHaveTextContent('0'));

    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(graph.userState(scriptId, 'state-4')?.errorDeviceCount).toBe(7));
    await waitFor(() => expect(cellOf('user4@contoso.com', 'errorDeviceCount')).toHaveTextContent('7'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps each refused save of a row, with its request id, until its values are saved or set aside', async () => {
    const user = userEvent.setup();
    const { graph } = renderPage({ count: 5 });
    await allLoaded(5);
    const saveCell = async (field: string, label: string, value: string) => {
      await saveInline(user, 'user4@contoso.com', field, label, value);
      await waitFor(() => expect(within(grid()).queryByRole('textbox')).not.toBeInTheDocument());
    };
    graph.failNext('PATCH', 400);
    await saveCell('successDeviceCount', 'Success device count', '5');
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(1));
    const firstRequestId = graph.lastRequestId('PATCH');
    graph.failNext('PATCH', 400);
    await saveCell('errorDeviceCount', 'Error device count', '7');
    // A second refusal of the row does not replace the first.
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(2));
    const [first, second] = screen.getAllByRole('alert');
    expect(first).toHaveTextContent('Your values: Success device count: 5');
    expect(first).toHaveTextContent(firstRequestId);
    expect(second).toHaveTextContent('Your values: Error device count: 7');
    // A save of the row's name lands: neither refused value is in it, so both stay.
    await saveCell('userPrincipalName', 'User principal name', 'renamed@contoso.com');
    await waitFor(() => expect(graph.userState(scriptId, 'state-4')?.userPrincipalName).toBe('renamed@contoso.com'));
    await waitFor(() => expect(cellOf('renamed@contoso.com', 'userPrincipalName')).toBeInTheDocument());
    expect(screen.getAllByRole('alert')).toHaveLength(2);
    // Saving the success count's value by hand settles that one only.
    await user.dblClick(cellOf('renamed@contoso.com', 'successDeviceCount'));
    const input = await within(grid()).findByRole('textbox', { name: 'Success device count' });
    await user.clear(input);
    await user.type(input, '5{Enter}');
    await waitFor(() => expect(graph.userState(scriptId, 'state-4')?.successDeviceCount).toBe(5));
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(1));
    expect(screen.getByRole('alert')).toHaveTextContent('Your values: Error device count: 7');
  });

  it('asks before leaving the page while a refused save or typed text would be lost, not for a search', async () => {
    const user = userEvent.setup();
    const { graph, router } = renderPage({ count: 5 });
    await allLoaded(5);
    graph.failNext('PATCH', 400);
    await saveInline(user, 'user1@contoso.com', 'errorDeviceCount', 'Error device count', '9');
    const refused = await screen.findByRole('alert');
    // The search stays on the page: not asked.
    await user.type(screen.getByRole('searchbox', { name: 'Search by user principal name' }), 'user');
    await waitFor(() => expect(router.state.location.search).toBe('?q=user'));
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(screen.getByRole('link', { name: 'Scripts' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Stay' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(refused).toHaveTextContent('Your values: Error device count: 9');

    // Set aside, the refused save no longer holds the page; typed text does.
    await user.click(within(refused).getByRole('button', { name: 'Discard' }));
    await user.dblClick(cellOf('user2@contoso.com', 'successDeviceCount'));
    const typed = await within(grid()).findByRole('textbox', { name: 'Success device count' });
    await user.type(typed, '7');
    await user.click(screen.getByRole('link', { name: 'Scripts' }));
    const again = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(again).getByRole('button', { name: 'Leave' }));
    expect(await screen.findByText('The scripts')).toBeInTheDocument();
  });

  it('re-opens a refused row in edit mode with what was typed', async () => {
    const user = userEvent.setup();
    const { graph } = renderPage({ count: 5 });
    await allLoaded(5);
    graph.failNext('PATCH', 400);
    await user.dblClick(cellOf('user5@contoso.com', 'successDeviceCount'));
    const input = await within(grid()).findByRole('textbox', { name: 'Success device count' });
    await user.clear(input);
    await user.type(input, '41{Enter}');
    const alert = await screen.findByRole('alert');
    await user.click(within(alert).getByRole('button', { name: 'Edit again' }));
    await waitFor(() =>
      expect(within(grid()).getByRole('textbox', { name: 'Success device count' })).toHaveValue('41'),
    );
  });

  it('asks before overwriting a change someone else made', async () => {
    const user = userEvent.setup();
    const { graph } = renderPage({ count: 5 });
    await allLoaded(5);
    graph.changeUserState(scriptId, 'state-1', { errorDeviceCount: 99 });
    await saveInline(user, 'user1@contoso.com', 'errorDeviceCount', 'Error device count', '3');
    const dialog = await screen.findByRole('dialog', { name: 'Someone else changed this user state' });
    expect(within(dialog).getByRole('columnheader', { name: 'Your value' })).toBeInTheDocument();
    expect(within(dialog).getByRole('columnheader', { name: 'Current value in Intune' })).toBeInTheDocument();
    expect(graph.requests.filter((request) => request.method === 'PATCH')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Overwrite with mine' }));
    await waitFor(() => expect(graph.userState(scriptId, 'state-1')?.errorDeviceCount).toBe(3));
  });

  it('asks about every conflict of saves that were on their way together, one after the other', async () => {
    const user = userEvent.setup();
    const { graph } = renderPage({ count: 5 });
    await allLoaded(5);
    graph.changeUserState(scriptId, 'state-1', { errorDeviceCount: 91 });
    graph.changeUserState(scriptId, 'state-2', { errorDeviceCount: 92 });
    // Both saves check the row before writing; Graph answers both checks only once both are sent.
    const release = graph.hold();
    for (const [upn, value] of [['user1@contoso.com', '3'], ['user2@contoso.com', '4']] as const) {
      await saveInline(user, upn, 'errorDeviceCount', 'Error device count', value);
      await waitFor(() => expect(within(grid()).queryByRole('textbox')).not.toBeInTheDocument());
    }
    release();
    const first = await screen.findByRole('dialog', { name: 'Someone else changed this user state' });
    expect(first).toHaveTextContent('user1@contoso.com');
    await user.click(within(first).getByRole('button', { name: 'Keep theirs' }));
    // The second conflict was not dropped by the first: it is asked about next.
    await waitFor(() =>
      expect(screen.getByRole('dialog', { name: 'Someone else changed this user state' })).toHaveTextContent(
        'user2@contoso.com',
      ),
    );
    const second = screen.getByRole('dialog', { name: 'Someone else changed this user state' });
    await user.click(within(second).getByRole('button', { name: 'Overwrite with mine' }));
    await waitFor(() => expect(graph.userState(scriptId, 'state-2')?.errorDeviceCount).toBe(4));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(graph.userState(scriptId, 'state-1')?.errorDeviceCount).toBe(91);
  });

  it('shows as "your value" what overwriting would leave: another admin\'s change of a field the user left is kept', async () => {
    const user = userEvent.setup();
    const { graph } = renderPage({ count: 5 });
    await allLoaded(5);
    graph.changeUserState(scriptId, 'state-3', { successDeviceCount: 30 });
    await saveInline(user, 'user3@contoso.com', 'errorDeviceCount', 'Error device count', '6');
    const dialog = await screen.findByRole('dialog', { name: 'Someone else changed this user state' });
    const success = within(dialog).getByRole('row', { name: /Success device count/ });
    expect(within(success).getByRole('rowheader')).toHaveTextContent('Success device count (changed by someone else; kept)');
    expect(within(success).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['30', '30']);
    await user.click(within(dialog).getByRole('button', { name: 'Overwrite with mine' }));
    await waitFor(() => expect(graph.userState(scriptId, 'state-3')).toMatchObject({ successDeviceCount: 30, errorDeviceCount: 6 }));
  });

  it('after a conflict the user chose not to overwrite, Edit again starts from the other values', async () => {
    const user = userEvent.setup();
    const { graph } = renderPage({ count: 5 });
    await allLoaded(5);
    graph.changeUserState(scriptId, 'state-2', { successDeviceCount: 30 });
    await user.dblClick(cellOf('user2@contoso.com', 'errorDeviceCount'));
    const input = await within(grid()).findByRole('textbox', { name: 'Error device count' });
    await user.clear(input);
    await user.type(input, '6{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Someone else changed this user state' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    const alert = await screen.findByRole('alert');
    await user.click(within(alert).getByRole('button', { name: 'Edit again' }));
    const reopened = await within(grid()).findByRole('textbox', { name: 'Error device count' });
    await waitFor(() => expect(reopened).toHaveValue('6'));
    await user.type(reopened, '{Enter}');
    await waitFor(() => expect(graph.userState(scriptId, 'state-2')).toMatchObject({ successDeviceCount: 30, errorDeviceCount: 6 }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const patches = graph.requests.filter((request) => request.method === 'PATCH');
    expect(patches).toHaveLength(1);
  });
});
