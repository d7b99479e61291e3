/**
 * `npm run bench` (issue #5): builds the production bundle and a floor page, serves both, starts
 * the emulator with a 100,000-user-state script, signs in through the real MSAL redirect flow in
 * headless Chromium and measures bytes, load, search, edit, requests and memory over several runs.
 * Prints a table with the targets beside it and writes the raw numbers to bench-results/.
 *
 * A benchmark, not a test: nothing here fails on a slow number. `npm run bench -- --help` for options.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import ts from 'typescript';
import { ACCOUNTS, BIG_SCRIPT_ID, DEFAULT_BIG_SCRIPT_SIZE } from '../emulator/constants.ts';
import { chromiumArgs, chromiumExecutable } from '../e2e/support/chromium.ts';
import {
  appRouteSizes,
  targets as byteTargets,
  buildApp,
  buildFloor,
  floorSize,
  isCodeOrStyle,
  kb,
  measureFiles,
  repoRoot,
  type FileSet,
} from './bundle-size.ts';
import type { BenchProbeState } from './probe.ts';
import {
  appEnvFor,
  BenchSetupError,
  appOriginOf,
  Cleanup,
  delay,
  emulatorOriginOf,
  log,
  requireFreePorts,
  standardPorts,
  startAppServer,
  startEmulator,
  startStaticServer,
  withTimeout,
  type Ports,
} from './servers.ts';
import {
  formatTable,
  mb,
  ms,
  msRange,
  percentile,
  ratio,
  spread,
  type Spread,
  type TableRow,
  type Verdict,
} from './stats.ts';

const HELP = `npm run bench -- [options]

  --runs <n>               measured runs (default 5)
  --big-script-size <n>    user states in the big script (default ${DEFAULT_BIG_SCRIPT_SIZE})
  --edits <n>              inline edits per run (default 3)
  --wait-for-ports <s>     wait up to s seconds for ports ${standardPorts.app} and ${standardPorts.emulator} to be free (default 0: fail at once)
  --timeout <minutes>      give up after this long (default 10 + 5 per run)
  --app-port <n>           serve the app on another port (default ${standardPorts.app}; the emulator is told to accept it)
  --emulator-port <n>      run the emulator on another port (default ${standardPorts.emulator}; the bench's build points at it)
  --help

Other ports are for trying the benchmark while another server holds 5173/5174; published numbers
use the standard ports.`;

/** Issue #5's targets (2-core machine, headless). */
const targets = {
  firstRowRatio: 3,
  searchP95Ms: 100,
  optimisticEditMs: 50,
  requestsPerEdit: 2,
  listRefetchesPerEdit: 0,
  heapBytes: 150_000_000,
  longTaskMs: 200,
} as const;

const gridSelector = '[role="grid"][aria-label="User run states"]';
const userStatesPath = `/deviceManagement/deviceManagementScripts/${BIG_SCRIPT_ID}/userRunStates`;

interface Options {
  ports: Ports;
  runs: number;
  bigScriptSize: number;
  edits: number;
  waitForPorts: number;
  timeoutMinutes: number;
}

interface SearchSample {
  query: string;
  /** keydown → the grid's rows (or row count) first changed, painted. */
  totalMs: number;
  /** keydown → the last change of the grid for this keystroke, painted. */
  settledMs: number;
  /** keydown → the URL took the search (the app debounces the URL, not necessarily the grid). */
  urlMs: number | null;
  /** keydown → the typed character painted in the field. */
  echoMs: number | null;
}

interface EditRequests {
  total: number;
  getRecord: number;
  patch: number;
  listRefetch: number;
  other: number;
  sent: string[];
}

interface EditSample {
  rowId: string;
  from: number;
  to: number;
  optimisticMs: number;
  patchAnsweredMs: number | null;
  confirmedMs: number | null;
  requests: EditRequests;
}

interface RunResult {
  run: number;
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
  heapUsedBytes: number;
  heapTotalBytes: number;
  /** Every task over 50 ms on the opened URL's page until all rows were in (page time, ms). */
  longTasks: Array<{ start: number; duration: number }>;
  searchWords: string[];
  search: SearchSample[];
  searchNoChange: number;
  edits: EditSample[];
  pageErrors: string[];
}

interface GraphRequest {
  method: string;
  url: string;
}

type ProbeWindow = Window & { __bench: BenchProbeState; __benchObserve: () => void };

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      'big-script-size': { type: 'string' },
      edits: { type: 'string' },
      'wait-for-ports': { type: 'string' },
      timeout: { type: 'string' },
      'app-port': { type: 'string' },
      'emulator-port': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    process.exit(0);
  }
  const whole = (value: string | undefined, name: string, fallback: number, min: number): number => {
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min)
      throw new Error(`${name} must be a whole number of at least ${min}, got "${value}"`);
    return Number(value);
  };
  const runs = whole(values.runs, '--runs', 5, 1);
  const ports: Ports = {
    app: whole(values['app-port'], '--app-port', standardPorts.app, 1),
    emulator: whole(values['emulator-port'], '--emulator-port', standardPorts.emulator, 1),
  };
  return {
    ports,
    runs,
    bigScriptSize: whole(values['big-script-size'], '--big-script-size', DEFAULT_BIG_SCRIPT_SIZE, 1),
    edits: whole(values.edits, '--edits', 3, 1),
    waitForPorts: whole(values['wait-for-ports'], '--wait-for-ports', 0, 0),
    timeoutMinutes: whole(values.timeout, '--timeout', 10 + 5 * runs, 1),
  };
}

