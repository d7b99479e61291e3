/**
 * Sign-in and the two ways to the big script's user states: the first screen and its bytes, a
 * click in the scripts list (in-app), then opening the URL (a full page load, signed in), each
 * until the first row and until every row is in; the long tasks meanwhile; and one Graph page
 * fetched by the page itself, the network floor the first row is compared with.
 */
import { ACCOUNTS, BIG_SCRIPT_ID } from '../../emulator/constants.ts';
import { completeSignIn } from '../../e2e/support/sign-in.ts';
import { loadedAssets, measureFloorFiles, summarizeBytes, type BytesSummary } from '../assets.ts';
import { units, type Metric } from '../metrics.ts';
import { defineScenario, type RunSession } from '../scenario.ts';
import { log, withTimeout } from '../servers.ts';
import { ms, percentile, spread, type Spread } from '../stats.ts';
import { targets } from '../targets.ts';

const userStatesPath = `/deviceManagement/deviceManagementScripts/${BIG_SCRIPT_ID}/userRunStates`;

export interface NavigationSample {
  firstScreenFiles: string[];
  userStatesFiles: string[];
  /** In-app: click on the script in the scripts list → first row painted. */
  inAppFirstRowMs: number;
  inAppAllRowsMs: number;
  /** Opening the URL (a full page load, signed in) → first row painted. */
  firstRowMs: number;
  allRowsMs: number;
  allRowsText: string | null;
  graphPageMs: number;
  graphPageSamplesMs: number[];
  /** The app's own first list request: fetch() called → response headers. */
  appFirstPageMs: number | null;
  listRequests: number;
  longestTaskStreamingMs: number;
  /** Tasks that started after the first row was painted (the grid's first render excluded). */
  longestTaskAfterFirstRowMs: number;
  longestTaskStartupMs: number;
  tasksOver50msStreaming: number;
  /** Every task over 50 ms on the opened URL's page until all rows were in (page time, ms). */
  longTasks: Array<{ start: number; duration: number }>;
}

export interface NavigationSummary {
  bytes: BytesSummary;
  firstRow: Spread;
  graphPage: Spread;
  /** First row minus the Graph page of the same run: the app's own time. */
  ownTime: Spread;
  allRows: Spread;
  inAppFirstRow: Spread;
  inAppOwnTime: Spread;
  inAppAllRows: Spread;
  longestTaskStreaming: Spread;
  longestTaskAfterFirstRow: Spread;
  longestTaskStartup: Spread;
}

/** Signs in from the root and lands on the scripts list; the files loaded until it showed. */
async function firstScreen({ page, probe, origins }: RunSession): Promise<string[]> {
  await page.goto(`${origins.app}/`, { timeout: 60_000 });
  await completeSignIn(page, ACCOUNTS.admin.upn, origins, 30_000);
  await page.getByRole('table', { name: 'Device management scripts' }).waitFor({ timeout: 60_000 });
  // The user-states chunk is prefetched once the list is idle: it is not part of the first screen.
  const shownAt = (await probe.read()).firstScreen ?? Number.POSITIVE_INFINITY;
  return loadedAssets(page, origins.app, shownAt);
}

/** Click the big script in the list; its route chunk and rows load. */
async function inApp(session: RunSession): Promise<{ firstRowMs: number; allRowsMs: number }> {
  const { page, probe } = session;
  // Like a user reading the list first, the click waits until the network is quiet (the list
  // prefetches the next page's chunk once it is on screen and the browser is idle).
  await page.waitForLoadState('networkidle', { timeout: 30_000 });
  const clickedAfter = await probe.now();
  await session.profile('in-app-open', async () => {
    await page.locator(`a[href$="/${BIG_SCRIPT_ID}/userRunStates"]`).first().click();
    await probe.waitForPainted('firstRow', { timeout: 90_000, polling: 100 });
  });
  await probe.waitForPainted('allRows', { timeout: 300_000, polling: 500 });
  const state = await probe.read();
  const click = state.clicks.find((at) => at > clickedAfter);
  if (click === undefined || state.firstRow?.painted == null || state.allRows?.painted == null) {
    throw new Error('the in-app navigation was not seen by the probe');
  }
  return { firstRowMs: state.firstRow.painted - click, allRowsMs: state.allRows.painted - click };
}

