/**
 * The Node side of bench/probe.ts: the probe's source as an init script, and a typed accessor for
 * the state it keeps on the page. This is the one place that knows where that state lives; every
 * read, write and wait of the scenarios goes through it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession, JSHandle, Page } from '@playwright/test';
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
  private devToolsSession: Promise<CDPSession> | null = null;

  constructor(private readonly page: Page) {}

  /** One DevTools protocol session for the page; it outlives the page's navigations. */
  private devTools(): Promise<CDPSession> {
    this.devToolsSession ??= this.page.context().newCDPSession(this.page);
    return this.devToolsSession;
  }

  /** A copy of everything the probe has recorded so far. */
  read(): Promise<BenchProbeState> {
    return this.withWindow((win) => win.evaluate((probe) => probe.__bench));
  }

  /** Page time now (`performance.now()`), the clock of every probe mark. */
  now(): Promise<number> {
    return this.page.evaluate(() => performance.now());
  }

  /**
   * Waits until `predicate` holds on the page; the page may navigate in between only before the call.
   *
   * Polled by an expression the DevTools protocol evaluates, not by `page.waitForFunction`: that
   * first installs Playwright's injected script in the page's world, about 10 ms of parsing on the
   * page's main thread, which landed inside the very opens being timed (seen in a `--trace`).
   * `predicate` travels as source (it may use only its input) and `arg` as JSON.
   */
  async waitFor<A>(predicate: ProbePredicate<A>, arg: A, { timeout, polling }: ProbeWait): Promise<void> {
    const cdp = await this.devTools();
    const expression = `(async (predicate, arg, polling, timeout) => {
      const deadline = performance.now() + timeout;
      while (!predicate([window.__bench, arg])) {
        if (performance.now() > deadline) throw new Error('timed out after ' + timeout + ' ms');
        await new Promise((resolve) => setTimeout(resolve, polling));
      }
    })(${predicate.toString()}, ${JSON.stringify(arg) ?? 'undefined'}, ${polling}, ${timeout})`;
    const { exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails !== undefined) {
      throw new Error(`bench probe wait: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    }
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
