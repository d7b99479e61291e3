/** One run's browser page: a fresh context (cold cache, signed out) with the probe installed. */
import type { Browser } from '@playwright/test';
import type { Options } from './options.ts';
import { PageProbe } from './page-probe.ts';
import type { GraphRequest, RunSession } from './scenario.ts';
import { appOriginOf, emulatorOriginOf } from './servers.ts';

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
    },
    pageErrors,
    close: () => context.close(),
  };
}
