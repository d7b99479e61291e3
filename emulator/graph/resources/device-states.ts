import { managedDeviceOf } from '../../seed/devices.ts';
import { deviceStateCount } from '../../seed/generate.ts';
import { DEVICE_READ_SCOPES, refuseWithoutScope } from '../auth.ts';
import { collection, pageOf } from '../collections.ts';
import { allScriptDeviceStates, findScriptDeviceState, scriptDeviceStateCount, scriptDeviceStates } from '../device-index.ts';
import { DEVICE_STATE_SCHEMA, deviceStateEntity, deviceStatesOf, managedDeviceEntity, type DeviceStateRow, type DeviceStateSortField, type ScriptKindInfo } from '../entities.ts';
import { parseManagedDeviceExpand, type ManagedDeviceExpansion } from '../expand.ts';
import { findScript, findUserState, notFound, odataContext, ok, scriptPath, selectSuffix, type Call } from '../handler.ts';
import { encodeSkipToken, nextLink, parseCollectionOptions, QueryError, type CollectionOptions } from '../odata.ts';

// Device run states of every script kind, derived from the user states' counts, never stored:
// `…/{scriptId}/deviceRunStates[/{id}]` (all users) and
// `…/{scriptId}/userRunStates/{userStateId}/deviceRunStates[/{id}]` (one user).

/** At most this many device states of one user state are generated for a query: more is refused for $filter/$orderby, and a single GET looks among the first that many. */
const MAX_QUERIED_DEVICE_STATES = 100_000;

type Options = CollectionOptions<DeviceStateRow, DeviceStateSortField>;

/**
 * What `$expand` asks for, or the answer to give instead: expanding `managedDevice` reads devices,
 * so it needs a device read permission; without one the whole request is refused with 403, as
 * reading `/managedDevices` would be.
 */
function expansionOf(call: Call, options: Options): { expansion: ManagedDeviceExpansion | undefined } | { response: Response } {
  if (options.expand === undefined) return { expansion: undefined };
  const expansion = parseManagedDeviceExpand(options.expand, DEVICE_STATE_SCHEMA.typeName);
  const refused = refuseWithoutScope(call.principal, DEVICE_READ_SCOPES, call.ids, {});
  if (refused) return { response: refused };
  return { expansion };
}

function toEntity(expansion: ManagedDeviceExpansion | undefined): (row: DeviceStateRow, select?: string[]) => object {
  return (row, select) => {
    const entity = deviceStateEntity(row, select);
    if (!expansion) return entity;
    return { ...entity, managedDevice: managedDeviceEntity(managedDeviceOf(row.script, row.owner, row.index), expansion.select) };
  };
}

/** The context URL's parentheses: `$select`, and an expanded navigation as `managedDevice(…)`. */
function contextSelect(options: Options, expansion: ManagedDeviceExpansion | undefined): string[] | undefined {
  if (!expansion) return options.select;
  return [...(options.select ?? []), `managedDevice(${(expansion.select ?? []).join(',')})`];
}

/** A page of derived device states: by position when nothing filters or sorts, else over all of them. */
function devicePage(call: Call, fragment: string, total: number, at: (from: number, to: number) => DeviceStateRow[], all: () => DeviceStateRow[]): Response {
  const options: Options = parseCollectionOptions(call.url, DEVICE_STATE_SCHEMA);
  const expanded = expansionOf(call, options);
  if ('response' in expanded) return expanded.response;
  const { expansion } = expanded;
  const entity = toEntity(expansion);
  if (!options.filter && options.orderBy.length === 0) {
    // Derived rows are generated for the page only, whatever the counts say.
    const start = Math.min(total, (options.offset ?? 0) + options.skip);
    const end = Math.min(total, start + options.top);
    const page = at(start, end).map((d) => entity(d, options.select));
    const next = end < total ? nextLink(call.publicOrigin, call.url, options.carried, encodeSkipToken({ offset: end })) : undefined;
    return collection(call, fragment, contextSelect(options, expansion), page, total, options.count, next);
  }
  return pageOf(call, all(), DEVICE_STATE_SCHEMA, options, entity, fragment, contextSelect(options, expansion));
}

/** One derived device state, with `$select` and `$expand`. */
function oneDeviceState(call: Call, fragment: string, row: DeviceStateRow | undefined): Response {
  const options: Options = parseCollectionOptions(call.url, { ...DEVICE_STATE_SCHEMA, allowed: new Set(['select', 'expand'] as const) });
  const expanded = expansionOf(call, options);
  if ('response' in expanded) return expanded.response;
  if (!row) return notFound(call.ids, 'deviceManagementScriptDeviceState', call.params.deviceStateId ?? '');
  return ok({
    '@odata.context': odataContext(call, `${fragment}${selectSuffix(contextSelect(options, expanded.expansion))}/$entity`),
    ...toEntity(expanded.expansion)(row, options.select),
  });
}

export function listUserDeviceStates(call: Call, kind: ScriptKindInfo): Response {
  const found = findUserState(call, kind);
  if ('response' in found) return found.response;
  const { script, row } = found;
  const total = deviceStateCount(script, row);
  const fragment = `${scriptPath(kind, script.id)}/userRunStates('${call.params.userStateId ?? ''}')/deviceRunStates`;
  return devicePage(
    call,
    fragment,
    total,
    (from, to) => deviceStatesOf(row, script, from, to),
    () => {
      if (total > MAX_QUERIED_DEVICE_STATES) throw new QueryError('$filter and $orderby on deviceRunStates are supported up to 100,000 device states.');
      return deviceStatesOf(row, script);
    },
  );
}

export function getUserDeviceState(call: Call, kind: ScriptKindInfo): Response {
  const found = findUserState(call, kind);
  if ('response' in found) return found.response;
  const { script, row } = found;
  const deviceStateId = (call.params.deviceStateId ?? '').toLowerCase();
  const total = Math.min(deviceStateCount(script, row), MAX_QUERIED_DEVICE_STATES);
  const device = deviceStatesOf(row, script, 0, total).find((d) => d.state.id === deviceStateId);
  return oneDeviceState(call, `${scriptPath(kind, script.id)}/userRunStates('${call.params.userStateId ?? ''}')/deviceRunStates`, device);
}

/** The script's device states over all its users, in user-state order. */
export function listScriptDeviceStates(call: Call, kind: ScriptKindInfo): Response {
  const found = findScript(call, kind);
  if ('response' in found) return found.response;
  const { script } = found;
  return devicePage(
    call,
    `${scriptPath(kind, script.id)}/deviceRunStates`,
    scriptDeviceStateCount(call.store, script),
    (from, to) => scriptDeviceStates(call.store, script, from, to),
    () => allScriptDeviceStates(call.store, script),
  );
}

export function getScriptDeviceState(call: Call, kind: ScriptKindInfo): Response {
  const found = findScript(call, kind);
  if ('response' in found) return found.response;
  const device = findScriptDeviceState(call.store, found.script, call.params.deviceStateId ?? '');
  return oneDeviceState(call, `${scriptPath(kind, found.script.id)}/deviceRunStates`, device);
}
