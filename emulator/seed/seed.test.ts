import { describe, expect, it } from 'vitest';
import { createEmulator } from '../app.ts';
import {
  ALL_SCRIPT_IDS,
  BIG_SCRIPT_ID,
  DEFAULT_BIG_SCRIPT_SIZE,
  HOSTILE_SCRIPT_ID,
  HOSTILE_USER_STATES,
  KNOWN_USER_STATES,
  MAIN_SCRIPT_ID,
  MAIN_SCRIPT_USER_STATES,
  seededUserStateCount,
} from '../constants.ts';
import { upnProblem } from '../graph/validate.ts';
import { SCRIPT_DEFINITIONS } from './catalog.ts';
import { generateUserStates } from './generate.ts';

describe('seed', () => {
  it('is deterministic', () => {
    const definition = SCRIPT_DEFINITIONS.find((d) => d.id === MAIN_SCRIPT_ID);
    if (!definition) throw new Error('no main script');
    expect(generateUserStates(definition, 0)).toEqual(MAIN_SCRIPT_USER_STATES);
    expect(KNOWN_USER_STATES.first).toEqual(MAIN_SCRIPT_USER_STATES[0]);
  });

  it('gives the main script 40 plausible, valid, unique UPNs', () => {
    expect(MAIN_SCRIPT_USER_STATES).toHaveLength(40);
    expect(new Set(MAIN_SCRIPT_USER_STATES.map((s) => s.userPrincipalName)).size).toBe(40);
    for (const state of MAIN_SCRIPT_USER_STATES) {
      expect(state.userPrincipalName).toMatch(/^[a-z'-]+\.[a-z'-]+\d*@contoso\.onmicrosoft\.com$/);
      expect(upnProblem(state.userPrincipalName)).toBeNull();
    }
    expect(KNOWN_USER_STATES.withErrors.errorDeviceCount).toBeGreaterThan(0);
  });

  it('puts the hostile UPNs only in the hostile script', () => {
    expect(HOSTILE_USER_STATES.map((s) => s.userPrincipalName)).toEqual(expect.arrayContaining(['<img src=x onerror=alert(1)>@contoso.onmicrosoft.com', '<script>alert(1)</script>']));
    for (const state of HOSTILE_USER_STATES) expect(upnProblem(state.userPrincipalName)).not.toBeNull();
    const hostile = SCRIPT_DEFINITIONS.find((d) => d.id === HOSTILE_SCRIPT_ID);
    if (!hostile) throw new Error('no hostile script');
    expect(generateUserStates(hostile, 0).slice(-HOSTILE_USER_STATES.length)).toEqual(HOSTILE_USER_STATES);
    for (const definition of SCRIPT_DEFINITIONS.filter((d) => d.id !== HOSTILE_SCRIPT_ID && d.id !== BIG_SCRIPT_ID)) {
      expect(generateUserStates(definition, 0).every((s) => upnProblem(s.userPrincipalName) === null)).toBe(true);
    }
  });

  it('starts with 100,000 user states in the big script and serves a page of them', async () => {
    const started = performance.now();
    const emulator = await createEmulator({ throttle: false });
    const startup = performance.now() - started;
    expect(emulator.store.countUserStates(BIG_SCRIPT_ID)).toBe(DEFAULT_BIG_SCRIPT_SIZE);
    expect(ALL_SCRIPT_IDS.map((id) => emulator.store.countUserStates(id))).toEqual(ALL_SCRIPT_IDS.map((id) => seededUserStateCount(id)));
    const page = emulator.store.queryUserStates(BIG_SCRIPT_ID, { orderBy: [], skip: 0, top: 1000 });
    expect(page.rows).toHaveLength(1000);
    expect(page.total).toBe(100_000);
    const last = emulator.store.queryUserStates(BIG_SCRIPT_ID, { orderBy: [], skip: 99_990, top: 1000 });
    expect(last.rows).toHaveLength(10);
    expect(last.next).toBeUndefined();
    // Reported, not asserted: timings belong to the bench, not to the test suite.
    console.info(`emulator start-up with 100,000 user states: ${Math.round(startup)} ms`);
    await emulator.close();
  });
});
