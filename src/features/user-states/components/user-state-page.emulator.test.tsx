import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLoaderData, useParams, type LoaderFunctionArgs } from 'react-router';
import { routePatterns } from '../../../config/routes';
import { EMPTY_SCRIPT_ID } from '../../../../emulator/constants';
import { emulatorBackendForEachTest, makeUserStates } from '../../../testing/emulator-graph';
import { createTestSession, renderRoutes } from '../../../testing/render';
import { Notifications } from '../../../components/notifications';
import { notifications } from '../../../lib/notifications';
import { restoreFormDraft, type RowDraft } from '../drafts/draft-store';
import { UserStatePage } from './user-state-page';

// A script seeded without user states, given the test's own.
const scriptId = EMPTY_SCRIPT_ID;
const backend = emulatorBackendForEachTest();
const formPath = `/deviceManagement/deviceManagementScripts/${scriptId}/userRunStates/state-2`;

// As the app's route: the loader reads what the user typed on this record before a reload.
const formLoader = ({ params }: LoaderFunctionArgs) => restoreFormDraft('deviceManagementScripts', params.scriptId ?? '', params.stateId ?? '');

function Page() {
  const { scriptId: script = '', stateId = '' } = useParams();
  return <UserStatePage kind={'deviceManagementScripts'} scriptId={script} stateId={stateId} restored={useLoaderData<RowDraft | null>()} />;
}

function renderForm(options: { canWrite?: boolean; path?: string } = {}) {
  const graph = backend.seed(scriptId, makeUserStates(3));
  const routes = [
    { path: routePatterns.userState, loader: formLoader, element: <Page />, hydrateFallbackElement: <p>Loading…</p> },
    { path: routePatterns.userStates, element: <p>The grid</p> },
    { path: routePatterns.scripts, element: <p>The scripts</p> },
  ];
  const rendered = renderRoutes(routes, options.path ?? formPath, {
    graph: graph.client,
    session: createTestSession({ canWrite: options.canWrite ?? true }),
  });
  return { ...rendered, graph };
}

const save = () => screen.getByRole('button', { name: 'Save' });

/** Types `text` over the error count and waits until it can be saved; the field, for more. */
async function typeErrorCount(user: ReturnType<typeof userEvent.setup>, text: string): Promise<HTMLElement> {
  const errors = await screen.findByLabelText('Error device count');
  await user.clear(errors);
  await user.type(errors, text);
  await waitFor(() => expect(save()).toBeEnabled());
  return errors;
}

afterEach(() => {
  act(() => {
    for (const toast of notifications.getSnapshot()) notifications.dismiss(toast.id);
  });
});

