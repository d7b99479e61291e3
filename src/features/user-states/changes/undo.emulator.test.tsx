import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Notifications } from '../../../components/notifications';
import { notifications } from '../../../lib/notifications';
import type { ConfirmedEdit } from '../cache/edit-coordinator';
import { allLoaded, cellOf, grid, renderPage, scriptId } from '../components/user-states-page.emulator.fixture';
import { sessionChangeLog } from './change-log-store';

afterEach(() => {
  act(() => {
    for (const toast of notifications.getSnapshot()) notifications.dismiss(toast.id);
  });
});

async function saveInline(upn: string, field: string, label: string, value: string) {
  const user = userEvent.setup();
  await user.dblClick(cellOf(upn, field));
  const input = await within(grid()).findByRole('textbox', { name: label });
  await user.clear(input);
  await user.type(input, `${value}{Enter}`);
  return user;
}

function renderWithToasts() {
  const page = renderPage({ count: 5 });
  render(<Notifications />);
  return page;
}

// Each test saves and undoes several times through the grid: longer than one edit on a busy machine.
describe('Undo of a save', { timeout: 60_000 }, () => {
  it('offers Undo in the Saved toast, which writes the previous value back and is itself undoable', async () => {
    const { graph } = renderWithToasts();
    await allLoaded(5);
    const user = await saveInline('user2@contoso.com', 'errorDeviceCount', 'Error device count', '12');
    const saved = await screen.findByRole('alert');
    expect(saved).toHaveTextContent('Saved user2@contoso.com');
    await waitFor(() => expect(graph.userState(scriptId, 'state-2')?.errorDeviceCount).toBe(12));

    await user.click(within(saved).getByRole('button', { name: 'Undo' }));
    const undone = await screen.findByText('Undone user2@contoso.com');
    await waitFor(() => expect(graph.userState(scriptId, 'state-2')?.errorDeviceCount).toBe(1));
    await waitFor(() => expect(cellOf('user2@contoso.com', 'errorDeviceCount')).toHaveTextContent('1'));
    const patches = graph.requests.filter((request) => request.method === 'PATCH').map((request) => request.body);
    expect(patches).toEqual([{ errorDeviceCount: 12 }, { errorDeviceCount: 1 }]);

    // The undo is a change of its own: its Undo writes the saved value again.
    await user.click(within(undone.closest('[role="alert"]') as HTMLElement).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(graph.userState(scriptId, 'state-2')?.errorDeviceCount).toBe(12));
  });

  it('asks with three values when the record changed since the save, and writes nothing until a choice', async () => {
    const { graph } = renderWithToasts();
    await allLoaded(5);
    const user = await saveInline('user3@contoso.com', 'successDeviceCount', 'Success device count', '40');
    const saved = await screen.findByRole('alert');
    await waitFor(() => expect(graph.userState(scriptId, 'state-3')?.successDeviceCount).toBe(40));
    graph.changeUserState(scriptId, 'state-3', { successDeviceCount: 41 });
    graph.clearRequests();

    await user.click(within(saved).getByRole('button', { name: 'Undo' }));
    const dialog = await screen.findByRole('dialog', { name: 'Someone else changed this user state' });
    const header = within(dialog).getAllByRole('columnheader').map((cell) => cell.textContent);
    expect(header).toEqual(['Field', 'Before your save', 'What you wrote', 'Now in Intune']);
    const counts = within(dialog).getByRole('rowheader', { name: /Success device count/ }).closest('tr') as HTMLElement;
    expect([...counts.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual(['2', '40', '41']);
    expect(graph.requests.filter((request) => request.method === 'PATCH')).toHaveLength(0);
    expect(graph.userState(scriptId, 'state-3')?.successDeviceCount).toBe(41);

    await user.click(within(dialog).getByRole('button', { name: 'Write the previous values anyway' }));
    await waitFor(() => expect(graph.userState(scriptId, 'state-3')?.successDeviceCount).toBe(2));
    expect(await screen.findByText('Undone user3@contoso.com')).toBeInTheDocument();
  });

  it('lets another field’s change pass: only the fields the save wrote are checked', async () => {
    const { graph } = renderWithToasts();
    await allLoaded(5);
    const user = await saveInline('user4@contoso.com', 'errorDeviceCount', 'Error device count', '8');
    const saved = await screen.findByRole('alert');
    await waitFor(() => expect(graph.userState(scriptId, 'state-4')?.errorDeviceCount).toBe(8));
    graph.changeUserState(scriptId, 'state-4', { successDeviceCount: 77 });
    await user.click(within(saved).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(graph.userState(scriptId, 'state-4')).toMatchObject({ successDeviceCount: 77, errorDeviceCount: 0 }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('undoes a job of this script from Changes, and sends a job of another script to that script’s page', async () => {
    const jobOf = (jobScriptId: string, changeId: string, at: number): ConfirmedEdit[] =>
      [1, 2].map((n) => {
        const before = { id: `state-${n}`, userPrincipalName: `user${n}@contoso.com`, successDeviceCount: 1, errorDeviceCount: 0 };
        const after = { ...before, errorDeviceCount: 9 };
        return { scriptKind: 'deviceManagementScripts', scriptId: jobScriptId, stateId: before.id, before, written: { errorDeviceCount: 9 }, after, at, requestId: null, changeId };
      });
    // Two bulk jobs of this session: one on another script (older), one on this page's script.
    sessionChangeLog.write([...jobOf('another-script', 'job-elsewhere', 1_000), ...jobOf(scriptId, 'job-here', 2_000)]);
    renderWithToasts();
    await allLoaded(5);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Changes' }));
    const panel = await screen.findByRole('dialog', { name: 'Changes in this session' });
    const elsewhere = new Date(1_000).toLocaleString();
    expect(within(panel).getByRole('link', { name: `Open the script of the 2 saves at ${elsewhere} to undo them` })).toHaveAttribute(
      'href',
      '/deviceManagement/deviceManagementScripts/another-script/userRunStates',
    );
    expect(within(panel).queryByRole('button', { name: `Undo the 2 saves at ${elsewhere}` })).toBeNull();
    expect(within(panel).getByRole('button', { name: `Undo the 2 saves at ${new Date(2_000).toLocaleString()}` })).toBeInTheDocument();
  });

  it('lists the session’s saves in Changes, newest first, with the request id and an Undo each', async () => {
    const { graph } = renderWithToasts();
    await allLoaded(5);
    await saveInline('user1@contoso.com', 'errorDeviceCount', 'Error device count', '5');
    await waitFor(() => expect(graph.userState(scriptId, 'state-1')?.errorDeviceCount).toBe(5));
    const firstRequestId = graph.lastRequestId('PATCH');
    const user = await saveInline('user5@contoso.com', 'successDeviceCount', 'Success device count', '9');
    await waitFor(() => expect(graph.userState(scriptId, 'state-5')?.successDeviceCount).toBe(9));

    await user.click(screen.getByRole('button', { name: 'Changes' }));
    const panel = await screen.findByRole('dialog', { name: 'Changes in this session' });
    const rows = within(panel).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[1]?.textContent)).toEqual(['user5@contoso.com', 'user1@contoso.com']);
    expect(rows[0]).toHaveTextContent('Success device count: 4 → 9');
    expect(rows[1]).toHaveTextContent('Error device count: 0 → 5');
    expect(rows[1]).toHaveTextContent(firstRequestId);

    await user.click(within(rows[1] as HTMLElement).getByRole('button', { name: /^Undo the save of user1@contoso\.com/ }));
    await waitFor(() => expect(graph.userState(scriptId, 'state-1')?.errorDeviceCount).toBe(0));
    // The undo joins the list at the top.
    await waitFor(() => expect(within(panel).getAllByRole('row')).toHaveLength(4));
    expect(within(panel).getAllByRole('row')[1]).toHaveTextContent('Undo of an earlier save');
    expect(within(panel).getAllByRole('row')[1]).toHaveTextContent('Error device count: 5 → 0');
  });
});
