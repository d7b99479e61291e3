/**
 * Search over every row, one key at a time, in "Search by user principal name": keydown → the
 * grid's rows (or row count) first changed, painted; → its last change; → the URL took the search
 * (the app debounces the URL); → the character painted in the field. Keys that leave the grid as
 * it was (the query matched the same rows) are counted, not timed.
 */
import { units, type Metric } from '../metrics.ts';
import type { PageProbe } from '../page-probe.ts';
import { defineScenario, userStatesGrid, type RunSession } from '../scenario.ts';
import { ms, numbers, percentile, spread, type Spread } from '../stats.ts';
import { targets } from '../targets.ts';

interface SearchKeySample {
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

export interface SearchSample {
  searchWords: string[];
  search: SearchKeySample[];
  searchNoChange: number;
}

type WithP95 = Spread & { p95: number };

export interface SearchSummary {
  search: {
    total: WithP95;
    perRunP95: Spread;
    perRunP50: Spread;
    settled: WithP95;
    url: Spread;
    echo: WithP95;
    samples: number;
    noChange: number;
  };
}

/** Waits until the grid has not changed for `quietMs` (bounded). */
async function gridQuiet(probe: PageProbe, quietMs = 300): Promise<void> {
  await probe
    .waitFor(
      ([state, quiet]) => {
        const last = state.gridChanges.at(-1);
        if (last === undefined) return true;
        return last.painted !== null && performance.now() - last.painted > quiet;
      },
      quietMs,
      { timeout: 5000, polling: 50 },
    )
    .catch(() => undefined);
}

/** Presses one key in the focused search field and times it; null when the grid did not change. */
async function timedKey(
  probe: PageProbe,
  query: string,
  key: string,
  press: () => Promise<void>,
): Promise<SearchKeySample | null> {
  await gridQuiet(probe);
  const before = await probe.now();
  await press();
  // Either the grid changes, or the URL takes the search (the app's debounce) and the grid stays
  // as it was (the query matched the same rows) for another 300 ms.
  await probe
    .waitFor(
      ([state, after]) =>
        state.gridChanges.some((change) => change.dom > after && change.painted !== null) ||
        state.urlChanges.some((at) => at > after && performance.now() - at > 300),
      before,
      { timeout: 3000, polling: 50 },
    )
    .catch(() => undefined);
  await gridQuiet(probe);
  const state = await probe.read();
  const keydown = state.keydowns.filter((entry) => entry.at > before && entry.key === key).at(-1);
  if (keydown === undefined) throw new Error(`no keydown "${key}" was seen in the page`);
  const changes = state.gridChanges.filter((entry) => entry.dom > keydown.at && entry.painted !== null);
  const first = changes[0];
  const last = changes.at(-1);
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

async function measure({ page, probe, profile }: RunSession): Promise<SearchSample> {
  await probe.trackGrid();
  const upns = await page
    .locator(`${userStatesGrid} [role="row"][data-id] [data-field="userPrincipalName"]`)
    .allTextContents();
  // Up to four different 8-letter UPN prefixes from the rows on screen: each letter narrows the match
  // (until one name is left; keys that change nothing are counted, not timed).
  const prefixes = upns.map((upn) => upn.split('@')[0]?.slice(0, 8) ?? '').filter((word) => word.length > 0);
  const distinct = [...new Set(prefixes)];
  const step = Math.max(1, Math.floor(distinct.length / 4));
  const searchWords = distinct.filter((_, index) => index % step === 0).slice(0, 4);
  await page.getByRole('searchbox', { name: 'Search by user principal name' }).click();
  const search: SearchKeySample[] = [];
  let searchNoChange = 0;
  const record = (sample: SearchKeySample | null): void => {
    if (sample === null) searchNoChange += 1;
    else search.push(sample);
  };
  await profile('search-keys', async () => {
    for (const word of searchWords) {
      for (let length = 1; length <= word.length; length += 1) {
        const char = word[length - 1] ?? '';
        record(await timedKey(probe, word.slice(0, length), char, () => page.keyboard.type(char)));
      }
      await page.keyboard.press('Control+A');
      record(await timedKey(probe, '', 'Backspace', () => page.keyboard.press('Backspace')));
    }
  });
  await page.waitForFunction(() => !new URL(window.location.href).searchParams.has('q'), null, { timeout: 10_000 });
  return { searchWords, search, searchNoChange };
}

function withP95(values: readonly number[]): WithP95 {
  return { ...spread(values), p95: percentile(values, 95) };
}

function summarize(runs: readonly SearchSample[]): SearchSummary {
  const all = runs.flatMap((run) => run.search);
  const perRun = (p: number): Spread =>
    spread(
      runs.map((run) =>
        percentile(
          run.search.map((sample) => sample.totalMs),
          p,
        ),
      ),
    );
  return {
    search: {
      total: withP95(all.map((sample) => sample.totalMs)),
      perRunP95: perRun(95),
      perRunP50: perRun(50),
      settled: withP95(all.map((sample) => sample.settledMs)),
      url: spread(numbers(all.map((sample) => sample.urlMs))),
      echo: withP95(numbers(all.map((sample) => sample.echoMs))),
      samples: all.length,
      noChange: runs.reduce((sum, run) => sum + run.searchNoChange, 0),
    },
  };
}

export const searchMetrics: ReadonlyArray<Metric<SearchSummary>> = [
  {
    section: ({ search }, { rows }) => `Search over ${rows} rows (${search.samples} keystrokes)`,
    label: 'Keystroke → grid updated, p50',
    unit: units.ms,
    value: (s) => s.search.total.median,
    spread: (s) => s.search.perRunP50,
  },
  {
    label: 'Keystroke → grid updated, p95',
    unit: units.ms,
    value: (s) => s.search.total.p95,
    spread: (s) => s.search.perRunP95,
    target: { atMost: targets.searchP95Ms },
  },
  {
    label: 'Keystroke → grid settled (last change), p95',
    unit: units.ms,
    value: (s) => s.search.settled.p95,
    spread: (s) => `p50 ${ms(s.search.settled.median)}`,
  },
  {
    label: 'Keystroke → URL updated (debounce), p50',
    unit: units.ms,
    value: (s) => s.search.url.median,
    spread: (s) => s.search.url,
  },
  {
    label: 'Keystroke → character painted in the field, p95',
    unit: units.ms,
    value: (s) => s.search.echo.p95,
    spread: (s) => `p50 ${ms(s.search.echo.median)}`,
  },
];

export const search = defineScenario('search', {
  measure,
  brief: (sample) => [
    `search p95 ${ms(
      percentile(
        sample.search.map((key) => key.totalMs),
        95,
      ),
    )}`,
  ],
  summarize,
  metrics: searchMetrics,
  // The keystrokes alone: the load of 100,000 rows before them would drown them.
  profilesOwnSteps: true,
});
