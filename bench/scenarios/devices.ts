/**
 * A record's device table: open the first row's record by its URL, then time the form shown →
 * the first row of the "Devices" table, against one Graph round trip (the table's own
 * deviceRunStates request, fetch() called → headers). Both marks are read in the page at
 * animation-frame resolution.
 */
import { units, type Metric } from '../metrics.ts';
import { defineScenario, userStatesGrid, type RunSession } from '../scenario.ts';
import { ms, spread, type Spread } from '../stats.ts';
import { targets } from '../targets.ts';

export interface DevicesSample {
  devicesAfterFormMs: number;
  deviceRoundTripMs: number;
}

export interface DevicesSummary {
  devices: { afterForm: Spread; roundTrip: Spread; ratio: Spread };
}

/** Resolves with the page's clock at the first frame where `selector` matches. */
async function shownAt({ page }: RunSession, selector: string): Promise<number> {
  const handle = await page.waitForFunction((css) => (document.querySelector(css) === null ? false : performance.now()), selector, {
    polling: 'raf',
    timeout: 30_000,
  });
  return (await handle.jsonValue()) as number;
}

async function measure(session: RunSession): Promise<DevicesSample> {
  const { page, probe } = session;
  const firstRowId = await page.locator(`${userStatesGrid} [role="row"][data-id]`).first().getAttribute('data-id');
  if (firstRowId === null) throw new Error('the grid shows no row to open');
  const list = new URL(page.url());
  await page.goto(`${list.origin}${list.pathname}/${encodeURIComponent(firstRowId)}`);
  const formShown = await shownAt(session, 'form input[name="successDeviceCount"]');
  const firstDevice = await shownAt(session, 'table[aria-label="Devices"] tbody tr');
  const state = await probe.read();
  const deviceFetch = state.fetches.find((entry) => /\/deviceRunStates/.test(entry.url) && entry.end !== null);
  if (deviceFetch?.end == null) throw new Error('the record page sent no deviceRunStates request');
  return { devicesAfterFormMs: firstDevice - formShown, deviceRoundTripMs: deviceFetch.end - deviceFetch.start };
}

export const devicesMetrics: ReadonlyArray<Metric<DevicesSummary>> = [
  {
    section: () => 'Device table of a record',
    label: 'Form shown → first device row painted',
    unit: units.ms,
    value: (s) => s.devices.afterForm.median,
    spread: (s) => s.devices.afterForm,
  },
  {
    label: 'One Graph round trip (the deviceRunStates request)',
    unit: units.ms,
    value: (s) => s.devices.roundTrip.median,
    spread: (s) => s.devices.roundTrip,
  },
  {
    label: 'First device row ÷ Graph round trip',
    unit: units.ratio,
    value: (s) => s.devices.ratio.median,
    spread: (s) => s.devices.ratio,
    target: { atMost: targets.devicesRatio },
  },
];

export const devices = defineScenario('devices', {
  measure,
  brief: (sample: DevicesSample) => [`devices ${ms(sample.devicesAfterFormMs)}`],
  summarize: (runs: readonly DevicesSample[]) => ({
    devices: {
      afterForm: spread(runs.map((run) => run.devicesAfterFormMs)),
      roundTrip: spread(runs.map((run) => run.deviceRoundTripMs)),
      ratio: spread(runs.map((run) => run.devicesAfterFormMs / run.deviceRoundTripMs)),
    },
  }),
  metrics: devicesMetrics,
});
