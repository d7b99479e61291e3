import { screen, within } from '@testing-library/react';
import { useLoaderData, useParams } from 'react-router';
import { routePatterns } from '../../../config/routes';
import { createFakeGraph, makeUserStates } from '../../../testing/fake-graph';
import { createTestSession, renderRoutes } from '../../../testing/render';
import type { UpdateUserStateVariables } from '../api/update-user-state';
import { keepDrafts, restorePageDrafts, unsentSaveDraft, type PageDrafts, type RowDraft } from '../drafts/draft-store';
import { UserStatesPage } from './user-states-page';

/** For the user-states page's tests: the page on its route, and ways to find its rows. */
export const scriptId = 'script-1';

// What a sign-in round trip leaves behind, as the grid page's stash would have kept it.
export const stashSaves = (saves: UpdateUserStateVariables[]) => keepDrafts(saves.map(unsentSaveDraft));
export const stashInlineDrafts = (id: string, rows: RowDraft[]) =>
  keepDrafts(rows.map((row) => ({ kind: 'open-row', scriptKind: 'deviceManagementScripts', scriptId: id, ...row })));

function Page() {
  const { scriptId: id = '' } = useParams();
  return <UserStatesPage kind={'deviceManagementScripts'} scriptId={id} scriptName="Fix printers" scriptError={null} restored={useLoaderData<PageDrafts>()} />;
}

export function renderPage(options: { count?: number; pageSize?: number; canWrite?: boolean; path?: string } = {}) {
  const graph = createFakeGraph({
    scripts: [{ id: scriptId, displayName: 'Fix printers' }],
    userStates: { [scriptId]: makeUserStates(options.count ?? 250) },
    pageSize: options.pageSize ?? 1000,
  });
  const routes = [
    // As the app's route: the loader takes what a sign-in round trip kept for the script, once
    // per script (search, sort and page live in the URL and do not load anything again).
    {
      path: routePatterns.userStates,
      loader: () => restorePageDrafts('deviceManagementScripts', scriptId),
      shouldRevalidate: () => false,
      element: <Page />,
      hydrateFallbackElement: <p>Loading…</p>,
    },
    { path: routePatterns.userState, element: <p>Form page</p> },
  ];
  const path = options.path ?? `/deviceManagement/deviceManagementScripts/${scriptId}/userRunStates`;
  return renderRoutes(routes, path, { graph, session: createTestSession({ canWrite: options.canWrite ?? true }) });
}

export function grid() {
  return screen.getByRole('grid', { name: 'User run states' });
}

export function rowOf(upn: string): HTMLElement {
  const cell = within(grid()).getByText(upn);
  const row = cell.closest('[role="row"]');
  if (!(row instanceof HTMLElement)) throw new Error(`no row for ${upn}`);
  return row;
}

export function cellOf(upn: string, field: string): HTMLElement {
  const cell = rowOf(upn).querySelector(`[data-field="${field}"]`);
  if (!(cell instanceof HTMLElement)) throw new Error(`no ${field} cell for ${upn}`);
  return cell;
}
