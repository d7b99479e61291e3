/**
 * Browser-side instruments for `npm run bench`, installed by `page.addInitScript` before any app
 * script runs. Everything is recorded in page time (`performance.now()`, milliseconds since the
 * navigation started) on `window.__bench`; the scenarios read it through bench/page-probe.ts.
 *
 * This file is transpiled on its own (bench/page-probe.ts, TypeScript's transpileModule) and must
 * not import anything: only `installBenchProbe` is sent to the page, followed by a call to it.
 */

export interface ProbeFetch {
  method: string;
  url: string;
  start: number;
  /** fetch() resolved (status line and headers in). */
  end: number | null;
  status: number | null;
  /** For PATCH only: the body was read, then a frame was painted and the task queue reached. */
  settled: number | null;
}

export interface ProbeMark {
  /** When the DOM showed it (MutationObserver). */
  dom: number;
  /** The end of the next frame after that (requestAnimationFrame, then a task). */
  painted: number | null;
}

export interface ProbeGridChange extends ProbeMark {
  signature: string;
}

export interface ProbeWatchCell {
  rowId: string;
  field: string;
  value: string;
  mark: ProbeMark | null;
}

export interface BenchProbeState {
  longTasks: Array<{ start: number; duration: number }>;
  /** The scripts table appeared (the first screen after sign-in). */
  firstScreen: number | null;
  /** The first user-state row of the grid "User run states". */
  firstRow: ProbeMark | null;
  /** "Loaded N of N" with no progress bar left. */
  allRows: ProbeMark | null;
  allRowsText: string | null;
  /** Set by the runner: record every change of the grid's visible rows or row count. */
  trackGrid: boolean;
  gridSignature: string | null;
  gridChanges: ProbeGridChange[];
  /** Set by the runner: record when this cell shows this value outside the editor. */
  watchCell: ProbeWatchCell | null;
  keydowns: Array<{ key: string; at: number }>;
  /** `timeStamp` of every click (an in-app navigation starts with one). */
  clicks: number[];
  inputs: ProbeMark[];
  urlChanges: number[];
  fetches: ProbeFetch[];
}

export function installBenchProbe(): void {
  const state: BenchProbeState = {
    longTasks: [],
    firstScreen: null,
    firstRow: null,
    allRows: null,
    allRowsText: null,
    trackGrid: false,
    gridSignature: null,
    gridChanges: [],
    watchCell: null,
    keydowns: [],
    clicks: [],
    inputs: [],
    urlChanges: [],
    fetches: [],
  };
  Object.defineProperty(window, '__bench', { value: state, enumerable: false });

  const afterPaint = (record: (at: number) => void): void => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => record(performance.now());
      channel.port2.postMessage(null);
    });
  };

  /** A mark of when the DOM showed something, completed with the end of the next frame. */
  const markNow = (dom = performance.now()): ProbeMark => {
    const mark: ProbeMark = { dom, painted: null };
    afterPaint((at) => {
      mark.painted = at;
    });
    return mark;
  };

  performance.setResourceTimingBufferSize(10_000);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API in this browser: the longest task stays unknown.
  }

  window.addEventListener('keydown', (event) => state.keydowns.push({ key: event.key, at: event.timeStamp }), true);
  window.addEventListener('click', (event) => state.clicks.push(event.timeStamp), true);
  window.addEventListener(
    'input',
    () => {
      state.inputs.push(markNow());
    },
    true,
  );

  const recordUrlChange = (): void => {
    state.urlChanges.push(performance.now());
  };
  const pushState = history.pushState.bind(history);
  const replaceState = history.replaceState.bind(history);
  history.pushState = (data: unknown, unused: string, url?: string | URL | null) => {
    recordUrlChange();
    pushState(data, unused, url);
  };
  history.replaceState = (data: unknown, unused: string, url?: string | URL | null) => {
    recordUrlChange();
    replaceState(data, unused, url);
  };

  const originalFetch = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.includes('/beta/')) return originalFetch(input, init);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const entry: ProbeFetch = { method, url, start: performance.now(), end: null, status: null, settled: null };
    state.fetches.push(entry);
    const response = await originalFetch(input, init);
    entry.end = performance.now();
    entry.status = response.status;
    if (method === 'PATCH') {
      void response
        .clone()
        .arrayBuffer()
        .catch(() => null)
        .then(() =>
          afterPaint((at) => {
            entry.settled = at;
          }),
        );
    }
    return response;
  };

  const loadedPattern = /^Loaded ([\d,]+) of ([\d,]+)/;
  const findGrid = (): Element | null => document.querySelector('[role="grid"][aria-label="User run states"]');
  const signatureOf = (grid: Element): string => {
    const rows = grid.querySelectorAll('[role="row"][data-id]');
    const ids: string[] = [];
    rows.forEach((row) => ids.push(row.getAttribute('data-id') ?? ''));
    // The row count lives in the pagination footer ("1–100 of 4,321"), outside the role="grid" element.
    const footer =
      grid.closest('.MuiDataGrid-root')?.querySelector('.MuiTablePagination-displayedRows')?.textContent ?? '';
    return `${ids.length}|${ids.slice(0, 3).join(',')}|${ids.at(-1) ?? ''}|${grid.getAttribute('aria-rowcount') ?? ''}|${footer}`;
  };

  const observe = (): void => {
    const now = performance.now();
    const grid = findGrid();
    if (
      state.firstScreen === null &&
      document.querySelector('table[aria-label="Device management scripts"]') !== null
    ) {
      state.firstScreen = now;
    }
    if (state.firstRow === null && grid?.querySelector('[role="row"][data-id]')) {
      state.firstRow = markNow(now);
    }
    if (state.allRows === null && state.firstRow !== null) {
      for (const status of document.querySelectorAll('[role="status"]')) {
        const match = loadedPattern.exec(status.textContent ?? '');
        if (match === null) continue;
        const loaded = Number((match[1] ?? '').replaceAll(',', ''));
        const total = Number((match[2] ?? '').replaceAll(',', ''));
        const streaming = document.querySelector('[aria-label="Loading user states"]') !== null;
        if (total > 0 && loaded === total && !streaming) {
          state.allRows = markNow(now);
          state.allRowsText = status.textContent;
        }
      }
    }
    if (state.trackGrid && grid !== null) {
      const signature = signatureOf(grid);
      if (state.gridSignature === null) {
        // Tracking just started: this is the baseline, not a change.
        state.gridSignature = signature;
      } else if (signature !== state.gridSignature) {
        state.gridSignature = signature;
        state.gridChanges.push(Object.assign(markNow(now), { signature }));
      }
    }
    const watch = state.watchCell;
    if (watch !== null && watch.mark === null && grid !== null) {
      const cell = grid.querySelector(
        `[role="row"][data-id="${CSS.escape(watch.rowId)}"] [data-field="${CSS.escape(watch.field)}"]`,
      );
      if (cell !== null && cell.querySelector('input') === null && (cell.textContent ?? '').trim() === watch.value) {
        watch.mark = markNow(now);
      }
    }
  };

  new MutationObserver(observe).observe(document, { childList: true, subtree: true, characterData: true });
  // The runner calls this right after setting `trackGrid`, to take the baseline at once.
  Object.defineProperty(window, '__benchObserve', { value: observe, enumerable: false });
}
