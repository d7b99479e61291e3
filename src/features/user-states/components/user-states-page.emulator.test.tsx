import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { allLoaded, cellOf, createPageGraph, grid, renderPage, rowOf, scriptId } from './user-states-page.emulator.fixture';

/**
 * Two clicks as a browser delivers them to a busy page: each its own event, React's work for each
 * click done (its microtasks), but the router's navigation to the new URL, a transition that
 * React renders in later tasks, not yet. Outside act, which would finish all of it in between.
 */
async function clickTwiceAsTheBrowserWould(target: () => HTMLElement): Promise<void> {
  const environment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  const underAct = environment.IS_REACT_ACT_ENVIRONMENT;
  environment.IS_REACT_ACT_ENVIRONMENT = false;
  try {
    for (let click = 0; click < 2; click += 1) {
      target().click();
      for (let turn = 0; turn < 10; turn += 1) await Promise.resolve();
    }
  } finally {
    environment.IS_REACT_ACT_ENVIRONMENT = underAct;
  }
}

describe('User states page', { timeout: 30_000 }, () => {
  it('shows the first page at once and keeps loading the rest with visible progress', async () => {
    // Graph answers pages of at most the $top asked (999): three pages, the first 45 % of the rows.
    const graph = createPageGraph({ count: 2220 });
    // Only the first page is answered at first: the later ones wait until the test lets them go.
    const releaseFirst = graph.hold();
    renderPage({ graph });
    await waitFor(() => expect(graph.requests).toHaveLength(1));
    releaseFirst();
    const releaseRest = graph.hold();
    await screen.findByText('user1@contoso.com');
    expect(screen.getByText('Loaded 999 of 2,220')).toBeInTheDocument();
    const progress = screen.getByRole('progressbar', { name: 'Loading user states' });
    expect(progress).toBeVisible();
    expect(progress).toHaveAttribute('aria-valuenow', '45');
    releaseRest();
    await waitFor(() => expect(screen.getByText('Loaded 2,220 of 2,220')).toBeInTheDocument());
    await waitFor(() =>
      expect(screen.queryByRole('progressbar', { name: 'Loading user states' })).not.toBeInTheDocument(),
    );
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
    await allLoaded(30);
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
      count: 1200,
      path: `/deviceManagement/deviceManagementScripts/${scriptId}/userRunStates?q=user1&sort=userPrincipalName&dir=desc&page=2`,
    });
    await screen.findByText(/Loaded 1,200 of 1,200/);
    // The link's view worked out independently of the page: the UPNs that contain "user1"
    // (user1, user10…19, user100…199, user1000…1200: 312), descending, the second page of 100.
    const upns = Array.from({ length: 1200 }, (_, index) => `user${index + 1}@contoso.com`);
    const matching = upns.filter((upn) => upn.includes('user1'));
    const expected = [...matching].sort().reverse().slice(100, 200);
    const rows = within(grid()).getAllByRole('row').slice(1);
    expect(rows.length).toBe(100);
    expect(rows.map((row) => row.querySelector('[data-field="userPrincipalName"]')?.textContent)).toEqual(expected);
    // The grid's own page indicator shows the linked page.
    expect(screen.getByText('101–200 of 312')).toBeInTheDocument();
    expect(screen.getByText(/312 matching/)).toBeInTheDocument();
    expect(screen.getByLabelText('Search by user principal name')).toHaveValue('user1');
  });

  it('opens a link with 25 rows per page on its page, and goes to the last page in one step', async () => {
    const user = userEvent.setup();
    const { router } = renderPage({
      count: 250,
      path: `/deviceManagement/deviceManagementScripts/${scriptId}/userRunStates?page=2&pageSize=25`,
    });
    await allLoaded(250);
    // Graph's order: user1 … user250; page 2 of 25 starts at user26.
    await waitFor(() => expect(within(grid()).getAllByRole('row').slice(1)).toHaveLength(25));
    expect(within(grid()).getByText('user26@contoso.com')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Go to last page' }));
    await waitFor(() => expect(router.state.location.search).toBe('?page=10&pageSize=25'));
    expect(await within(grid()).findByText('user250@contoso.com')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Go to first page' }));
    await waitFor(() => expect(router.state.location.search).toBe('?pageSize=25'));
  });

  it('sorts when a column header is clicked and records it in the URL', async () => {
    const user = userEvent.setup();
    const { router } = renderPage({ count: 30 });
    await allLoaded(30);
    await user.click(
      within(grid())
        .getByRole('columnheader', { name: /Error device count/ })
        .querySelector('.MuiDataGrid-columnHeaderTitleContainer') as HTMLElement,
    );
    await waitFor(() => expect(router.state.location.search).toBe('?sort=errorDeviceCount&dir=asc'));
    const header = within(grid()).getByRole('columnheader', { name: /Error device count/ });
    await waitFor(() => expect(header).toHaveAttribute('aria-sort', 'ascending'));
    // Back undoes the sort, forward brings it back.
    await act(() => router.navigate(-1));
    await waitFor(() => expect(header).toHaveAttribute('aria-sort', 'none'));
    await act(() => router.navigate(1));
    await waitFor(() => expect(header).toHaveAttribute('aria-sort', 'ascending'));
  });

  it('a second click on a header before the first has reached the URL sorts the other way, as clicked', async () => {
    const { router } = renderPage({ count: 30 });
    await allLoaded(30);
    const header = () => within(grid()).getByRole('columnheader', { name: /Error device count/ });
    await clickTwiceAsTheBrowserWould(() => header().querySelector('.MuiDataGrid-columnHeaderTitleContainer') as HTMLElement);
    await waitFor(() => expect(router.state.location.search).toBe('?sort=errorDeviceCount&dir=desc'));
    await waitFor(() => expect(header()).toHaveAttribute('aria-sort', 'descending'));
  });

  it('two clicks on "Go to next page" before the first has reached the URL go two pages on, and back again', async () => {
    const { router } = renderPage({ count: 250, path: `/deviceManagement/deviceManagementScripts/${scriptId}/userRunStates?pageSize=25` });
    await allLoaded(250);
    const button = (name: string) => () => screen.getByRole('button', { name });
    await clickTwiceAsTheBrowserWould(button('Go to next page'));
    await waitFor(() => expect(router.state.location.search).toBe('?page=3&pageSize=25'));
    await waitFor(() => expect(screen.getByText('51–75 of 250')).toBeInTheDocument());
    await clickTwiceAsTheBrowserWould(button('Go to previous page'));
    await waitFor(() => expect(router.state.location.search).toBe('?pageSize=25'));
    // Past either end the clicks stop at the first and the last page.
    await clickTwiceAsTheBrowserWould(button('Go to last page'));
    await waitFor(() => expect(router.state.location.search).toBe('?page=10&pageSize=25'));
  });

  it('starts editing with Enter on a focused cell and cancels with Escape', async () => {
    const user = userEvent.setup();
    const { graph } = renderPage({ count: 5 });
    await allLoaded(5);
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

  it('keeps a read-only account from editing and says which permission is missing', async () => {
    const user = userEvent.setup();
    renderPage({ count: 5, canWrite: false });
    await allLoaded(5);
    expect(screen.getByText(/DeviceManagementScripts\.ReadWrite\.All/)).toBeInTheDocument();
    await user.dblClick(cellOf('user2@contoso.com', 'errorDeviceCount'));
    expect(within(grid()).queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('offers a copy-link and an open link on each row', async () => {
    renderPage({ count: 3 });
    await allLoaded(3);
    const row = rowOf('user1@contoso.com');
    expect(within(row).getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'Open' })).toHaveAttribute(
      'href',
      `/deviceManagement/deviceManagementScripts/${scriptId}/userRunStates/state-1`,
    );
  });
});
