/** The profile's attribution (bench/cpu-profile.ts), on hand-made profiles: no browser, no build. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attribute, sourceGroup, type CpuProfile } from './cpu-profile.ts';

const origin = 'http://localhost:5173';
let outDir = '';

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'cpu-profile-test-'));
  await mkdir(join(outDir, 'assets'));
  // One generated line: column 0 comes from react-dom, column 10 from the app's user-states page.
  const map = {
    version: 3,
    sources: [
      '../node_modules/react-dom/cjs/react-dom-client.production.js',
      '../src/features/user-states/components/page.tsx',
    ],
    names: [],
    mappings: 'AAAA,UCAA',
  };
  await writeFile(join(outDir, 'assets', 'main.js.map'), JSON.stringify(map));
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

function frame(id: number, functionName: string, url = '', columnNumber = 0, lineNumber = 0) {
  return { id, callFrame: { functionName, url, lineNumber, columnNumber } };
}

describe('sourceGroup', () => {
  it('names a package of node_modules, with its scope', () => {
    expect(sourceGroup('../node_modules/@mui/x-data-grid/components/GridRow.mjs')).toBe('@mui/x-data-grid');
    expect(sourceGroup('../node_modules/react-dom/cjs/react-dom-client.production.js')).toBe('react-dom');
  });

  it('names a feature or a lib module of src/, and other folders of src/ by their first level', () => {
    expect(sourceGroup('../src/features/user-states/components/page.tsx')).toBe('src/features/user-states');
    expect(sourceGroup('../src/lib/graph/batch.ts')).toBe('src/lib/graph');
    expect(sourceGroup('../src/app/layout.tsx')).toBe('src/app');
    expect(sourceGroup('../src/main.tsx')).toBe('src/main');
  });
});

describe('attribute', () => {
  it('gives each sample the gap to the next one, by the source of the function on top, and leaves idle out', async () => {
    const profile: CpuProfile = {
      nodes: [
        frame(1, '(root)'),
        frame(2, '(idle)'),
        frame(3, '(program)'),
        frame(4, 'commitRoot', `${origin}/assets/main.js`, 0),
        frame(5, 'UserStatesPage', `${origin}/assets/main.js`, 10),
        frame(6, '', `${origin}/assets/main.js`, 0, -1),
        frame(7, 'getBoundingClientRect'),
        frame(8, 'x', 'http://localhost:5174/beta/x.js'),
      ],
      startTime: 0,
      endTime: 10_000,
      samples: [2, 3, 4, 4, 5, 6, 7, 8, 2],
      // µs; each sample's time is the next entry's delta.
      timeDeltas: [0, 5000, 1000, 2000, 3000, 4000, 500, 700, 800],
    };
    const { busyMs, groups } = await attribute(profile, outDir, origin);
    expect(groups).toEqual([
      { group: 'react-dom', ms: 5 },
      { group: 'src/features/user-states', ms: 4 },
      { group: '(program)', ms: 1 },
      { group: 'other scripts', ms: 0.8 },
      { group: '(native)', ms: 0.7 },
      { group: 'app (chunk evaluation)', ms: 0.5 },
    ]);
    expect(busyMs).toBeCloseTo(12);
  });
});
