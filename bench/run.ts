/**
 * `npm run bench` (issue #5): builds the production bundle and a floor page, serves both, starts
 * the emulator with a 100,000-user-state script, and runs the scenarios (bench/scenarios/) in
 * headless Chromium over several runs, each run a fresh page signed in through the real MSAL
 * redirect flow. Prints the table with the targets beside it and writes the raw numbers to
 * bench-results/.
 *
 * A benchmark, not a test: nothing here fails on a slow number. `npm run bench -- --help` for options.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from '../e2e/support/chromium.ts';
import { buildApp, buildFloor, repoRoot } from './bundle-size.ts';
import { parseOptions, type Options } from './options.ts';
import { probeScript } from './page-probe.ts';
import type { BenchContext, Scenario, ScenarioRecorder } from './scenario.ts';
import { bulk } from './scenarios/bulk.ts';
import { devices } from './scenarios/devices.ts';
import { edit } from './scenarios/edit.ts';
import { exportCsv } from './scenarios/export.ts';
import { importPreview } from './scenarios/import-preview.ts';
import { memory } from './scenarios/memory.ts';
import { navigation } from './scenarios/navigation.ts';
import { search } from './scenarios/search.ts';
import {
  appEnvFor,
  BenchSetupError,
  Cleanup,
  log,
  requireFreePorts,
  startAppServer,
  startEmulator,
  startStaticServer,
  withTimeout,
} from './servers.ts';
import { openSession } from './session.ts';
import { formatTable, type TableRow } from './stats.ts';
import { targets } from './targets.ts';

/**
 * The scenarios, in the order each run goes through them on its page, and the order of the
 * table's rows. Navigation signs in and loads every row; the others work on that loaded grid.
 */
const scenarios: Readonly<Record<string, Scenario>> = {
  navigation,
  memory,
  search,
  edit,
  export: exportCsv,
  'import-preview': importPreview,
  // Before devices, which leaves the grid for a record.
  bulk,
  devices,
};

/** The scenarios `--only` keeps, in the list's order; navigation always, as it signs in. */
function chosenScenarios(only: readonly string[] | null): Scenario[] {
  if (only === null) return Object.values(scenarios);
  const unknown = only.filter((name) => !(name in scenarios));
  if (unknown.length > 0)
    throw new Error(`--only: no scenario ${unknown.join(', ')} (there are ${Object.keys(scenarios).join(', ')})`);
  return Object.entries(scenarios)
    .filter(([name]) => name === 'navigation' || only.includes(name))
    .map(([, scenario]) => scenario);
}

interface RunRecord {
  run: number;
  /** The scenarios' samples, merged: the run's fields in the results JSON. */
  samples: object;
  pageErrors: string[];
}

/** One run: a fresh page through every scenario. */
async function measureRun(
  bench: BenchContext,
  recorders: readonly ScenarioRecorder[],
  run: number,
): Promise<RunRecord> {
  const { session, pageErrors, close } = await openSession(
    bench.browser,
    bench.probeScript,
    bench.options,
    run,
    bench.builds.app,
  );
  try {
    const samples = {};
    const brief: string[] = [];
    for (const recorder of recorders) {
      const measure = () => recorder.measure(session);
      const measured = await (recorder.profilesOwnSteps ? measure() : session.profile(recorder.name, measure));
      Object.assign(samples, measured.sample);
      brief.push(...measured.brief);
    }
    log(`run ${run}: ${brief.join(', ')}`);
    return { run, samples, pageErrors };
  } finally {
    await close();
  }
}

