/**
 * What a scenario of `npm run bench` is. Each run opens one signed-out browser page (a
 * `RunSession`) and hands it to the scenarios in their order (bench/run.ts); each measures what
 * it is about on that page, in the state the ones before it left. After the last run each sums up
 * its samples and lists its table rows. A new scenario is one module under bench/scenarios/ and
 * one entry in that list.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { tableRow, type Metric, type TableContext } from './metrics.ts';
import type { Options } from './options.ts';
import type { PageProbe } from './page-probe.ts';
import type { TableRow } from './stats.ts';

/** The app's grid of user states, which the scenarios after navigation work on. */
export const userStatesGrid = '[role="grid"][aria-label="User run states"]';

/** A request the page sent to Graph (the emulator's `/beta/`), as Playwright saw it. */
export interface GraphRequest {
  method: string;
  url: string;
}

/** One run's page and what it has sent so far. */
export interface RunSession {
  run: number;
  options: Options;
  origins: { app: string; emulator: string };
  context: BrowserContext;
  page: Page;
  probe: PageProbe;
  /** Every Graph request of the run, in order. */
  graph: readonly GraphRequest[];
  /** The last Authorization header a Graph request carried. */
  authorization(): string | null;
  /**
   * Runs one step of a scenario; with `--profile`, under a CPU profile saved as `run-N-<step>`
   * (bench/cpu-profile.ts). Without it, only runs the step.
   */
  profile<T>(step: string, task: () => Promise<T>): Promise<T>;
}

/** What the bench set up once for all runs. */
export interface BenchContext {
  options: Options;
  browser: Browser;
  /** bench/probe.ts as an init script, for pages a scenario opens on its own. */
  probeScript: string;
  builds: { app: string; floor: string };
  origins: { floor: string };
}

export interface ScenarioDefinition<Sample extends object, Summary extends object> {
  /** One run. The sample's fields go into that run's record in the results JSON. */
  measure: (session: RunSession) => Promise<Sample>;
  /** Figures for the run's log line, e.g. "heap 30.8 MB". */
  brief?: (sample: Sample) => string[];
  /** After the last run. The summary's fields go into the JSON's `summary`; `note` adds a line under the table. */
  summarize: (samples: readonly Sample[], note: (text: string) => void) => Summary | Promise<Summary>;
  /** This scenario's rows of the table, in order. */
  metrics: ReadonlyArray<Metric<Summary>>;
  /**
   * `measure` profiles its own steps with `session.profile` (the steps worth reading apart, not
   * the sign-in around them); otherwise `--profile` records the whole scenario.
   */
  profilesOwnSteps?: boolean;
}

export interface ScenarioReport {
  summary: object;
  rows: TableRow[];
}

/** A scenario with its own types hidden, so that the bench can hold a list of different ones. */
export interface Scenario {
  name: string;
  /** Fresh state for one `npm run bench`: prepares, then collects the samples of every run. */
  start: (bench: BenchContext) => Promise<ScenarioRecorder>;
}

export interface ScenarioRecorder {
  /** The scenario's name (`--only`, and a profile's file name). */
  name: string;
  profilesOwnSteps: boolean;
  measure: (session: RunSession) => Promise<{ sample: object; brief: string[] }>;
  report: (note: (text: string) => void, table: TableContext) => Promise<ScenarioReport>;
}

/**
 * `definition` is the scenario itself, or, for one that needs something set up once before the
 * first run (a reference page measured, an input file written), a function that does that and
 * returns it.
 */
export function defineScenario<Sample extends object, Summary extends object>(
  name: string,
  definition:
    ScenarioDefinition<Sample, Summary> | ((bench: BenchContext) => Promise<ScenarioDefinition<Sample, Summary>>),
): Scenario {
  return {
    name,
    async start(bench) {
      const scenario = typeof definition === 'function' ? await definition(bench) : definition;
      const samples: Sample[] = [];
      return {
        name,
        profilesOwnSteps: scenario.profilesOwnSteps ?? false,
        async measure(session) {
          const sample = await scenario.measure(session);
          samples.push(sample);
          return { sample, brief: scenario.brief?.(sample) ?? [] };
        },
        async report(note, table) {
          const summary = await scenario.summarize(samples, note);
          return { summary, rows: scenario.metrics.map((metric) => tableRow(metric, summary, table)) };
        },
      };
    },
  };
}
