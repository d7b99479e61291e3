import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLoaderData, useParams } from 'react-router';
import { routePatterns } from '../../../config/routes';
import { GraphError } from '../../../lib/graph/graph-error';
import { createFakeGraph, makeUserStates } from '../../../testing/fake-graph';
import { createTestSession, renderRoutes } from '../../../testing/render';
import type { UpdateUserStateVariables } from '../api/update-user-state';
import { keepDrafts, restorePageDrafts, unsentSaveDraft, type PageDrafts, type RowDraft } from '../drafts/draft-store';
import { UserStatesPage } from './user-states-page';

const scriptId = 'script-1';

// What a sign-in round trip leaves behind, as the grid page's stash would have kept it.
const stashSaves = (saves: UpdateUserStateVariables[]) => keepDrafts(saves.map(unsentSaveDraft));
const stashInlineDrafts = (id: string, rows: RowDraft[]) =>
  keepDrafts(rows.map((row) => ({ kind: 'open-row', scriptId: id, ...row })));

function Page() {
  const { scriptId: id = '' } = useParams();
  return <UserStatesPage scriptId={id} scriptName="Fix printers" scriptError={null} restored={useLoaderData<PageDrafts>()} />;
}

function renderPage(options: { count?: number; pageSize?: number; canWrite?: boolean; path?: string } = {}) {
  const graph = createFakeGraph({
    scripts: [{ id: scriptId, displayName: 'Fix printers' }],
    userStates: { [scriptId]: makeUserStates(options.count ?? 250) },
    pageSize: options.pageSize ?? 1000,
  });
  const routes = [
    // As the app's route: the loader takes what a sign-in round trip kept for the script.
    { path: routePatterns.userStates, loader: () => restorePageDrafts(scriptId), element: <Page /> },
    { path: routePatterns.userState, element: <p>Form page</p> },
  ];
  const path = options.path ?? `/deviceManagement/deviceManagementScripts/${scriptId}/userRunStates`;
  return renderRoutes(routes, path, { graph, session: createTestSession({ canWrite: options.canWrite ?? true }) });
}

function grid() {
  return screen.getByRole('grid', { name: 'User run states' });
}

function rowOf(upn: string): HTMLElement {
  const cell = within(grid()).getByText(upn);
  const row = cell.closest('[role="row"]');
  if (!(row instanceof HTMLElement)) throw new Error(`no row for ${upn}`);
  return row;
}

function cellOf(upn: string, field: string): HTMLElement {
  const cell = rowOf(upn).querySelector(`[data-field="${field}"]`);
  if (!(cell instanceof HTMLElement)) throw new Error(`no ${field} cell for ${upn}`);
  return cell;
}