describe('User state form', { timeout: 30_000 }, () => {
  it('offers Undo after a save; it writes the previous value back, and asks first when Intune changed since', async () => {
    const user = userEvent.setup();
    const { graph } = renderForm();
    render(<Notifications />);
    const errors = await screen.findByLabelText('Error device count');
    await user.clear(errors);
    await user.type(errors, '4');
    await user.click(save());
    await waitFor(() => expect(graph.userState(scriptId, 'state-2')?.errorDeviceCount).toBe(4));
    await user.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(graph.userState(scriptId, 'state-2')?.errorDeviceCount).toBe(1));
    await waitFor(() => expect(screen.getByLabelText('Error device count')).toHaveValue('1'));

    // Undo the undo after another admin changed the count: nothing is written until a choice.
    graph.changeUserState(scriptId, 'state-2', { errorDeviceCount: 9 });
    await user.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Undo' }));
    const dialog = await screen.findByRole('dialog', { name: 'Someone else changed this user state' });
    expect(within(dialog).getByRole('columnheader', { name: 'What you wrote' })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Write the previous values anyway' }));
    await waitFor(() => expect(graph.userState(scriptId, 'state-2')?.errorDeviceCount).toBe(4));
  });

  it('shows the record with the id read-only and Save disabled until something changes', async () => {
    renderForm();
    expect(await screen.findByLabelText('User principal name')).toHaveValue('user2@contoso.com');
    expect(screen.getByLabelText('Success device count')).toHaveValue('1');
    expect(screen.getByLabelText('Error device count')).toHaveValue('1');
    expect(screen.getByLabelText('Id')).toHaveValue('state-2');
    expect(screen.getByLabelText('Id')).toHaveAttribute('readonly');
    expect(save()).toBeDisabled();
    expect(document.title).toContain('user2@contoso.com');
  });

  it('sends only the changed field, then shows the saved values as the new baseline', async () => {
    const user = userEvent.setup();
    const { graph } = renderForm();
    await typeErrorCount(user, '4');
    await user.click(save());
    await waitFor(() => expect(graph.userState(scriptId, 'state-2')?.errorDeviceCount).toBe(4));
    expect(graph.requests.filter((request) => request.method === 'PATCH')).toEqual([
      { method: 'PATCH', path: expect.stringContaining('/userRunStates/state-2'), body: { errorDeviceCount: 4 } },
    ]);
    await waitFor(() => expect(save()).toBeDisabled());
    expect(screen.getByLabelText('Error device count')).toHaveValue('4');
  });

  it('keeps what was typed while a save was on its way, as an unsaved change of the saved record', async () => {
    const user = userEvent.setup();
    const { graph } = renderForm();
    const errors = await typeErrorCount(user, '4');
    const release = graph.hold();
    await user.click(save());
    // Graph has not answered yet (a throttled save waits seconds): the user goes on typing.
    const success = screen.getByLabelText('Success device count');
    await user.clear(success);
    await user.type(success, '8');
    release();
    await waitFor(() => expect(graph.userState(scriptId, 'state-2')?.errorDeviceCount).toBe(4));
    // The save landed and what was typed since is still there, the one change left to save.
    await waitFor(() => expect(save()).toBeEnabled());
    expect(success).toHaveValue('8');
    expect(errors).toHaveValue('4');
    await user.click(save());
    await waitFor(() => expect(graph.userState(scriptId, 'state-2')?.successDeviceCount).toBe(8));
    expect(graph.requests.filter((request) => request.method === 'PATCH').map((request) => request.body)).toEqual([
      { errorDeviceCount: 4 },
      { successDeviceCount: 8 },
    ]);
  });

  it.each([
    ['Success device count', '-1', /negative/],
    ['Success device count', '2147483648', /2,147,483,647/],
    ['Error device count', '1.5', /without decimals/],
    ['Error device count', ' ', /spaces/],
    ['User principal name', 'adele', /Add an @/],
    ['User principal name', '<script>alert(1)</script>', /< > and "/],
  ])('shows a plain error next to %s for %j and sends nothing', async (label, text, message) => {
    const user = userEvent.setup();
    const { graph } = renderForm();
    const field = await screen.findByLabelText(label);
    await user.clear(field);
    if (text !== '') await user.type(field, text);
    await waitFor(() => expect(field).toHaveAccessibleDescription(message));
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(save()).toBeDisabled();
    await user.type(field, '{Enter}');
    expect(graph.requests.filter((request) => request.method === 'PATCH')).toHaveLength(0);
  });

  it('asks before leaving with unsaved changes', async () => {
    const user = userEvent.setup();
    const { router } = renderForm();
    const upn = await screen.findByLabelText('User principal name');
    await user.type(upn, 'x');
    await user.click(screen.getByRole('link', { name: 'User run states' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Stay' }));
    expect(router.state.location.pathname).toBe(formPath);
    expect(screen.getByLabelText('User principal name')).toHaveValue('user2@contoso.comx');

    await user.click(screen.getByRole('link', { name: 'User run states' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Leave' }));
    expect(await screen.findByText('The grid')).toBeInTheDocument();
  });

  it('leaves without asking when nothing changed', async () => {
    const user = userEvent.setup();
    renderForm();
    await screen.findByLabelText('User principal name');
    await user.click(screen.getByRole('link', { name: 'User run states' }));
    expect(await screen.findByText('The grid')).toBeInTheDocument();
  });

  it('shows a refused save with the Graph code and request id, keeping the typed values', async () => {
    const user = userEvent.setup();
    const { graph } = renderForm();
    graph.failNext('PATCH', 403);
    const success = await screen.findByLabelText('Success device count');
    await user.clear(success);
    await user.type(success, '8');
    await user.click(save());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Forbidden');
    expect(alert).toHaveTextContent(graph.lastRequestId('PATCH'));
    expect(alert).toHaveTextContent(/work or school account/);
    expect(within(alert).getByRole('button', { name: 'Copy request ID' })).toBeInTheDocument();
    expect(screen.getByLabelText('Success device count')).toHaveValue('8');
    expect(save()).toBeEnabled();
  });

  it('shows the other admin’s values beside the user’s and lets them keep theirs', async () => {
    const user = userEvent.setup();
    const { graph } = renderForm();
    const success = await screen.findByLabelText('Success device count');
    graph.changeUserState(scriptId, 'state-2', { successDeviceCount: 50 });
    await user.clear(success);
    await user.type(success, '9');
    await user.click(save());
    const dialog = await screen.findByRole('dialog', { name: 'Someone else changed this user state' });
    const row = within(dialog).getByRole('rowheader', { name: /Success device count/ }).closest('tr');
    expect(row).toHaveTextContent('9');
    expect(row).toHaveTextContent('50');
    await user.click(within(dialog).getByRole('button', { name: 'Keep theirs' }));
    await waitFor(() => expect(screen.getByLabelText('Success device count')).toHaveValue('50'));
    expect(graph.requests.filter((request) => request.method === 'PATCH')).toHaveLength(0);
    expect(graph.userState(scriptId, 'state-2')?.successDeviceCount).toBe(50);
  });

  it('disables editing for a read-only account and says why', async () => {
    renderForm({ canWrite: false });
    expect(await screen.findByLabelText('Success device count')).toBeDisabled();
    expect(screen.getByText(/not been granted the DeviceManagementScripts\.ReadWrite\.All permission/)).toBeInTheDocument();
    expect(save()).toBeDisabled();
  });

  it('says clearly when the user state does not exist, with a way back', async () => {
    renderForm({ path: `/deviceManagement/deviceManagementScripts/${scriptId}/userRunStates/nope` });
    expect(await screen.findByText('User state not found')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to user run states' })).toHaveAttribute(
      'href',
      `/deviceManagement/deviceManagementScripts/${scriptId}/userRunStates`,
    );
  });

  it('brings typed values back after a reload or sign-in round trip, on the same record', async () => {
    const user = userEvent.setup();
    const first = renderForm();
    const errors = await screen.findByLabelText('Error device count');
    await user.clear(errors);
    await user.type(errors, '6');
    first.unmount();

    const { graph } = renderForm();
    await waitFor(() => expect(screen.getByLabelText('Error device count')).toHaveValue('6'));
    expect(screen.getByText('Your unsaved changes to this user state were restored.')).toBeInTheDocument();
    await waitFor(() => expect(save()).toBeEnabled());
    await user.click(save());
    await waitFor(() => expect(graph.userState(scriptId, 'state-2')?.errorDeviceCount).toBe(6));
    // Nothing typed is left; the session's change log (the save just made) stays.
    await waitFor(() => expect(Object.keys(sessionStorage).filter((key) => key !== 'intune-states.change-log')).toEqual([]));
  });

  it('renders markup in data as inert text', async () => {
    const graph = backend.seed(scriptId, [
      { id: 'x', userPrincipalName: '<img src=x onerror=alert(1)>', successDeviceCount: 0, errorDeviceCount: 0 },
    ]);
    renderRoutes([{ path: routePatterns.userState, loader: formLoader, element: <Page /> }], `/deviceManagement/deviceManagementScripts/${scriptId}/userRunStates/x`, {
      graph: graph.client,
    });
    expect(await screen.findByLabelText('User principal name')).toHaveValue('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
    expect(document.title).toContain('<img src=x onerror=alert(1)>');
  });
});