async function bench(options: Options, cleanup: Cleanup): Promise<void> {
  const started = new Date();
  const loadAtStart = os.loadavg();
  await requireFreePorts([options.ports.app, options.ports.emulator], options.waitForPorts);

  const builds = { app: join(repoRoot, 'dist-bench', 'app'), floor: join(repoRoot, 'dist-bench', 'floor') };
  for (const dir of [options.profileDir, options.traceDir]) if (dir !== null) await mkdir(dir, { recursive: true });
  log('building the production bundle and the floor page…');
  let mark = performance.now();
  await withTimeout(
    'building the app',
    300_000,
    buildApp(builds.app, appEnvFor(options.ports), { sourceMaps: options.profileDir !== null }),
  );
  const appBuildMs = performance.now() - mark;
  mark = performance.now();
  await withTimeout('building the floor page', 300_000, buildFloor(builds.floor));
  const floorBuildMs = performance.now() - mark;

  await requireFreePorts([options.ports.app, options.ports.emulator], options.waitForPorts);
  const dataDir = await mkdtemp(join(os.tmpdir(), 'bench-emulator-'));
  cleanup.add('the emulator data dir', () => rm(dataDir, { recursive: true, force: true }));
  log(`starting the emulator with ${options.bigScriptSize.toLocaleString('en-US')} user states…`);
  const emulator = await startEmulator(options.ports, dataDir, options.bigScriptSize, cleanup, options.graphLatencyMs);
  await startAppServer(options.ports, builds.app, cleanup);
  const floorServer = await startStaticServer(builds.floor, cleanup);

  // Signals go to the cleanup above, not to Playwright, which would exit before the emulator is stopped.
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    headless: true,
    args: [...chromiumArgs],
    timeout: 60_000,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  cleanup.add('the browser', () => browser.close());
  const context: BenchContext = {
    options,
    browser,
    probeScript: await probeScript(),
    builds,
    origins: { floor: floorServer.origin },
  };

  const recorders: ScenarioRecorder[] = [];
  for (const scenario of chosenScenarios(options.only)) recorders.push(await scenario.start(context));
  const runs: RunRecord[] = [];
  for (let run = 1; run <= options.runs; run += 1) {
    log(`run ${run} of ${options.runs}…`);
    runs.push(await withTimeout(`run ${run}`, 600_000, measureRun(context, recorders, run)));
  }

  const notes: string[] = [];
  const note = (text: string): void => {
    notes.push(text);
  };
  const tableContext = { rows: options.bigScriptSize.toLocaleString('en-US') };
  const summary: Record<string, unknown> = {};
  const rows: TableRow[] = [];
  for (const recorder of recorders) {
    const report = await recorder.report(note, tableContext);
    Object.assign(summary, report.summary);
    rows.push(...report.rows);
  }
  for (const { run, pageErrors } of runs)
    if (pageErrors.length > 0) note(`run ${run}: page errors: ${pageErrors.join(' | ')}`);
  summary.notes = notes;

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
  const underLoad = Math.max(machine.loadAverage1m.start, machine.loadAverage1m.end) > machine.cpus * 0.75;

  process.stdout.write(
    `\nBenchmark ${started.toISOString()} · ${options.runs} run${options.runs > 1 ? 's' : ''} · ${machine.cpus} cores (${machine.cpuModel}), ` +
      `Node ${process.version}, ${machine.browser}` +
      `${options.graphLatencyMs > 0 ? ` · every Graph request ${options.graphLatencyMs} ms later (--graph-latency)` : ''}\n` +
      `Load average (1 min): ${machine.loadAverage1m.start.toFixed(2)} at start, ${machine.loadAverage1m.end.toFixed(2)} at end` +
      `${underLoad ? ' — the machine was busy: timings are pessimistic' : ''}\n\n${formatTable(rows)}\n`,
  );
  const footnotes = [
    'Bytes: the files the browser loaded, gzip (zlib default level) of the built files; KB = 1,000 bytes, MB = 1,000,000 bytes.',
    'Times: medians over runs, spread min–max over runs; search and edit pool every sample (search spread: the per-run p50 and p95 ranges).',
    "The app's own time: the first row minus one 999-row Graph page fetched by the page in the same run (the network floor). Device ratio: against the device table's own request.",
    ...notes,
  ];
  process.stdout.write(`\n${footnotes.map((line) => `- ${line}`).join('\n')}\n`);

  const resultsDir = join(repoRoot, 'bench-results');
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  const results = {
    date: started.toISOString(),
    machine,
    underLoad,
    options,
    targets,
    build: { appBuildMs, floorBuildMs, emulatorStartupMs: emulator.startupMs },
    summary,
    table: rows,
    runs: runs.map(({ run, samples, pageErrors }) => ({ run, ...samples, pageErrors })),
  };
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
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
