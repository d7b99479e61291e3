import { describe, expect, it } from 'vitest';
import { manifestDifference } from './assets.ts';
import type { FileSet } from './bundle-size.ts';

const set = (...files: Array<[string, number]>): FileSet => ({
  files: files.map(([file, gzip]) => ({ file, raw: gzip * 3, gzip })),
  raw: files.reduce((sum, [, gzip]) => sum + gzip * 3, 0),
  gzip: files.reduce((sum, [, gzip]) => sum + gzip, 0),
});

describe('manifestDifference', () => {
  const closure = set(['assets/main.js', 200_000], ['assets/scripts-route.js', 60_000]);

  it('says nothing when the browser loaded exactly the closure', () => {
    expect(manifestDifference('first screen', closure, closure)).toBeNull();
  });

  it('names the chunks loaded on first use beyond the closure, and their bytes', () => {
    const loaded = set(['assets/main.js', 200_000], ['assets/scripts-route.js', 60_000], ['assets/Tooltip.js', 11_100]);
    expect(manifestDifference('first screen', loaded, closure)).toBe(
      'first screen: the browser loaded 271.1 KB, the 260.0 KB that the budget test holds plus 11.1 KB loaded on first use by then (assets/Tooltip.js 11.1 KB)',
    );
  });

  it('warns that the budget test measures the wrong files when the browser did not load one of the closure', () => {
    const loaded = set(['assets/main.js', 200_000], ['assets/Tooltip.js', 11_100]);
    expect(manifestDifference('first screen', loaded, closure)).toBe(
      'first screen: the manifest closure that the budget test holds (260.0 KB) lists files the browser did not load (assets/scripts-route.js): the budget test may need the new chunk graph',
    );
  });
});
