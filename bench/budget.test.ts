/**
 * Byte budgets (issue #5) that cannot drift: builds the production bundle as `npm start` does and
 * fails when the first screen or the user-states route ships more gzip JS+CSS than its budget.
 * Sizes come from the build alone (bench/bundle-size.ts), so this is deterministic; the timings of
 * `npm run bench` are never asserted anywhere.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouteSizes, budgets, buildApp, kb, type AppRouteSizes, type FileSet } from './bundle-size.ts';

let outDir = '';
let sizes: AppRouteSizes;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'bundle-budget-'));
  await buildApp(outDir);
  sizes = await appRouteSizes(outDir);
}, 120_000);

afterAll(async () => {
  if (outDir !== '') await rm(outDir, { recursive: true, force: true });
});

function breakdown(name: string, set: FileSet, budget: number): string {
  const lines = set.files
    .slice()
    .sort((a, b) => b.gzip - a.gzip)
    .map((file) => `  ${kb(file.gzip).padStart(10)}  ${file.file}`);
  return `${name}: ${kb(set.gzip)} gzip, budget ${kb(budget)} (over by ${kb(Math.max(0, set.gzip - budget))})\n${lines.join('\n')}`;
}

describe('bundle budgets (gzip JS+CSS)', () => {
  it(`first screen (entry + scripts route) stays within ${kb(budgets.firstScreen)}`, () => {
    expect(sizes.firstScreen.files.length).toBeGreaterThan(0);
    expect(
      sizes.firstScreen.gzip,
      breakdown('first screen', sizes.firstScreen, budgets.firstScreen),
    ).toBeLessThanOrEqual(budgets.firstScreen);
  });

  it(`user-states route (entry + route chunks) stays within ${kb(budgets.userStatesRoute)}`, () => {
    expect(sizes.userStatesRoute.files.length).toBeGreaterThan(0);
    expect(
      sizes.userStatesRoute.gzip,
      breakdown('user-states route', sizes.userStatesRoute, budgets.userStatesRoute),
    ).toBeLessThanOrEqual(budgets.userStatesRoute);
  });
});