describe('User states page', { timeout: 30_000 }, () => {
  it('shows the first page at once and keeps loading the rest with visible progress', async () => {
    const { graph } = renderPage({ count: 250, pageSize: 100 });
    await screen.findByText('user1@contoso.com');
    await waitFor(() => expect(screen.getByText('Loaded 250 of 250')).toBeInTheDocument());
    const listRequests = graph.requests.filter((request) => request.path.includes('userRunStates'));
    expect(listRequests[0]?.path).toContain('$top=999');
    expect(listRequests[0]?.path).toContain('$count=true');
    expect(listRequests[0]?.path).toContain('$select=id,userPrincipalName,successDeviceCount,errorDeviceCount');
    expect(listRequests).toHaveLength(3);
    // One page of 100 in the grid.
    expect(within(grid()).getAllByRole('row').length).toBeLessThanOrEqual(101);
  });

  it('searches by UPN after typing stops and keeps the search in the URL', async () => {
    const user = userEvent.setup();
    const { router } = renderPage({ count: 30 });
    await screen.findByText('Loaded 30 of 30');
    await user.type(screen.getByLabelText('Search by user principal name'), 'user1');
    await waitFor(() => expect(router.state.location.search).toBe('?q=user1'));
    // user1, user10 … user19
    expect(await screen.findByText(/11 matching/)).toBeInTheDocument();
    await waitFor(() => expect(within(grid()).queryByText('user2@contoso.com')).not.toBeInTheDocument());
    expect(within(grid()).getByText('user19@contoso.com')).toBeInTheDocument();
    expect(within(grid()).getAllByRole('row')).toHaveLength(12);
  });

  it('opens the view a shared link describes: search, sort and page', async () => {
    renderPage({
      count: 250,
      path: `/deviceManagement/deviceManagementScripts/${scriptId}/userRunStates?sort=userPrincipalName&dir=desc&page=2`,
    });
    await screen.findByText('Loaded 250 of 250');
    // Descending by UPN: user99, user98, … ; page 2 starts at the 101st.
    const rows = within(grid()).getAllByRole('row').slice(1);
    expect(rows.length).toBe(100);
    expect(screen.getByLabelText('Search by user principal name')).toHaveValue('');
  });

  it('sorts when a column header is clicked and records it in the URL', async () => {
    const user = userEvent.setup();
    const { router } = renderPage({ count: 30 });
    await screen.findByText('Loaded 30 of 30');
    await user.click(
      within(grid())
        .getByRole('columnheader', { name: /Error device count/ })
        .querySelector('.MuiDataGrid-columnHeaderTitleContainer') as HTMLElement,
    );
    await waitFor(() => expect(router.state.location.search).toBe('?sort=errorDeviceCount&dir=asc'));
    const header = within(grid()).getByRole('columnheader', { name: /Error device count/ });
    await waitFor(() => expect(header).toHaveAttribute('aria-sort', 'ascending'));
    // Back undoes the sort, forward brings it back.
    await router.navigate(-1);
    await waitFor(() => expect(header).toHaveAttribute('aria-sort', 'none'));
    await router.navigate(1);
    await waitFor(() => expect(header).toHaveAttribute('aria-sort', 'ascending'));
  });

  it('starts editing with Enter on a focused cell and cancels with Escape', async () => {
    const user = userEvent.setup();
    const { graph } = renderPage({ count: 5 });
    await screen.findByText('Loaded 5 of 5');
    await user.click(cellOf('user1@contoso.com', 'successDeviceCount'));
    await user.keyboard('{Enter}');
    const input = await within(grid()).findByRole('textbox', { name: 'Success device count' });
    await user.clear(input);
    await user.type(input, '9');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(within(grid()).queryByRole('textbox')).not.toBeInTheDocument());
    expect(cellOf('user1@contoso.com', 'successDeviceCount')).toHaveTextContent('0');
    expect(graph.requests.filter((request) => request.method === 'PATCH')).toHaveLength(0);
  });

  it('edits a row inline: Enter saves one PATCH with only the changed field and shows it at once', async () => {
    const user = userEvent.setup();
    const { graph } = renderPage({ count: 5 });
    await screen.findByText('Loaded 5 of 5');
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

  it('refuses invalid input in the row editor and sends nothing', async () => {
    const user = userEvent.setup();
    const { graph } = renderPage({ count: 5 });
    await screen.findByText('Loaded 5 of 5');
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
    await screen.findByText('Loaded 5 of 5');
    graph.failNext('PATCH', new GraphError({ status: 400, code: 'BadRequest', message: 'x', requestId: 'req-400' }));
    await user.dblClick(cellOf('user4@contoso.com', 'errorDeviceCount'));
    const input = await within(grid()).findByRole('textbox', { name: 'Error device count' });
    await user.clear(input);
    await user.type(input, '7{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not saved: user4@contoso.com');
    expect(alert).toHaveTextContent('BadRequest');
    expect(alert).toHaveTextContent('req-400');
    expect(alert).toHaveTextContent('Error device count: 7');
    await waitFor(() => expect(cellOf('user4@contoso.com', 'errorDeviceCount')).toHaveTextContent('0'));

    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(graph.userState(scriptId, 'state-4')?.errorDeviceCount).toBe(7));
    await waitFor(() => expect(cellOf('user4@contoso.com', 'errorDeviceCount')).toHaveTextContent('7'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('re-opens a refused row in edit mode with what was typed', async () => {
    const user = userEvent.setup();
    const { graph } = renderPage({ count: 5 });
    await screen.findByText('Loaded 5 of 5');
    graph.failNext('PATCH', new GraphError({ status: 400, code: 'BadRequest', message: 'x', requestId: 'req-400' }));
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
    await screen.findByText('Loaded 5 of 5');
    graph.changeUserState(scriptId, 'state-1', { errorDeviceCount: 99 });
    await user.dblClick(cellOf('user1@contoso.com', 'errorDeviceCount'));
    const input = await within(grid()).findByRole('textbox', { name: 'Error device count' });
    await user.clear(input);
    await user.type(input, '3{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Someone else changed this user state' });
    expect(within(dialog).getByRole('columnheader', { name: 'Your value' })).toBeInTheDocument();
    expect(within(dialog).getByRole('columnheader', { name: 'Current value in Intune' })).toBeInTheDocument();
    expect(graph.requests.filter((request) => request.method === 'PATCH')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Overwrite with mine' }));
    await waitFor(() => expect(graph.userState(scriptId, 'state-1')?.errorDeviceCount).toBe(3));
  });

  it('after a conflict the user chose not to overwrite, Edit again starts from the other values', async () => {
    const user = userEvent.setup();
    const { graph } = renderPage({ count: 5 });
    await screen.findByText('Loaded 5 of 5');
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

  it('offers a save that sign-in interrupted again, unsent, with Retry', async () => {
    const user = userEvent.setup();
    const original = {
      id: 'state-2',
      userPrincipalName: 'user2@contoso.com',
      successDeviceCount: 1,
      errorDeviceCount: 1,
    };
    stashSaves([{ scriptId, original, changes: { errorDeviceCount: 8 } }]);
    const { graph } = renderPage({ count: 5 });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('sign in again');
    expect(alert).toHaveTextContent('Error device count: 8');
    expect(graph.requests.filter((request) => request.method === 'PATCH')).toHaveLength(0);
    await screen.findByText('Loaded 5 of 5');
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
    await screen.findByText('Loaded 250 of 250');
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
    await screen.findByText('Loaded 5 of 5');
    const input = await within(grid()).findByRole('textbox', { name: 'Error device count' });
    await waitFor(() => expect(input).toHaveValue('5'));
    await user.type(input, '{Enter}');
    await screen.findByRole('dialog', { name: 'Someone else changed this user state' });
    expect(graph.requests.filter((request) => request.method === 'PATCH')).toHaveLength(0);
  });

  it('keeps a read-only account from editing and says which permission is missing', async () => {
    const user = userEvent.setup();
    renderPage({ count: 5, canWrite: false });
    await screen.findByText('Loaded 5 of 5');
    expect(screen.getByText(/DeviceManagementManagedDevices\.ReadWrite\.All/)).toBeInTheDocument();
    await user.dblClick(cellOf('user2@contoso.com', 'errorDeviceCount'));
    expect(within(grid()).queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('offers a copy-link and an open link on each row', async () => {
    renderPage({ count: 3 });
    await screen.findByText('Loaded 3 of 3');
    const row = rowOf('user1@contoso.com');
    expect(within(row).getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'Open' })).toHaveAttribute(
      'href',
      `/deviceManagement/deviceManagementScripts/${scriptId}/userRunStates/state-1`,
    );
  });
});
