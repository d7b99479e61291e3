import { managedDeviceIdOf } from '../seed/devices.ts';
import { deviceStateCount } from '../seed/generate.ts';
import type { DerivedCache, RowView, ScriptRecord, Store, UserStateRecord } from '../store/store.ts';
import { deviceStatesOf, type DeviceStateRow } from './entities.ts';
import { QueryError } from './odata.ts';

// Device states (and the managed devices behind them) are derived from the user states, never
// stored. These indexes find them by position or id; each is built once per script and kept
// until the next write to that script, so a page costs a binary search plus the page itself.

/** At most this many device states of one script are generated at once (for $filter, $orderby, a lookup by id). */
export const MAX_GENERATED_DEVICE_STATES = 300_000;

interface Offsets {
  rows: RowView<UserStateRecord>;
  /** starts[i]: position of user state i's first device state; starts[rows.length] is the total. */
  starts: Float64Array;
}

const offsetsCache: DerivedCache<Offsets> = new WeakMap();
const allRowsCache: DerivedCache<DeviceStateRow[]> = new WeakMap();
const byIdCache: DerivedCache<Map<string, DeviceStateRow>> = new WeakMap();
const managedCache: DerivedCache<Map<string, { owner: UserStateRecord; index: number }>> = new WeakMap();

function offsets(store: Store, script: ScriptRecord): Offsets {
  return store.derived(script.id, offsetsCache, (rows) => {
    const starts = new Float64Array(rows.length + 1);
    for (let i = 0; i < rows.length; i += 1) starts[i + 1] = (starts[i] ?? 0) + deviceStateCount(script, rows.at(i));
    return { rows, starts };
  });
}

/** How many device states a script has, over all its user states. */
export function scriptDeviceStateCount(store: Store, script: ScriptRecord): number {
  const { starts } = offsets(store, script);
  return starts[starts.length - 1] ?? 0;
}

/** The user state that holds device position `at`, and the device's index within it. */
function locate(o: Offsets, at: number): { row: number; index: number } {
  let lo = 0;
  let hi = o.rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((o.starts[mid] ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return { row: lo, index: at - (o.starts[lo] ?? 0) };
}

/** A script's device states at positions [from, to), in user-state order then device index. */
export function scriptDeviceStates(store: Store, script: ScriptRecord, from: number, to: number): DeviceStateRow[] {
  const o = offsets(store, script);
  const total = o.starts[o.rows.length] ?? 0;
  const end = Math.min(total, to);
  const out: DeviceStateRow[] = [];
  if (from >= end) return out;
  let { row, index } = locate(o, from);
  while (out.length < end - from && row < o.rows.length) {
    const owner = o.rows.at(row);
    const left = end - from - out.length;
    out.push(...deviceStatesOf(owner, script, index, index + left));
    row += 1;
    index = 0;
  }
  return out;
}

function refuseTooMany(store: Store, script: ScriptRecord): void {
  if (scriptDeviceStateCount(store, script) > MAX_GENERATED_DEVICE_STATES) {
    throw new QueryError(`$filter, $orderby and reads by id on a script's deviceRunStates are supported up to ${MAX_GENERATED_DEVICE_STATES.toLocaleString('en-US')} device states.`);
  }
}

/** Every device state of a script (for $filter and $orderby), generated once per write. */
export function allScriptDeviceStates(store: Store, script: ScriptRecord): DeviceStateRow[] {
  refuseTooMany(store, script);
  return store.derived(script.id, allRowsCache, () => scriptDeviceStates(store, script, 0, Infinity));
}

export function findScriptDeviceState(store: Store, script: ScriptRecord, deviceStateId: string): DeviceStateRow | undefined {
  refuseTooMany(store, script);
  const byId = store.derived(script.id, byIdCache, () => new Map(allScriptDeviceStates(store, script).map((r) => [r.state.id, r])));
  return byId.get(deviceStateId.toLowerCase());
}

/** The managed devices of every script, in script order: how many there are. */
export function managedDeviceCount(store: Store): number {
  return store.listScripts().reduce((n, script) => n + scriptDeviceStateCount(store, script), 0);
}

/** Managed devices at positions [from, to) over all scripts: the devices behind their device states. */
export function managedDevicesAt(store: Store, from: number, to: number): DeviceStateRow[] {
  const out: DeviceStateRow[] = [];
  let base = 0;
  for (const script of store.listScripts()) {
    const count = scriptDeviceStateCount(store, script);
    if (from < base + count && to > base) out.push(...scriptDeviceStates(store, script, Math.max(0, from - base), to - base));
    base += count;
    if (base >= to) break;
  }
  return out;
}

/** The script, user state and device index behind a managed device id. */
export function findManagedDevice(store: Store, managedDeviceId: string): { script: ScriptRecord; owner: UserStateRecord; index: number } | undefined {
  const id = managedDeviceId.toLowerCase();
  for (const script of store.listScripts()) {
    const ids = store.derived(script.id, managedCache, (rows) => {
      const map = new Map<string, { owner: UserStateRecord; index: number }>();
      for (let i = 0; i < rows.length; i += 1) {
        const owner = rows.at(i);
        const count = deviceStateCount(script, owner);
        for (let index = 0; index < count; index += 1) map.set(managedDeviceIdOf(owner, index), { owner, index });
      }
      return map;
    });
    const found = ids.get(id);
    if (found) return { script, ...found };
  }
  return undefined;
}
