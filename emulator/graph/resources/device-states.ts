import { collection, singleSelect, smallPage } from '../collections.ts';
import { DEVICE_STATE_SCHEMA, deviceStateEntity, deviceStatesOf } from '../entities.ts';
import { findUserState, notFound, odataContext, ok, selectSuffix, type Call } from '../handler.ts';
import { encodeSkipToken, nextLink, parseCollectionOptions, QueryError } from '../odata.ts';

// `…/userRunStates/{userStateId}/deviceRunStates` and `…/{deviceStateId}`: derived from the user
// state's counts, never stored.

/** At most this many device states of one user state are generated for a query: more is refused for $filter/$orderby, and a single GET looks among the first that many. */
const MAX_QUERIED_DEVICE_STATES = 100_000;

export function listDeviceStates(call: Call): Response {
  const found = findUserState(call);
  if ('response' in found) return found.response;
  const { script, row } = found;
  const total = row.successDeviceCount + row.errorDeviceCount;
  const fragment = `deviceManagement/deviceManagementScripts('${script.id}')/userRunStates('${call.params.userStateId ?? ''}')/deviceRunStates`;
  const options = parseCollectionOptions(call.url, DEVICE_STATE_SCHEMA);
  if (!options.filter && options.orderBy.length === 0) {
    // Derived rows are generated for the page only, whatever the counts say.
    const start = Math.min(total, (options.offset ?? 0) + options.skip);
    const end = Math.min(total, start + options.top);
    const page = deviceStatesOf(row, script, start, end).map((d) => deviceStateEntity(d, options.select));
    const next = end < total ? nextLink(call.publicOrigin, call.url, options.carried, encodeSkipToken({ offset: end })) : undefined;
    return collection(call, fragment, options.select, page, total, options.count, next);
  }
  if (total > MAX_QUERIED_DEVICE_STATES) throw new QueryError('$filter and $orderby on deviceRunStates are supported up to 100,000 device states.');
  return smallPage(call, deviceStatesOf(row, script), DEVICE_STATE_SCHEMA, deviceStateEntity, fragment);
}

export function getDeviceState(call: Call): Response {
  const found = findUserState(call);
  if ('response' in found) return found.response;
  const { script, row } = found;
  const deviceStateId = (call.params.deviceStateId ?? '').toLowerCase();
  const total = Math.min(row.successDeviceCount + row.errorDeviceCount, MAX_QUERIED_DEVICE_STATES);
  const device = deviceStatesOf(row, script, 0, total).find((d) => d.id === deviceStateId);
  if (!device) return notFound(call.ids, 'deviceManagementScriptDeviceState', call.params.deviceStateId ?? '');
  const select = singleSelect(call, DEVICE_STATE_SCHEMA);
  return ok({
    '@odata.context': odataContext(call, `deviceManagement/deviceManagementScripts('${script.id}')/userRunStates('${call.params.userStateId ?? ''}')/deviceRunStates${selectSuffix(select)}/$entity`),
    ...deviceStateEntity(device, select),
  });
}
