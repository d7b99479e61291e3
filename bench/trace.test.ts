/** The trace's split of main-thread time (bench/trace.ts), on hand-made trace events: no browser. */
import { describe, expect, it } from 'vitest';
import { splitMainThread, type TraceEvent } from './trace.ts';

const main = { pid: 1, tid: 10 };
const other = { pid: 1, tid: 20 };
const threadNames: TraceEvent[] = [
  { name: 'thread_name', ph: 'M', ...main, ts: 0, args: { name: 'CrRendererMain' } },
  { name: 'thread_name', ph: 'M', ...other, ts: 0, args: { name: 'Compositor' } },
];

/** An "X" event on the main thread, times in ms (traces count µs). */
function span(name: string, startMs: number, durMs: number, thread = main): TraceEvent {
  return { name, ph: 'X', ...thread, ts: startMs * 1000, dur: durMs * 1000 };
}

describe('splitMainThread', () => {
  it('gives each event its own time: a layout forced by script is layout, not script', () => {
    const { busyMs, kinds } = splitMainThread([
      ...threadNames,
      span('RunTask', 0, 30),
      span('FunctionCall', 1, 20),
      span('Layout', 5, 4),
      span('UpdateLayoutTree', 10, 2),
      span('Paint', 22, 3),
    ]);
    expect(busyMs).toBe(30);
    expect(kinds.script).toBe(14);
    expect(kinds.layout).toBe(4);
    expect(kinds.style).toBe(2);
    expect(kinds['paint and compositing']).toBe(3);
    expect(kinds.other).toBe(7);
  });

  it('counts unnamed work as the work it runs in, and GC as GC at any depth', () => {
    const { kinds } = splitMainThread([
      ...threadNames,
      span('RunTask', 0, 10),
      span('FunctionCall', 0, 10),
      span('V8.Execute', 0, 8),
      span('V8.GC_SCAVENGER', 2, 3),
    ]);
    expect(kinds.script).toBe(7);
    expect(kinds['garbage collection']).toBe(3);
    expect(kinds.other).toBe(0);
  });

  it("counts V8's parsing, compiling and tier-up as parse and compile, microtasks as script", () => {
    const { kinds } = splitMainThread([
      ...threadNames,
      span('RunTask', 0, 20),
      span('RunMicrotasks', 0, 10),
      span('V8.ParseFunction', 1, 2),
      span('V8.CompileIgnition', 4, 1),
      span('V8.BytecodeBudgetInterrupt', 6, 1),
      span('v8.compile', 12, 3),
    ]);
    expect(kinds.script).toBe(6);
    expect(kinds['parse and compile']).toBe(7);
    expect(kinds.other).toBe(7);
  });

  it('reads only the page main thread, and sums tasks one after the other', () => {
    const { busyMs, kinds } = splitMainThread([
      ...threadNames,
      span('RunTask', 0, 5),
      span('EvaluateScript', 0, 5),
      span('RunTask', 10, 2),
      span('ParseHTML', 10, 2),
      span('RunTask', 0, 50, other),
      span('Paint', 1, 40, other),
    ]);
    expect(busyMs).toBe(7);
    expect(kinds.script).toBe(5);
    expect(kinds['parse and compile']).toBe(2);
    expect(kinds['paint and compositing']).toBe(0);
  });
});
