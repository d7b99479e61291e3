/**
 * Inline edits of the first rows: double-click a "Success device count" cell, type, Enter. Enter
 * → the new value painted (optimistic), → the PATCH answered, → its body read and the next frame;
 * and every Graph request the edit sent.
 */
import { units, type Metric } from '../metrics.ts';
import { defineScenario, userStatesGrid, type GraphRequest, type RunSession } from '../scenario.ts';
import { numbers, spread, type Spread } from '../stats.ts';
import { targets } from '../targets.ts';

/** After the PATCH settled, the edit counts as done once no Graph request has started for this long. */
const quietAfterEditMs = 1500;

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

export interface EditRunSample {
  edits: EditSample[];
}

export interface EditSummary {
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
}

function classifyRequests(requests: readonly GraphRequest[]): EditRequests {
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

async function editRow({ page, probe, graph, profile }: RunSession, index: number): Promise<EditSample> {
  const row = page.locator(`${userStatesGrid} [role="row"][data-id]`).nth(index);
  const rowId = await row.getAttribute('data-id');
  if (rowId === null) throw new Error(`grid row ${index} has no data-id`);
  const cell = row.locator('[data-field="successDeviceCount"]');
  const from = Number((await cell.textContent())?.trim());
  if (!Number.isInteger(from)) throw new Error(`row ${rowId}: successDeviceCount is not a number`);
  const to = from + 1;
  await cell.dblclick();
  const input = row.getByRole('textbox', { name: 'Success device count' });
  const typedAfter = await probe.now();
  await input.fill(String(to));
  // The grid validates edit values asynchronously (preProcessEditCellProps) and ignores an Enter
  // before that is done; it is, once a frame has been painted after the typing.
  await probe.waitFor(
    ([state, after]) => state.inputs.some((mark) => mark.dom > after && mark.painted !== null),
    typedAfter,
    { timeout: 10_000, polling: 50 },
  );
  await probe.watchCell({ rowId, field: 'successDeviceCount', value: String(to) });
  const graphBefore = graph.length;
  const before = await probe.now();
  await profile(`edit-${index + 1}`, async () => {
    await input.press('Enter');
    await probe.waitFor(([state]) => (state.watchCell?.mark?.painted ?? null) !== null, null, {
      timeout: 10_000,
      polling: 50,
    });
  });
  await probe
    .waitFor(
      ([state, after]) =>
        state.fetches.some((entry) => entry.method === 'PATCH' && entry.start > after && entry.settled !== null),
      before,
      { timeout: 30_000, polling: 50 },
    )
    .catch(() => undefined);
  // Anything the edit sends later (a list refetch, say) is still counted: requests are counted
  // when they start, so the edit is over once none has started for a while after the PATCH settled.
  await probe
    .waitFor(
      ([state, quiet]) => {
        const last = Math.max(0, ...state.fetches.map((entry) => Math.max(entry.start, entry.settled ?? 0)));
        return performance.now() - last >= quiet;
      },
      quietAfterEditMs,
      { timeout: 30_000, polling: 100 },
    )
    .catch(() => undefined);
  const state = await probe.read();
  const enter = state.keydowns.filter((entry) => entry.at > before && entry.key === 'Enter').at(0);
  const painted = state.watchCell?.mark?.painted;
  if (enter === undefined || painted == null) throw new Error(`edit of ${rowId}: Enter or its paint was not seen`);
  const patch = state.fetches.find((entry) => entry.method === 'PATCH' && entry.start > before);
  await probe.watchCell(null);
  return {
    rowId,
    from,
    to,
    optimisticMs: painted - enter.at,
    patchAnsweredMs: patch?.end == null ? null : patch.end - enter.at,
    confirmedMs: patch?.settled == null ? null : patch.settled - enter.at,
    requests: classifyRequests(graph.slice(graphBefore)),
  };
}

function summarize(runs: readonly EditRunSample[]): EditSummary {
  const all = runs.flatMap((run) => run.edits);
  const over = (figure: (sample: EditSample) => number | null): Spread => spread(numbers(all.map(figure)));
  return {
    edit: {
      optimistic: over((sample) => sample.optimisticMs),
      patchAnswered: over((sample) => sample.patchAnsweredMs),
      confirmed: over((sample) => sample.confirmedMs),
      requests: over((sample) => sample.requests.total),
      getRecord: over((sample) => sample.requests.getRecord),
      patch: over((sample) => sample.requests.patch),
      listRefetch: over((sample) => sample.requests.listRefetch),
      other: over((sample) => sample.requests.other),
    },
  };
}

export const editMetrics: ReadonlyArray<Metric<EditSummary>> = [
  {
    section: ({ edit }, { rows }) => `Inline edit (${edit.optimistic.n} edits, ${rows} rows loaded)`,
    label: 'Enter → new value painted (optimistic)',
    unit: units.ms,
    value: (s) => s.edit.optimistic.median,
    spread: (s) => s.edit.optimistic,
    target: { atMost: targets.optimisticEditMs },
  },
  {
    label: 'Enter → PATCH answered',
    unit: units.ms,
    value: (s) => s.edit.patchAnswered.median,
    spread: (s) => s.edit.patchAnswered,
  },
  {
    label: 'Enter → server-confirmed, UI settled',
    unit: units.ms,
    value: (s) => s.edit.confirmed.median,
    spread: (s) => s.edit.confirmed,
  },
  {
    label: 'Graph requests per edit',
    unit: units.count,
    value: (s) => s.edit.requests.median,
    spread: (s) => s.edit.requests,
    // Every edit must stay within it, not just the median one.
    target: {
      atMost: targets.requestsPerEdit,
      judged: (s) => s.edit.requests.max,
      by: (s) => `max ${s.edit.requests.max}`,
    },
  },
  {
    label: '  GET record / PATCH / list refetch / other',
    unit: units.count,
    value: ({ edit }) =>
      `${edit.getRecord.median} / ${edit.patch.median} / ${edit.listRefetch.median} / ${edit.other.median}`,
    spread: ({ edit }) => `max ${edit.getRecord.max} / ${edit.patch.max} / ${edit.listRefetch.max} / ${edit.other.max}`,
    target: {
      atMost: targets.listRefetchesPerEdit,
      label: `${targets.listRefetchesPerEdit} list refetches`,
      judged: (s) => s.edit.listRefetch.max,
      by: (s) => `max ${s.edit.listRefetch.max}`,
    },
  },
];

export const edit = defineScenario('edit', {
  async measure(session): Promise<EditRunSample> {
    const edits: EditSample[] = [];
    for (let index = 0; index < session.options.edits; index += 1) edits.push(await editRow(session, index));
    return { edits };
  },
  summarize,
  metrics: editMetrics,
  // Each Enter up to its paint alone: the double-click and typing around it are not the target.
  profilesOwnSteps: true,
});
