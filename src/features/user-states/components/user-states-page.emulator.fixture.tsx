import { screen, waitFor, within } from '@testing-library/react';
import { useLoaderData, useParams } from 'react-router';
import { routePatterns } from '../../../config/routes';
import { EMPTY_SCRIPT_ID } from '../../../../emulator/constants';
import { emulatorBackendForEachTest, makeUserStates, type EmulatorBackend } from '../../../testing/emulator-graph';
import { createTestSession, renderRoutes } from '../../../testing/render';
import type { UpdateUserStateVariables } from '../api/update-user-state';
import { keepDrafts, restorePageDrafts, unsentSaveDraft, type PageDrafts, type RowDraft } from '../drafts/draft-store';
import { UserStatesPage } from './user-states-page';

/**
 * For the user-states page's tests: the page on its route over the emulator (a script seeded
 * without user states, given the test's own), and ways to find its rows.
 */
export const scriptId = EMPTY_SCRIPT_ID;
const backend = emulatorBackendForEachTest();

// What a sign-in round trip leaves behind, as the grid page's stash would have kept it.
export const stashSaves = (saves: UpdateUserStateVariables[]) => keepDrafts(saves.map(unsentSaveDraft));
export const stashInlineDrafts = (id: string, rows: RowDraft[]) =>
  keepDrafts(rows.map((row) => ({ kind: 'open-row', scriptKind: 'deviceManagementScripts', scriptId: id, ...row })));

function Page() {
  const { scriptId: id = '' } = useParams();
  return <UserStatesPage kind={'deviceManagementScripts'} scriptId={id} scriptName="Fix printers" scriptError={null} restored={useLoaderData<PageDrafts>()} />;
}

/** The Graph behind the page: the script with `count` user states (Graph pages: the app's $top of 999). */
export function createPageGraph(options: { count?: number } = {}): EmulatorBackend {
  return backend.seed(scriptId, makeUserStates(options.count ?? 250));
}

export function renderPage(
  options: { count?: number; canWrite?: boolean; path?: string; graph?: EmulatorBackend } = {},
) {
  // A test that holds or fails answers before the page's first request passes its own graph in.
  const graph = options.graph ?? createPageGraph(options);
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
    { path: routePatterns.scripts, element: <p>The scripts</p> },
  ];
  const path = options.path ?? `/deviceManagement/deviceManagementScripts/${scriptId}/userRunStates`;
  const rendered = renderRoutes(routes, path, { graph: graph.client, session: createTestSession({ canWrite: options.canWrite ?? true }) });
  return { ...rendered, graph };
}

/**
 * Every one of `count` rows has arrived and the grid shows them: the status line says "Loaded" a
 * render before the grid draws its rows, and a busy machine can act in between.
 */
export async function allLoaded(count: number): Promise<void> {
  await screen.findByText(`Loaded ${count} of ${count}`);
  await waitFor(() => {
    if (grid().querySelector('[role="row"][data-id]') === null) throw new Error('the grid shows no row yet');
  });
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
