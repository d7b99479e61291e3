/**
 * The Node side of bench/probe.ts: the probe's source as an init script, and a typed accessor for
 * the state it keeps on the page. This is the one place that knows where that state lives; every
 * read, write and wait of the scenarios goes through it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JSHandle, Page } from '@playwright/test';
import ts from 'typescript';
import { repoRoot } from './bundle-size.ts';
import type { BenchProbeState, ProbeWatchCell } from './probe.ts';

type ProbeWindow = Window & { __bench: BenchProbeState; __benchObserve: () => void };

/** A predicate run in the page on the probe's live state and one serializable argument. */
export type ProbePredicate<A> = (input: [BenchProbeState, A]) => boolean;

export interface ProbeWait {
  timeout: number;
  polling: number;
}

/** bench/probe.ts as a script for addInitScript (transpiled here, so no bundler helper leaks in). */
export async function probeScript(): Promise<string> {
  const source = await readFile(join(repoRoot, 'bench', 'probe.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  return `(() => {\n${outputText.replace(/^export \{\};?$/gm, '').replace(/^export\s+/gm, '')}\ninstallBenchProbe();\n})();`;
}

export class PageProbe {
  constructor(private readonly page: Page) {}

  /** A copy of everything the probe has recorded so far. */
  read(): Promise<BenchProbeState> {
    return this.withWindow((win) => win.evaluate((probe) => probe.__bench));
  }

  /** Page time now (`performance.now()`), the clock of every probe mark. */
  now(): Promise<number> {
    return this.page.evaluate(() => performance.now());
  }

  /** Waits until `predicate` holds on the page; the page may navigate in between only before the call. */
  async waitFor<A>(predicate: ProbePredicate<A>, arg: A, { timeout, polling }: ProbeWait): Promise<void> {
    await this.withWindow(async (win) => {
      const state = await win.evaluateHandle((probe) => probe.__bench);
      // Playwright types the page's copy of `arg` as its "unboxed" form, which for the plain data
      // passed here is `arg` itself; TypeScript cannot see that for a generic `A`.
      const inPage = predicate as (input: [BenchProbeState, unknown]) => boolean;
      const args: [JSHandle<BenchProbeState>, unknown] = [state, arg];
      try {
        await this.page.waitForFunction(inPage, args, { timeout, polling });
      } finally {
        await state.dispose();
      }
    });
  }

  /** Waits until the probe has seen `mark` painted. */
  waitForPainted(mark: 'firstRow' | 'allRows', wait: ProbeWait): Promise<void> {
    return this.waitFor(([probe, name]) => (probe[name]?.painted ?? null) !== null, mark, wait);
  }

  /** Records every change of the grid's visible rows or row count from now on (the current rows are the baseline). */
  trackGrid(): Promise<void> {
    return this.withWindow((win) =>
      win.evaluate((probe) => {
        probe.__bench.trackGrid = true;
        probe.__benchObserve();
      }),
    );
  }

  /** Marks when this cell shows this value outside the editor; null stops watching. */
  watchCell(cell: Omit<ProbeWatchCell, 'mark'> | null): Promise<void> {
    return this.withWindow((win) =>
      win.evaluate((probe, watch) => {
        probe.__bench.watchCell = watch === null ? null : { ...watch, mark: null };
      }, cell),
    );
  }

  private async withWindow<T>(use: (win: JSHandle<ProbeWindow>) => Promise<T>): Promise<T> {
    // The probe's properties are defined by probe.ts, not by the DOM's types: this is the one cast.
    const win = await this.page.evaluateHandle(() => window as unknown as ProbeWindow);
    try {
      return await use(win);
    } finally {
      await win.dispose();
    }
  }
}
