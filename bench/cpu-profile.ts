/**
 * `npm run bench -- --profile <dir>`: a Chromium CPU profile of each scenario of each run, and
 * where its time went by source (issue 14: find where the time goes before changing code).
 *
 * The profiler samples the page's main thread; each sample's time goes to the function on top of
 * the stack ("self time"), which the bench build's source maps (written beside the chunks, never
 * referenced by them, so the bytes the browser loads do not change) turn into a source file. Files
 * are grouped as a reader would: a package of node_modules, or a folder of src/. "(program)" is the
 * browser's own work outside JavaScript (style, layout, paint, parsing), "(garbage collector)" is GC.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { Page } from '@playwright/test';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}

/** The Chromium DevTools protocol's Profiler.Profile, the parts read here. */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Starts sampling the page's main thread; the returned function stops and gives the profile. */
export async function startCpuProfile(page: Page): Promise<() => Promise<CpuProfile>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  // 200 µs: fine enough for a 16 ms frame, coarse enough not to slow the page noticeably.
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    return profile as CpuProfile;
  };
}

/** "react-dom", "@mui/x-data-grid", "src/features/user-states", … for one original source path. */
export function sourceGroup(source: string): string {
  const modules = source.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const [scope = '', name = ''] = source.slice(modules + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  const src = source.indexOf('src/');
  if (src !== -1) {
    const parts = source.slice(src).split('/');
    // src/features/<feature>, src/lib/<module>, src/app, …: deep enough to point at an owner.
    return parts.slice(0, parts[1] === 'features' || parts[1] === 'lib' ? 3 : 2).join('/').replace(/\.[jt]sx?$/, '');
  }
  return source;
}

/** Maps each frame of the app's chunks to its source group, with the maps of the built files in `outDir`. */
async function sourceLocator(frames: CallFrame[], outDir: string, appOrigin: string): Promise<(frame: CallFrame) => string> {
  const maps = new Map<string, TraceMap | null>();
  for (const url of new Set(frames.map((frame) => frame.url))) {
    if (!url.startsWith(appOrigin)) continue;
    const text = await readFile(join(outDir, `${new URL(url).pathname}.map`), 'utf8').catch(() => null);
    maps.set(url, text === null ? null : new TraceMap(text));
  }
  return (frame) => {
    if (frame.url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
    if (!frame.url.startsWith(appOrigin)) return 'other scripts';
    const map = maps.get(frame.url);
    if (map === undefined || map === null) return 'app (no source map)';
    // -1: a chunk's own top-level code, not a function in it.
    if (frame.lineNumber < 0) return 'app (chunk evaluation)';
    const { source } = originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber });
    return source === null ? 'app (unmapped)' : sourceGroup(source);
  };
}

export interface Attribution {
  /** Milliseconds of samples, idle excluded. */
  busyMs: number;
  /** Self time per group, largest first. */
  groups: Array<{ group: string; ms: number }>;
}

/** Self time per source group over the whole profile. */
export async function attribute(profile: CpuProfile, outDir: string, appOrigin: string): Promise<Attribution> {
  const locate = await sourceLocator(profile.nodes.map((node) => node.callFrame), outDir, appOrigin);
  const groupOfNode = new Map(profile.nodes.map((node) => [node.id, locate(node.callFrame)]));
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // A sample's time is the gap to the next sample (the delta recorded with the next one).
  for (let index = 0; index < samples.length; index += 1) {
    const group = groupOfNode.get(samples[index] as number) ?? '(unknown)';
    const ms = (deltas[index + 1] ?? 0) / 1000;
    totals.set(group, (totals.get(group) ?? 0) + ms);
  }
  totals.delete('(idle)');
  const groups = [...totals].map(([group, ms]) => ({ group, ms })).sort((a, b) => b.ms - a.ms);
  return { busyMs: groups.reduce((sum, entry) => sum + entry.ms, 0), groups };
}

/** Writes the profile (open it in Chromium's DevTools, Performance panel) and its attribution. */
export async function saveCpuProfile(
  profile: CpuProfile,
  { dir, name, outDir, appOrigin }: { dir: string; name: string; outDir: string; appOrigin: string },
): Promise<string> {
  await writeFile(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
  const { busyMs, groups } = await attribute(profile, outDir, appOrigin);
  const lines = groups
    .filter((entry) => entry.ms >= 0.5)
    .map((entry) => `${entry.ms.toFixed(1).padStart(9)} ms  ${((entry.ms / busyMs) * 100).toFixed(1).padStart(5)}%  ${entry.group}`);
  const text = `${name}: ${busyMs.toFixed(0)} ms on the main thread (idle excluded), self time by source\n${lines.join('\n')}\n`;
  await writeFile(join(dir, `${name}.txt`), text);
  return text;
}
