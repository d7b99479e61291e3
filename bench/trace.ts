/**
 * `npm run bench -- --trace <dir>`: a Chromium performance trace of the steps `--profile` records,
 * and the page's main-thread time by kind of work.
 *
 * A CPU profile names the JavaScript but lumps the browser's own work into "(program)"; a trace
 * says which part of that is style, layout, paint and compositing, and shows each frame, so a
 * keystroke or a click can be followed from the event to the paint (open the file in DevTools'
 * Performance panel). The trace events of one thread nest; each event's own time (its duration
 * less that of the events inside it) goes to the kind its name stands for.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';

/** The Chromium trace event fields read here ("X" events have a duration; µs). */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** "other": the browser's own tasks outside these (messages, network, scheduling frames). */
export const traceKinds = ['script', 'style', 'layout', 'paint and compositing', 'parse and compile', 'garbage collection', 'other'] as const;
export type TraceKind = (typeof traceKinds)[number];

const kindOfEvent: Record<string, TraceKind> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  'v8.evaluateModule': 'script',
  TimerFire: 'script',
  EventDispatch: 'script',
  FireAnimationFrame: 'script',
  FireIdleCallback: 'script',
  'v8.callFunction': 'script',
  RunMicrotasks: 'script',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  ParseAuthorStyleSheet: 'style',
  Layout: 'layout',
  PrePaint: 'paint and compositing',
  Paint: 'paint and compositing',
  Layerize: 'paint and compositing',
  Commit: 'paint and compositing',
  UpdateLayer: 'paint and compositing',
  CompositeLayers: 'paint and compositing',
  HitTest: 'paint and compositing',
  ParseHTML: 'parse and compile',
  'v8.compile': 'parse and compile',
  'v8.compileModule': 'parse and compile',
  'V8.CompileCode': 'parse and compile',
  CompileScript: 'parse and compile',
  // V8 writing a module's code cache (a script's second load), so the third skips compiling.
  'v8.produceModuleCache': 'parse and compile',
  'v8.produceCache': 'parse and compile',
  MinorGC: 'garbage collection',
  MajorGC: 'garbage collection',
};

/** V8's own events by prefix: parsing, compiling and tiering up code, and the collector. */
const v8Prefixes: Array<[string, TraceKind]> = [
  ['V8.GC', 'garbage collection'],
  ['V8.Parse', 'parse and compile'],
  ['V8.PreParse', 'parse and compile'],
  ['V8.Compile', 'parse and compile'],
  ['V8.Maglev', 'parse and compile'],
  ['V8.Turbofan', 'parse and compile'],
  ['V8.BytecodeBudgetInterrupt', 'parse and compile'],
];

/** An event neither names is the work of the event it runs in ("other" at the top). */
function kindOf(name: string, parent: TraceKind | undefined): TraceKind {
  return kindOfEvent[name] ?? v8Prefixes.find(([prefix]) => name.startsWith(prefix))?.[1] ?? parent ?? 'other';
}

export interface TraceSplit {
  /** Milliseconds the page's main thread was busy (top-level tasks). */
  busyMs: number;
  kinds: Record<TraceKind, number>;
}

/** The main thread's (CrRendererMain) own time per kind of work. */
export function splitMainThread(events: readonly TraceEvent[]): TraceSplit {
  const mainThreads = new Set(
    events.filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map((event) => `${event.pid}:${event.tid}`),
  );
  const spans = events
    .filter((event) => event.ph === 'X' && event.dur !== undefined && mainThreads.has(`${event.pid}:${event.tid}`))
    // Outer events first: same start, longer first.
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const kinds = Object.fromEntries(traceKinds.map((kind) => [kind, 0])) as Record<TraceKind, number>;
  let busyMs = 0;
  const open: Array<{ end: number; kind: TraceKind }> = [];
  for (const span of spans) {
    const dur = span.dur ?? 0;
    while (open.length > 0 && (open.at(-1)?.end ?? 0) <= span.ts) open.pop();
    const parent = open.at(-1);
    // The parent's own time is what its children leave.
    if (parent === undefined) busyMs += dur / 1000;
    else kinds[parent.kind] -= dur / 1000;
    // A layout forced by script is layout; a task's own time outside any named work is "other".
    const kind = kindOf(span.name, parent?.kind);
    kinds[kind] += dur / 1000;
    open.push({ end: span.ts + dur, kind });
  }
  return { busyMs, kinds };
}

/** Starts a trace of the page; the returned function stops it, saves it and its split. */
export async function startTrace(
  browser: Browser,
  page: Page,
  { dir, name }: { dir: string; name: string },
): Promise<() => Promise<string>> {
  const path = join(dir, `${name}.trace.json`);
  await browser.startTracing(page, { path, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.compile'] });
  return async () => {
    const buffer = await browser.stopTracing();
    const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
    const { busyMs, kinds } = splitMainThread(Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []));
    const lines = traceKinds.map(
      (kind) => `${kinds[kind].toFixed(1).padStart(9)} ms  ${((kinds[kind] / Math.max(busyMs, 1e-9)) * 100).toFixed(1).padStart(5)}%  ${kind}`,
    );
    const text = `${name}: ${busyMs.toFixed(0)} ms on the main thread, own time by kind of work\n${lines.join('\n')}\n`;
    await writeFile(join(dir, `${name}.txt`), text);
    return text;
  };
}
