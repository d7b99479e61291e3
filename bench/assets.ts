/**
 * The JS and CSS a page loaded, read from Resource Timing and sized from the build: the bytes
 * rows of the table, and the check that they agree with the Vite manifest the budget test uses.
 */
import type { Browser, Page } from '@playwright/test';
import { appRouteSizes, floorSize, isCodeOrStyle, kb, measureFiles, type FileSet } from './bundle-size.ts';

export interface BytesSummary {
  firstScreen: FileSet;
  userStatesRoute: FileSet;
  floor: FileSet;
  fromManifest: { firstScreen: number; userStatesRoute: number; floor: number };
}

/** The files one run's navigations loaded (paths inside the build's outDir). */
export interface LoadedFiles {
  firstScreenFiles: string[];
  userStatesFiles: string[];
}

/**
 * The app's JS and CSS files the page has requested; with `until`, only those requested by then
 * (page time), so that chunks prefetched after a screen was shown do not count towards it.
 */
export async function loadedAssets(page: Page, origin: string, until = Number.POSITIVE_INFINITY): Promise<string[]> {
  const names = await page.evaluate(
    (limit) =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime <= limit)
        .map((entry) => entry.name),
    until,
  );
  const files = new Set<string>();
  for (const name of names) {
    const url = new URL(name);
    if (url.origin !== origin) continue;
    const file = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    if (isCodeOrStyle(file)) files.add(file);
  }
  return [...files].sort();
}

/** The files the floor page loads, in a context of its own. */
export async function measureFloorFiles(browser: Browser, probeScript: string, origin: string): Promise<string[]> {
  const context = await browser.newContext();
  try {
    await context.addInitScript({ content: probeScript });
    const page = await context.newPage();
    await page.goto(`${origin}/`, { timeout: 30_000 });
    await page.getByText('Floor page', { exact: true }).waitFor({ timeout: 30_000 });
    return await loadedAssets(page, origin);
  } finally {
    await context.close();
  }
}

function sameLists(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** Sizes run 1's files (`runs` in run order); notes runs that loaded other files and any difference from the manifest's answer. */
export async function summarizeBytes(
  runs: readonly LoadedFiles[],
  builds: { app: string; floor: string },
  floorFiles: readonly string[],
  note: (text: string) => void,
): Promise<BytesSummary> {
  const first = runs[0];
  if (first === undefined) throw new Error('no runs');
  const manifest = await appRouteSizes(builds.app);
  const floorManifest = await floorSize(builds.floor);
  const bytes: BytesSummary = {
    firstScreen: await measureFiles(builds.app, first.firstScreenFiles),
    userStatesRoute: await measureFiles(builds.app, first.userStatesFiles),
    floor: await measureFiles(builds.floor, floorFiles),
    fromManifest: {
      firstScreen: manifest.firstScreen.gzip,
      userStatesRoute: manifest.userStatesRoute.gzip,
      floor: floorManifest.gzip,
    },
  };
  for (const [index, run] of runs.entries()) {
    if (
      !sameLists(run.firstScreenFiles, first.firstScreenFiles) ||
      !sameLists(run.userStatesFiles, first.userStatesFiles)
    ) {
      note(`run ${index + 1} loaded a different set of files than run 1 (see the JSON)`);
    }
  }
  const compare = (name: string, loaded: FileSet, fromManifest: FileSet): void => {
    const difference = manifestDifference(name, loaded, fromManifest);
    if (difference !== null) note(difference);
  };
  compare('first screen', bytes.firstScreen, manifest.firstScreen);
  compare('user-states route', bytes.userStatesRoute, manifest.userStatesRoute);
  compare('floor page', bytes.floor, floorManifest);
  return bytes;
}

/**
 * How the files a page loaded differ from the manifest closure that the budget test holds, or null
 * when they are the same. Files the browser loaded beyond the closure are parts that load on first
 * use (ADR 016): expected, and named so their bytes are accounted for. Files of the closure that
 * the browser never loaded mean the closure no longer describes the page: then the budget test
 * measures the wrong files.
 */
export function manifestDifference(name: string, loaded: FileSet, fromManifest: FileSet): string | null {
  const loadedNames = new Set(loaded.files.map((file) => file.file));
  const closureNames = new Set(fromManifest.files.map((file) => file.file));
  const notLoaded = [...closureNames].filter((file) => !loadedNames.has(file)).sort();
  if (notLoaded.length > 0) {
    return (
      `${name}: the manifest closure that the budget test holds (${kb(fromManifest.gzip)}) lists files the browser did not load ` +
      `(${notLoaded.join(', ')}): the budget test may need the new chunk graph`
    );
  }
  const extra = loaded.files.filter((file) => !closureNames.has(file.file));
  if (extra.length === 0) return null;
  const extraBytes = extra.reduce((sum, file) => sum + file.gzip, 0);
  const names = extra.map((file) => `${file.file} ${kb(file.gzip)}`).sort();
  return (
    `${name}: the browser loaded ${kb(loaded.gzip)}, the ${kb(fromManifest.gzip)} that the budget test holds plus ` +
    `${kb(extraBytes)} loaded on first use by then (${names.join(', ')})`
  );
}