/** The same first-page request the app sent, fetched by the page with the app's token, five times. */
async function graphPageSamples({ page, authorization }: RunSession, url: string): Promise<number[]> {
  const token = authorization();
  if (token === null) throw new Error('no Graph request carried a token');
  const samples: number[] = [];
  for (let index = 0; index < 5; index += 1) {
    samples.push(
      await page.evaluate(
        async (request) => {
          const start = performance.now();
          const response = await fetch(request.url, { headers: { Authorization: request.token } });
          await response.text();
          if (!response.ok) throw new Error(`GET ${request.url}: ${response.status}`);
          return performance.now() - start;
        },
        { url, token },
      ),
    );
  }
  return samples;
}

async function measure(session: RunSession): Promise<NavigationSample> {
  const { page, probe, origins } = session;
  const firstScreenFiles = await firstScreen(session);
  const clicked = await inApp(session);

  // Signed in: open the big script's user states by URL (a full navigation).
  await session.profile('cold-open', async () => {
    await page.goto(`${origins.app}${userStatesPath}`, { waitUntil: 'commit', timeout: 60_000 });
    await probe.waitForPainted('firstRow', { timeout: 90_000, polling: 100 });
  });
  await probe.waitForPainted('allRows', { timeout: 300_000, polling: 500 });
  const userStatesFiles = await loadedAssets(page, origins.app);
  const loaded = await probe.read();
  const { firstRow, allRows } = loaded;
  if (firstRow?.painted == null || allRows?.painted == null) throw new Error('the probe lost its marks');
  const allRowsAt = allRows.painted;
  const firstRowPainted = firstRow.painted;
  const streamingTasks = loaded.longTasks.filter(
    (task) => task.start + task.duration > firstRow.dom && task.start < allRowsAt,
  );
  const startupTasks = loaded.longTasks.filter((task) => task.start + task.duration <= firstRow.dom);
  const listFetches = loaded.fetches.filter((entry) => entry.method === 'GET' && /\/userRunStates\?/.test(entry.url));
  const firstPage = listFetches.find((entry) => !/skiptoken/i.test(entry.url));
  if (firstPage === undefined) throw new Error('the app sent no user-states list request');
  const graphPageSamplesMs = await graphPageSamples(session, firstPage.url);

  return {
    firstScreenFiles,
    userStatesFiles,
    inAppFirstRowMs: clicked.firstRowMs,
    inAppAllRowsMs: clicked.allRowsMs,
    firstRowMs: firstRowPainted,
    allRowsMs: allRowsAt,
    allRowsText: loaded.allRowsText,
    graphPageMs: percentile(graphPageSamplesMs, 50),
    graphPageSamplesMs,
    appFirstPageMs: firstPage.end === null ? null : firstPage.end - firstPage.start,
    listRequests: listFetches.length,
    longestTaskStreamingMs: Math.max(0, ...streamingTasks.map((task) => task.duration)),
    longestTaskAfterFirstRowMs: Math.max(
      0,
      ...streamingTasks.filter((task) => task.start >= firstRowPainted).map((task) => task.duration),
    ),
    longestTaskStartupMs: Math.max(0, ...startupTasks.map((task) => task.duration)),
    tasksOver50msStreaming: streamingTasks.length,
    longTasks: loaded.longTasks
      .filter((task) => task.start < allRowsAt)
      .map((task) => ({ start: Math.round(task.start), duration: Math.round(task.duration) })),
  };
}

const timeRow = (label: Metric<NavigationSummary>['label'], figure: (s: NavigationSummary) => Spread) =>
  ({ label, unit: units.ms, value: (s) => figure(s).median, spread: figure }) satisfies Metric<NavigationSummary>;