/** bench/probe.ts as a script for addInitScript (transpiled here, so no bundler helper leaks in). */
async function probeScript(): Promise<string> {
  const source = await readFile(join(repoRoot, 'bench', 'probe.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  return `(() => {\n${outputText.replace(/^export \{\};?$/gm, '').replace(/^export\s+/gm, '')}\ninstallBenchProbe();\n})();`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function readProbe(page: Page): Promise<BenchProbeState> {
  return page.evaluate(() => (window as unknown as ProbeWindow).__bench);
}

/** Waits until the probe has seen `mark` painted. */
async function waitForPaintedMark(
  page: Page,
  mark: 'firstRow' | 'allRows',
  timeout: number,
  polling: number,
): Promise<void> {
  await page.waitForFunction(
    (name) => ((window as unknown as ProbeWindow).__bench[name]?.painted ?? null) !== null,
    mark,
    { timeout, polling },
  );
}

function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/**
 * The app's JS and CSS files the page has requested; with `until`, only those requested by then
 * (page time), so that chunks prefetched after a screen was shown do not count towards it.
 */
async function loadedAssets(page: Page, origin: string, until = Number.POSITIVE_INFINITY): Promise<string[]> {
  const names = await page.evaluate(
    (limit) =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime <= limit)
        .map((entry) => entry.name),
    until,
  );
  const files = new Set<string>();
  for (const name of names) {
    const url = new URL(name);
    if (url.origin !== origin) continue;
    const file = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    if (isCodeOrStyle(file)) files.add(file);
  }
  return [...files].sort();
}

/** The emulator's sign-in page: pick the account (the real MSAL redirect flow). */
async function signIn(page: Page, appOrigin: string, emulatorOrigin: string): Promise<void> {
  await page.waitForURL((url) => url.origin === emulatorOrigin && url.pathname.endsWith('/oauth2/v2.0/authorize'), {
    timeout: 30_000,
  });
  await page.getByRole('button', { name: new RegExp(escapeRegExp(ACCOUNTS.admin.upn), 'i') }).click();
  await page.waitForURL((url) => url.origin === appOrigin, { timeout: 30_000 });
}

async function measureFloorFiles(browser: Browser, script: string, origin: string): Promise<string[]> {
  const context = await browser.newContext();
  try {
    await context.addInitScript({ content: script });
    const page = await context.newPage();
    await page.goto(`${origin}/`, { timeout: 30_000 });
    await page.getByText('Floor page', { exact: true }).waitFor({ timeout: 30_000 });
    return await loadedAssets(page, origin);
  } finally {
    await context.close();
  }
}

function classifyEditRequests(requests: readonly GraphRequest[]): EditRequests {
  const result: EditRequests = { total: requests.length, getRecord: 0, patch: 0, listRefetch: 0, other: 0, sent: [] };
  for (const { method, url } of requests) {
    const { pathname: path, search } = new URL(url);
    result.sent.push(`${method} ${path}${search}`);
    if (method === 'PATCH') result.patch += 1;
    else if (method === 'GET' && /\/userRunStates\/[^/]+$/.test(path)) result.getRecord += 1;
    else if (method === 'GET' && /\/userRunStates$/.test(path)) result.listRefetch += 1;
    else result.other += 1;
  }
  return result;
}

/** Waits until the grid has not changed for `quietMs` (bounded). */
async function gridQuiet(page: Page, quietMs = 300): Promise<void> {
  await page
    .waitForFunction(
      (quiet) => {
        const changes = (window as unknown as ProbeWindow).__bench.gridChanges;
        const last = changes.at(-1);
        if (last === undefined) return true;
        return last.painted !== null && performance.now() - last.painted > quiet;
      },
      quietMs,
      { timeout: 5000, polling: 50 },
    )
    .catch(() => undefined);
}

/**
 * Presses one key in the focused search field; measures keydown → the grid's first change (and
 * its last, once quiet), → the URL update, → the character painted. Null when the grid did not
 * change (the query matched the same rows).
 */
async function timedSearchKey(
  page: Page,
  query: string,
  key: string,
  press: () => Promise<void>,
): Promise<SearchSample | null> {
  await gridQuiet(page);
  const before = await pageNow(page);
  await press();
  // Either the grid changes, or the URL takes the search (the app's debounce) and the grid stays
  // as it was (the query matched the same rows) for another 300 ms.
  await page
    .waitForFunction(
      (after) => {
        const probe = (window as unknown as ProbeWindow).__bench;
        if (probe.gridChanges.some((change) => change.dom > after && change.painted !== null)) return true;
        return probe.urlChanges.some((at) => at > after && performance.now() - at > 300);
      },
      before,
      { timeout: 3000, polling: 50 },
    )
    .catch(() => undefined);
  await gridQuiet(page);
  const state = await readProbe(page);
  const keydown = state.keydowns.filter((entry) => entry.at > before && entry.key === key).at(-1);
  if (keydown === undefined) throw new Error(`no keydown "${key}" was seen in the page`);
  const changes = state.gridChanges.filter((entry) => entry.dom > keydown.at && entry.painted !== null);
  const first = changes[0];
  const last = changes.at(-1);
  // No change: the query matched the same rows.
  if (first?.painted == null || last?.painted == null) return null;
  const url = state.urlChanges.find((at) => at > keydown.at);
  const echo = state.inputs.find((mark) => mark.dom >= keydown.at && mark.painted !== null);
  return {
    query,
    totalMs: first.painted - keydown.at,
    settledMs: last.painted - keydown.at,
    urlMs: url === undefined ? null : url - keydown.at,
    echoMs: echo?.painted == null ? null : echo.painted - keydown.at,
  };
}

async function measureRun(browser: Browser, script: string, options: Options, run: number): Promise<RunResult> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  try {
    await context.addInitScript({ content: script });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const appOrigin = appOriginOf(options.ports);
    const emulatorOrigin = emulatorOriginOf(options.ports);
    const graph: GraphRequest[] = [];
    const pageErrors: string[] = [];
    let authorization: string | null = null;
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${emulatorOrigin}/beta/`)) return;
      graph.push({ method: request.method(), url });
      const header = request.headers().authorization;
      if (header) authorization = header;
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // First screen: sign in from the root, land on the scripts list.
    await page.goto(`${appOrigin}/`, { timeout: 60_000 });
    await signIn(page, appOrigin, emulatorOrigin);
    await page.getByRole('table', { name: 'Device management scripts' }).waitFor({ timeout: 60_000 });
    // The user-states chunk is prefetched once the list is idle: it is not part of the first screen.
    const firstScreenAt = (await readProbe(page)).firstScreen ?? Number.POSITIVE_INFINITY;
    const firstScreenFiles = await loadedAssets(page, appOrigin, firstScreenAt);

    // In-app navigation: click the big script in the list; its route chunk and rows load. Like a
    // user reading the list first, the click waits until the network is quiet (the list prefetches
    // the next page's chunk once it is on screen and the browser is idle).
    await page.waitForLoadState('networkidle', { timeout: 30_000 });
    const link = page.locator(`a[href$="/${BIG_SCRIPT_ID}/userRunStates"]`).first();
    const clickedAfter = await pageNow(page);
    await link.click();
    await waitForPaintedMark(page, 'allRows', 300_000, 500);
    const inApp = await readProbe(page);
    const click = inApp.clicks.find((at) => at > clickedAfter);
    if (click === undefined || inApp.firstRow?.painted == null || inApp.allRows?.painted == null) {
      throw new Error('the in-app navigation was not seen by the probe');
    }

    // Signed in: open the big script's user states by URL (a full navigation).
    await page.goto(`${appOrigin}${userStatesPath}`, { waitUntil: 'commit', timeout: 60_000 });
    await waitForPaintedMark(page, 'firstRow', 90_000, 100);
    await waitForPaintedMark(page, 'allRows', 300_000, 500);
    const userStatesFiles = await loadedAssets(page, appOrigin);
    const loaded = await readProbe(page);
    const firstRow = loaded.firstRow;
    const allRows = loaded.allRows;
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

    // Memory with every row loaded, after a full GC.
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();

    // The network floor: the same first-page request, fetched by the page with the app's token.
    if (authorization === null) throw new Error('no Graph request carried a token');
    const graphPageSamplesMs: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      graphPageSamplesMs.push(
        await page.evaluate(
          async ({ url, token }) => {
            const start = performance.now();
            const response = await fetch(url, { headers: { Authorization: token } });
            await response.text();
            if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
            return performance.now() - start;
          },
          { url: firstPage.url, token: authorization },
        ),
      );
    }

    // Search over every row, one key at a time.
    await page.evaluate(() => {
      const probe = window as unknown as ProbeWindow;
      probe.__bench.trackGrid = true;
      probe.__benchObserve();
    });
    const upns = await page
      .locator(`${gridSelector} [role="row"][data-id] [data-field="userPrincipalName"]`)
      .allTextContents();
    // Up to four different 8-letter UPN prefixes from the rows on screen: each letter narrows the match
    // (until one name is left; keys that change nothing are counted, not timed).
    const prefixes = upns.map((upn) => upn.split('@')[0]?.slice(0, 8) ?? '').filter((word) => word.length > 0);
    const distinct = [...new Set(prefixes)];
    const step = Math.max(1, Math.floor(distinct.length / 4));
    const searchWords = distinct.filter((_, index) => index % step === 0).slice(0, 4);
    const searchBox = page.getByRole('searchbox', { name: 'Search by user principal name' });
    await searchBox.click();
    const search: SearchSample[] = [];
    let searchNoChange = 0;
    for (const word of searchWords) {
      for (let length = 1; length <= word.length; length += 1) {
        const char = word[length - 1] ?? '';
        const sample = await timedSearchKey(page, word.slice(0, length), char, () => page.keyboard.type(char));
        if (sample === null) searchNoChange += 1;
        else search.push(sample);
      }
      await page.keyboard.press('Control+A');
      const cleared = await timedSearchKey(page, '', 'Backspace', () => page.keyboard.press('Backspace'));
      if (cleared === null) searchNoChange += 1;
      else search.push(cleared);
    }
    await page.waitForFunction(() => !new URL(window.location.href).searchParams.has('q'), null, { timeout: 10_000 });

    // Inline edits of the first rows: Enter saves the row.
    const edits: EditSample[] = [];
    for (let index = 0; index < options.edits; index += 1) {
      const row = page.locator(`${gridSelector} [role="row"][data-id]`).nth(index);
      const rowId = await row.getAttribute('data-id');
      if (rowId === null) throw new Error(`grid row ${index} has no data-id`);
      const cell = row.locator('[data-field="successDeviceCount"]');
      const from = Number((await cell.textContent())?.trim());
      if (!Number.isInteger(from)) throw new Error(`row ${rowId}: successDeviceCount is not a number`);
      const to = from + 1;
      await cell.dblclick();
      const input = row.getByRole('textbox', { name: 'Success device count' });
      await input.fill(String(to));
      // The grid validates edit values asynchronously (preProcessEditCellProps).
      await delay(300);
      await page.evaluate(
        ({ id, value }) => {
          (window as unknown as ProbeWindow).__bench.watchCell = {
            rowId: id,
            field: 'successDeviceCount',
            value,
            mark: null,
          };
        },
        { id: rowId, value: String(to) },
      );
      const graphBefore = graph.length;
      const before = await pageNow(page);
      await input.press('Enter');
      await page.waitForFunction(
        () => ((window as unknown as ProbeWindow).__bench.watchCell?.mark?.painted ?? null) !== null,
        null,
        {
          timeout: 10_000,
          polling: 50,
        },
      );
      await page
        .waitForFunction(
          (after) =>
            (window as unknown as ProbeWindow).__bench.fetches.some(
              (entry) => entry.method === 'PATCH' && entry.start > after && entry.settled !== null,
            ),
          before,
          { timeout: 30_000, polling: 50 },
        )
        .catch(() => undefined);
      // Anything the edit sends later (a list refetch, say) is still counted.
      await delay(1500);
      const state = await readProbe(page);
      const enter = state.keydowns.filter((entry) => entry.at > before && entry.key === 'Enter').at(0);
      const painted = state.watchCell?.mark?.painted;
      if (enter === undefined || painted == null) throw new Error(`edit of ${rowId}: Enter or its paint was not seen`);
      const patch = state.fetches.find((entry) => entry.method === 'PATCH' && entry.start > before);
      edits.push({
        rowId,
        from,
        to,
        optimisticMs: painted - enter.at,
        patchAnsweredMs: patch?.end == null ? null : patch.end - enter.at,
        confirmedMs: patch?.settled == null ? null : patch.settled - enter.at,
        requests: classifyEditRequests(graph.slice(graphBefore)),
      });
      await page.evaluate(() => {
        (window as unknown as ProbeWindow).__bench.watchCell = null;
      });
    }

    return {
      run,
      firstScreenFiles,
      userStatesFiles,
      inAppFirstRowMs: inApp.firstRow.painted - click,
      inAppAllRowsMs: inApp.allRows.painted - click,
      firstRowMs: firstRow.painted,
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
      heapUsedBytes: heap.usedSize,
      heapTotalBytes: heap.totalSize,
      longTasks: loaded.longTasks
        .filter((task) => task.start < allRowsAt)
        .map((task) => ({ start: Math.round(task.start), duration: Math.round(task.duration) })),
      searchWords,
      search,
      searchNoChange,
      edits,
      pageErrors,
    };
  } finally {
    await context.close();
  }
}

function verdict(value: number, target: number): Verdict {
  if (!Number.isFinite(value)) return '';
  return value <= target ? 'met' : 'MISSED';
}

function over(value: number, target: number, format: (n: number) => string): string {
  return `+${format(value - target)}`;
}

function sameLists(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

interface Summary {
  bytes: {
    firstScreen: FileSet;
    userStatesRoute: FileSet;
    floor: FileSet;
    fromManifest: { firstScreen: number; userStatesRoute: number; floor: number };
  };
  firstRow: Spread;
  graphPage: Spread;
  firstRowRatio: Spread;
  allRows: Spread;
  inAppFirstRow: Spread;
  inAppFirstRowRatio: Spread;
  inAppAllRows: Spread;
  longestTaskStreaming: Spread;
  longestTaskAfterFirstRow: Spread;
  longestTaskStartup: Spread;
  heapUsed: Spread;
  search: {
    total: Spread & { p95: number };
    perRunP95: Spread;
    perRunP50: Spread;
    settled: Spread & { p95: number };
    url: Spread;
    echo: Spread & { p95: number };
    samples: number;
    noChange: number;
  };
  edit: {
    optimistic: Spread;
    patchAnswered: Spread;
    confirmed: Spread;
    requests: Spread;
    getRecord: Spread;
    patch: Spread;
    listRefetch: Spread;
    other: Spread;
  };
  notes: string[];
}

function withP95(values: readonly number[]): Spread & { p95: number } {
  return { ...spread(values), p95: percentile(values, 95) };
}

function numbers(values: ReadonlyArray<number | null>): number[] {
  return values.filter((value): value is number => value !== null && Number.isFinite(value));
}

async function summarize(
  runs: readonly RunResult[],
  appOut: string,
  floorOut: string,
  floorFiles: string[],
): Promise<Summary> {
  const first = runs[0];
  if (first === undefined) throw new Error('no runs');
  const notes: string[] = [];
  const manifest = await appRouteSizes(appOut);
  const floorManifest = await floorSize(floorOut);
  const bytes = {
    firstScreen: await measureFiles(appOut, first.firstScreenFiles),
    userStatesRoute: await measureFiles(appOut, first.userStatesFiles),
    floor: await measureFiles(floorOut, floorFiles),
    fromManifest: {
      firstScreen: manifest.firstScreen.gzip,
      userStatesRoute: manifest.userStatesRoute.gzip,
      floor: floorManifest.gzip,
    },
  };
  for (const run of runs.slice(1)) {
    if (
      !sameLists(run.firstScreenFiles, first.firstScreenFiles) ||
      !sameLists(run.userStatesFiles, first.userStatesFiles)
    ) {
      notes.push(`run ${run.run} loaded a different set of files than run 1 (see the JSON)`);
    }
  }
  const compare = (name: string, loaded: FileSet, fromManifest: FileSet): void => {
    if (
      !sameLists(
        loaded.files.map((file) => file.file),
        fromManifest.files.map((file) => file.file),
      )
    ) {
      notes.push(
        `${name}: the browser loaded ${kb(loaded.gzip)} (${loaded.files.length} files) but the manifest closure used by the budget test ` +
          `gives ${kb(fromManifest.gzip)} (${fromManifest.files.length} files); the budget test may need the new chunk graph`,
      );
    }
  };
  compare('first screen', bytes.firstScreen, manifest.firstScreen);
  compare('user-states route', bytes.userStatesRoute, manifest.userStatesRoute);
  compare('floor page', bytes.floor, floorManifest);

  const allSearch = runs.flatMap((run) => run.search);
  const allEdits = runs.flatMap((run) => run.edits);
  for (const run of runs)
    if (run.pageErrors.length > 0) notes.push(`run ${run.run}: page errors: ${run.pageErrors.join(' | ')}`);
  return {
    bytes,
    firstRow: spread(runs.map((run) => run.firstRowMs)),
    graphPage: spread(runs.map((run) => run.graphPageMs)),
    firstRowRatio: spread(runs.map((run) => run.firstRowMs / run.graphPageMs)),
    allRows: spread(runs.map((run) => run.allRowsMs)),
    inAppFirstRow: spread(runs.map((run) => run.inAppFirstRowMs)),
    inAppFirstRowRatio: spread(runs.map((run) => run.inAppFirstRowMs / run.graphPageMs)),
    inAppAllRows: spread(runs.map((run) => run.inAppAllRowsMs)),
    longestTaskStreaming: spread(runs.map((run) => run.longestTaskStreamingMs)),
    longestTaskAfterFirstRow: spread(runs.map((run) => run.longestTaskAfterFirstRowMs)),
    longestTaskStartup: spread(runs.map((run) => run.longestTaskStartupMs)),
    heapUsed: spread(runs.map((run) => run.heapUsedBytes)),
    search: {
      total: withP95(allSearch.map((sample) => sample.totalMs)),
      perRunP95: spread(
        runs.map((run) =>
          percentile(
            run.search.map((sample) => sample.totalMs),
            95,
          ),
        ),
      ),
      perRunP50: spread(
        runs.map((run) =>
          percentile(
            run.search.map((sample) => sample.totalMs),
            50,
          ),
        ),
      ),
      settled: withP95(allSearch.map((sample) => sample.settledMs)),
      url: spread(numbers(allSearch.map((sample) => sample.urlMs))),
      echo: withP95(numbers(allSearch.map((sample) => sample.echoMs))),
      samples: allSearch.length,
      noChange: runs.reduce((sum, run) => sum + run.searchNoChange, 0),
    },
    edit: {
      optimistic: spread(allEdits.map((sample) => sample.optimisticMs)),
      patchAnswered: spread(numbers(allEdits.map((sample) => sample.patchAnsweredMs))),
      confirmed: spread(numbers(allEdits.map((sample) => sample.confirmedMs))),
      requests: spread(allEdits.map((sample) => sample.requests.total)),
      getRecord: spread(allEdits.map((sample) => sample.requests.getRecord)),
      patch: spread(allEdits.map((sample) => sample.requests.patch)),
      listRefetch: spread(allEdits.map((sample) => sample.requests.listRefetch)),
      other: spread(allEdits.map((sample) => sample.requests.other)),
    },
    notes,
  };
}

function ratioRange(s: Spread): string {
  return s.n > 1 ? `${ratio(s.min)}–${ratio(s.max)}` : '';
}

function countRange(s: Spread): string {
  return s.n > 1 && s.min !== s.max ? `${s.min}–${s.max}` : '';
}

function tableRows(summary: Summary, options: Options): TableRow[] {
  const { bytes, search, edit } = summary;
  const rowsLabel = options.bigScriptSize.toLocaleString('en-US');
  const firstScreenVerdict = verdict(bytes.firstScreen.gzip, byteTargets.firstScreen);
  const routeVerdict = verdict(bytes.userStatesRoute.gzip, byteTargets.userStatesRoute);
  const taskVerdict = verdict(summary.longestTaskStreaming.median, targets.longTaskMs);
  const heapVerdict = verdict(summary.heapUsed.median, targets.heapBytes);
  const searchVerdict = verdict(search.total.p95, targets.searchP95Ms);
  const editVerdict = verdict(edit.optimistic.median, targets.optimisticEditMs);
  const requestsVerdict = verdict(edit.requests.max, targets.requestsPerEdit);
  const refetchVerdict = verdict(edit.listRefetch.max, targets.listRefetchesPerEdit);
  return [
    {
      section: 'Bytes (gzip JS+CSS the browser loaded)',
      metric: 'First screen (scripts list after sign-in)',
      value: kb(bytes.firstScreen.gzip),
      spread: '',
      target: `≤ ${kb(byteTargets.firstScreen)}`,
      verdict: firstScreenVerdict,
      by: over(bytes.firstScreen.gzip, byteTargets.firstScreen, kb),
    },
    {
      metric: 'Floor page (React + MSAL + MUI theme/AppBar)',
      value: kb(bytes.floor.gzip),
      spread: '',
      target: '',
      verdict: '',
    },
    {
      metric: 'First screen ÷ floor',
      value: ratio(bytes.firstScreen.gzip / bytes.floor.gzip),
      spread: '',
      target: '',
      verdict: '',
    },
    {
      metric: 'User-states route (cold deep link)',
      value: kb(bytes.userStatesRoute.gzip),
      spread: '',
      target: `≤ ${kb(byteTargets.userStatesRoute)}`,
      verdict: routeVerdict,
      by: over(bytes.userStatesRoute.gzip, byteTargets.userStatesRoute, kb),
    },
    {
      metric: 'User-states route ÷ floor',
      value: ratio(bytes.userStatesRoute.gzip / bytes.floor.gzip),
      spread: '',
      target: '',
      verdict: '',
    },
    {
      section: `Loading ${rowsLabel} user states`,
      metric: 'Open the URL (page load, signed in) → first row painted',
      value: ms(summary.firstRow.median),
      spread: msRange(summary.firstRow),
      target: '',
      verdict: '',
    },
    {
      metric: 'One Graph page round trip (999 rows, same run)',
      value: ms(summary.graphPage.median),
      spread: msRange(summary.graphPage),
      target: '',
      verdict: '',
    },
    {
      metric: 'First row ÷ Graph page round trip',
      value: ratio(summary.firstRowRatio.median),
      spread: ratioRange(summary.firstRowRatio),
      target: `≤ ${targets.firstRowRatio}×`,
      verdict: verdict(summary.firstRowRatio.median, targets.firstRowRatio),
      by: over(summary.firstRowRatio.median, targets.firstRowRatio, ratio),
    },
    {
      metric: 'In-app: click in the scripts list → first row painted',
      value: ms(summary.inAppFirstRow.median),
      spread: msRange(summary.inAppFirstRow),
      target: '',
      verdict: '',
    },
    {
      metric: 'In-app first row ÷ Graph page round trip',
      value: ratio(summary.inAppFirstRowRatio.median),
      spread: ratioRange(summary.inAppFirstRowRatio),
      target: `≤ ${targets.firstRowRatio}×`,
      verdict: verdict(summary.inAppFirstRowRatio.median, targets.firstRowRatio),
      by: over(summary.inAppFirstRowRatio.median, targets.firstRowRatio, ratio),
    },
    {
      metric: `Open the URL → all ${rowsLabel} rows loaded`,
      value: ms(summary.allRows.median),
      spread: msRange(summary.allRows),
      target: '',
      verdict: '',
    },
    {
      metric: `In-app: click → all ${rowsLabel} rows loaded`,
      value: ms(summary.inAppAllRows.median),
      spread: msRange(summary.inAppAllRows),
      target: '',
      verdict: '',
    },
    {
      metric: 'Longest main-thread task while rows stream',
      value: ms(summary.longestTaskStreaming.median),
      spread: msRange(summary.longestTaskStreaming),
      target: `≤ ${targets.longTaskMs} ms`,
      verdict: taskVerdict,
      by: over(summary.longestTaskStreaming.median, targets.longTaskMs, ms),
    },
    {
      metric: '  of which after the first row was painted',
      value: ms(summary.longestTaskAfterFirstRow.median),
      spread: msRange(summary.longestTaskAfterFirstRow),
      target: '',
      verdict: '',
    },
    {
      metric: 'Longest task before the first row (start-up)',
      value: ms(summary.longestTaskStartup.median),
      spread: msRange(summary.longestTaskStartup),
      target: '',
      verdict: '',
    },
    {
      metric: `JS heap with ${rowsLabel} rows (after GC)`,
      value: mb(summary.heapUsed.median),
      spread: summary.heapUsed.n > 1 ? `${mb(summary.heapUsed.min)}–${mb(summary.heapUsed.max)}` : '',
      target: `≤ ${mb(targets.heapBytes)}`,
      verdict: heapVerdict,
      by: over(summary.heapUsed.median, targets.heapBytes, mb),
    },
    {
      section: `Search over ${rowsLabel} rows (${search.samples} keystrokes)`,
      metric: 'Keystroke → grid updated, p50',
      value: ms(search.total.median),
      spread: msRange(search.perRunP50),
      target: '',
      verdict: '',
    },
    {
      metric: 'Keystroke → grid updated, p95',
      value: ms(search.total.p95),
      spread: msRange(search.perRunP95),
      target: `≤ ${targets.searchP95Ms} ms`,
      verdict: searchVerdict,
      by: over(search.total.p95, targets.searchP95Ms, ms),
    },
    {
      metric: 'Keystroke → grid settled (last change), p95',
      value: ms(search.settled.p95),
      spread: `p50 ${ms(search.settled.median)}`,
      target: '',
      verdict: '',
    },
    {
      metric: 'Keystroke → URL updated (debounce), p50',
      value: ms(search.url.median),
      spread: msRange(search.url),
      target: '',
      verdict: '',
    },
    {
      metric: 'Keystroke → character painted in the field, p95',
      value: ms(search.echo.p95),
      spread: `p50 ${ms(search.echo.median)}`,
      target: '',
      verdict: '',
    },
    {
      section: `Inline edit (${edit.optimistic.n} edits, ${rowsLabel} rows loaded)`,
      metric: 'Enter → new value painted (optimistic)',
      value: ms(edit.optimistic.median),
      spread: msRange(edit.optimistic),
      target: `≤ ${targets.optimisticEditMs} ms`,
      verdict: editVerdict,
      by: over(edit.optimistic.median, targets.optimisticEditMs, ms),
    },
    {
      metric: 'Enter → PATCH answered',
      value: ms(edit.patchAnswered.median),
      spread: msRange(edit.patchAnswered),
      target: '',
      verdict: '',
    },
    {
      metric: 'Enter → server-confirmed, UI settled',
      value: ms(edit.confirmed.median),
      spread: msRange(edit.confirmed),
      target: '',
      verdict: '',
    },
    {
      metric: 'Graph requests per edit',
      value: String(edit.requests.median),
      spread: countRange(edit.requests),
      target: `≤ ${targets.requestsPerEdit}`,
      verdict: requestsVerdict,
      by: `max ${edit.requests.max}`,
    },
    {
      metric: '  GET record / PATCH / list refetch / other',
      value: `${edit.getRecord.median} / ${edit.patch.median} / ${edit.listRefetch.median} / ${edit.other.median}`,
      spread: `max ${edit.getRecord.max} / ${edit.patch.max} / ${edit.listRefetch.max} / ${edit.other.max}`,
      target: '0 list refetches',
      verdict: refetchVerdict,
      by: `max ${edit.listRefetch.max}`,
    },
  ];
}

async function bench(options: Options, cleanup: Cleanup): Promise<void> {
  const started = new Date();
  const loadAtStart = os.loadavg();
  await requireFreePorts([options.ports.app, options.ports.emulator], options.waitForPorts);

  const appOut = join(repoRoot, 'dist-bench', 'app');
  const floorOut = join(repoRoot, 'dist-bench', 'floor');
  log('building the production bundle and the floor page…');
  let mark = performance.now();
  await withTimeout('building the app', 300_000, buildApp(appOut, appEnvFor(options.ports)));
  const appBuildMs = performance.now() - mark;
  mark = performance.now();
  await withTimeout('building the floor page', 300_000, buildFloor(floorOut));
  const floorBuildMs = performance.now() - mark;

  await requireFreePorts([options.ports.app, options.ports.emulator], options.waitForPorts);
  const dataDir = await mkdtemp(join(os.tmpdir(), 'bench-emulator-'));
  cleanup.add('the emulator data dir', () => rm(dataDir, { recursive: true, force: true }));
  log(`starting the emulator with ${options.bigScriptSize.toLocaleString('en-US')} user states…`);
  const emulator = await startEmulator(options.ports, dataDir, options.bigScriptSize, cleanup);
  await startAppServer(options.ports, appOut, cleanup);
  const floorServer = await startStaticServer(floorOut, cleanup);

  const executablePath = chromiumExecutable();
  // Signals go to the cleanup above, not to Playwright, which would exit before the emulator is stopped.
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...chromiumArgs],
    timeout: 60_000,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  cleanup.add('the browser', () => browser.close());
  const script = await probeScript();

  log('measuring the floor page…');
  const floorFiles = await withTimeout(
    'the floor page',
    60_000,
    measureFloorFiles(browser, script, floorServer.origin),
  );

  const runs: RunResult[] = [];
  for (let run = 1; run <= options.runs; run += 1) {
    log(`run ${run} of ${options.runs}…`);
    const result = await withTimeout(`run ${run}`, 600_000, measureRun(browser, script, options, run));
    log(
      `run ${run}: first row ${ms(result.firstRowMs)}, all rows ${ms(result.allRowsMs)}, Graph page ${ms(result.graphPageMs)}, ` +
        `search p95 ${ms(
          percentile(
            result.search.map((sample) => sample.totalMs),
            95,
          ),
        )}, heap ${mb(result.heapUsedBytes)}`,
    );
    runs.push(result);
  }

  const summary = await summarize(runs, appOut, floorOut, floorFiles);
  const loadAtEnd = os.loadavg();
  const cpus = os.cpus();
  const machine = {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryBytes: os.totalmem(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    browser: `Chromium ${browser.version()} headless`,
    loadAverage1m: { start: loadAtStart[0] ?? 0, end: loadAtEnd[0] ?? 0 },
  };
  const rows = tableRows(summary, options);
  const table = formatTable(rows);
  const underLoad = Math.max(machine.loadAverage1m.start, machine.loadAverage1m.end) > machine.cpus * 0.75;

  process.stdout.write(
    `\nBenchmark ${started.toISOString()} · ${options.runs} run${options.runs > 1 ? 's' : ''} · ${machine.cpus} cores (${machine.cpuModel}), ` +
      `Node ${process.version}, ${machine.browser}\n` +
      `Load average (1 min): ${machine.loadAverage1m.start.toFixed(2)} at start, ${machine.loadAverage1m.end.toFixed(2)} at end` +
      `${underLoad ? ' — the machine was busy: timings are pessimistic' : ''}\n\n${table}\n`,
  );
  const notes = [
    'Bytes: the files the browser loaded, gzip (zlib default level) of the built files; KB = 1,000 bytes, MB = 1,000,000 bytes.',
    'Times: medians over runs, spread min–max over runs; search and edit pool every sample (search spread: the per-run p50 and p95 ranges).',
    'Ratios: against one 999-row Graph page fetched by the page in the same run (the network floor; the local emulator answers in tens of ms).',
    ...summary.notes,
  ];
  process.stdout.write(`\n${notes.map((note) => `- ${note}`).join('\n')}\n`);

  const resultsDir = join(repoRoot, 'bench-results');
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(
    file,
    `${JSON.stringify(
      {
        date: started.toISOString(),
        machine,
        underLoad,
        options,
        targets: {
          ...targets,
          firstScreenBytes: byteTargets.firstScreen,
          userStatesRouteBytes: byteTargets.userStatesRoute,
        },
        build: { appBuildMs, floorBuildMs, emulatorStartupMs: emulator.startupMs },
        summary,
        table: rows,
        runs,
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`\nRaw results: ${file}\n`);
}

async function main(): Promise<void> {
  const options = parseOptions();
  const cleanup = new Cleanup();
  let stopping = false;
  const stop = (reason: string, code: number): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`bench: ${reason}; stopping servers and browser\n`);
    void cleanup.run().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => stop('interrupted', 130));
  process.once('SIGTERM', () => stop('terminated', 143));
  process.once('SIGHUP', () => stop('hung up', 129));
  const watchdog = setTimeout(
    () => stop(`gave up after ${options.timeoutMinutes} minutes (--timeout)`, 1),
    options.timeoutMinutes * 60_000,
  );
  try {
    await bench(options, cleanup);
  } finally {
    clearTimeout(watchdog);
    await cleanup.run();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message =
      error instanceof BenchSetupError || !(error instanceof Error)
        ? String(error instanceof Error ? error.message : error)
        : (error.stack ?? error.message);
    process.stderr.write(`bench: failed: ${message}\n`);
    process.exit(1);
  },
);
