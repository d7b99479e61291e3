/** One run's browser page: a fresh context (cold cache, signed out) with the probe installed. */
import type { Browser } from '@playwright/test';
import { saveCpuProfile, startCpuProfile } from './cpu-profile.ts';
import { startTrace } from './trace.ts';
import type { Options } from './options.ts';
import { PageProbe } from './page-probe.ts';
import type { GraphRequest, RunSession } from './scenario.ts';
import { appOriginOf, emulatorOriginOf, log } from './servers.ts';

export interface OpenSession {
  session: RunSession;
  /** Uncaught errors of the page so far. */
  pageErrors: string[];
  close: () => Promise<void>;
}

export async function openSession(
  browser: Browser,
  probeScript: string,
  options: Options,
  run: number,
  /** The app's build, whose source maps attribute a profile (--profile). */
  appBuild: string,
): Promise<OpenSession> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await context.addInitScript({ content: probeScript });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const origins = { app: appOriginOf(options.ports), emulator: emulatorOriginOf(options.ports) };
  const graph: GraphRequest[] = [];
  const pageErrors: string[] = [];
  let authorization: string | null = null;
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origins.emulator}/beta/`)) return;
    graph.push({ method: request.method(), url });
    const header = request.headers().authorization;
    if (header) authorization = header;
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const { profileDir, traceDir } = options;
  const profile = async <T>(step: string, task: () => Promise<T>): Promise<T> => {
    if (traceDir !== null) {
      const stop = await startTrace(browser, page, { dir: traceDir, name: `run-${run}-${step}` });
      const result = await task();
      log(await stop());
      return result;
    }
    if (profileDir === null) return task();
    const stop = await startCpuProfile(page);
    const result = await task();
    const where = { dir: profileDir, name: `run-${run}-${step}`, outDir: appBuild, appOrigin: origins.app };
    log((await saveCpuProfile(await stop(), where)).split('\n').slice(0, 12).join('\n'));
    return result;
  };
  return {
    session: {
      run,
      options,
      origins,
      context,
      page,
      probe: new PageProbe(page),
      graph,
      authorization: () => authorization,
      profile,
    },
    pageErrors,
    close: () => context.close(),
  };
}