export const navigationMetrics: ReadonlyArray<Metric<NavigationSummary>> = [
  {
    section: () => 'Bytes (gzip JS+CSS the browser loaded)',
    label: 'First screen (scripts list after sign-in)',
    unit: units.kb,
    value: (s) => s.bytes.firstScreen.gzip,
    target: { atMost: targets.firstScreenBytes },
  },
  { label: 'Floor page (React + MSAL + MUI theme/AppBar)', unit: units.kb, value: (s) => s.bytes.floor.gzip },
  {
    label: 'First screen ÷ floor',
    unit: units.ratio,
    value: (s) => s.bytes.firstScreen.gzip / s.bytes.floor.gzip,
  },
  {
    label: 'User-states route (cold deep link)',
    unit: units.kb,
    value: (s) => s.bytes.userStatesRoute.gzip,
    target: { atMost: targets.userStatesRouteBytes },
  },
  {
    label: 'User-states route ÷ floor',
    unit: units.ratio,
    value: (s) => s.bytes.userStatesRoute.gzip / s.bytes.floor.gzip,
  },
  {
    ...timeRow('One Graph page round trip (999 rows, same run)', (s) => s.graphPage),
    section: (_, { rows }) => `Loading ${rows} user states`,
  },
  timeRow('Open the URL (page load, signed in) → first row painted', (s) => s.firstRow),
  {
    ...timeRow('  minus the Graph page: the app\'s own time', (s) => s.ownTime),
    target: { atMost: targets.coldOwnTimeMs },
  },
  timeRow('In-app: click in the scripts list → first row painted', (s) => s.inAppFirstRow),
  {
    ...timeRow('  minus the Graph page: the app\'s own time', (s) => s.inAppOwnTime),
    target: { atMost: targets.inAppOwnTimeMs },
  },
  timeRow(
    ({ rows }) => `Open the URL → all ${rows} rows loaded`,
    (s) => s.allRows,
  ),
  timeRow(
    ({ rows }) => `In-app: click → all ${rows} rows loaded`,
    (s) => s.inAppAllRows,
  ),
  {
    ...timeRow('Longest main-thread task while rows stream', (s) => s.longestTaskStreaming),
    target: { atMost: targets.longTaskMs },
  },
  timeRow('  of which after the first row was painted', (s) => s.longestTaskAfterFirstRow),
  timeRow('Longest task before the first row (start-up)', (s) => s.longestTaskStartup),
];

export const navigation = defineScenario('navigation', async ({ browser, probeScript, origins, builds }) => {
  log('measuring the floor page…');
  const floorFiles = await withTimeout(
    'the floor page',
    60_000,
    measureFloorFiles(browser, probeScript, origins.floor),
  );
  return {
    measure,
    brief: (sample: NavigationSample) => [
      `first row ${ms(sample.firstRowMs)}`,
      `all rows ${ms(sample.allRowsMs)}`,
      `Graph page ${ms(sample.graphPageMs)}`,
    ],
    summarize: async (samples: readonly NavigationSample[], note: (text: string) => void) => {
      const over = (figure: (sample: NavigationSample) => number): Spread => spread(samples.map(figure));
      return {
        bytes: await summarizeBytes(samples, builds, floorFiles, note),
        firstRow: over((run) => run.firstRowMs),
        graphPage: over((run) => run.graphPageMs),
        ownTime: over((run) => run.firstRowMs - run.graphPageMs),
        allRows: over((run) => run.allRowsMs),
        inAppFirstRow: over((run) => run.inAppFirstRowMs),
        inAppOwnTime: over((run) => run.inAppFirstRowMs - run.graphPageMs),
        inAppAllRows: over((run) => run.inAppAllRowsMs),
        longestTaskStreaming: over((run) => run.longestTaskStreamingMs),
        longestTaskAfterFirstRow: over((run) => run.longestTaskAfterFirstRowMs),
        longestTaskStartup: over((run) => run.longestTaskStartupMs),
      };
    },
    metrics: navigationMetrics,
    // The sign-in and the waits around them would drown the two opens.
    profilesOwnSteps: true,
  };
});
