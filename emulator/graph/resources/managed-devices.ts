import { managedDeviceOf } from '../../seed/devices.ts';
import { collection, singleSelect } from '../collections.ts';
import { findManagedDevice, managedDeviceCount, managedDevicesAt } from '../device-index.ts';
import { MANAGED_DEVICE_SCHEMA, managedDeviceEntity } from '../entities.ts';
import { notFound, odataContext, ok, selectSuffix, type Call } from '../handler.ts';
import { encodeSkipToken, nextLink, parseCollectionOptions } from '../odata.ts';

// `deviceManagement/managedDevices` and `…/{managedDeviceId}`: the devices behind every script's
// device states, derived like them (one device per device state), in script order.

export function listManagedDevices(call: Call): Response {
  const options = parseCollectionOptions(call.url, MANAGED_DEVICE_SCHEMA);
  const total = managedDeviceCount(call.store);
  const start = Math.min(total, (options.offset ?? 0) + options.skip);
  const end = Math.min(total, start + options.top);
  const page = managedDevicesAt(call.store, start, end).map((d) => managedDeviceEntity(managedDeviceOf(d.script, d.owner, d.index), options.select));
  const next = end < total ? nextLink(call.publicOrigin, call.url, options.carried, encodeSkipToken({ offset: end })) : undefined;
  return collection(call, 'deviceManagement/managedDevices', options.select, page, total, options.count, next);
}

export function getManagedDevice(call: Call): Response {
  const select = singleSelect(call, MANAGED_DEVICE_SCHEMA);
  const id = call.params.managedDeviceId ?? '';
  const found = findManagedDevice(call.store, id);
  if (!found) return notFound(call.ids, 'managedDevice', id);
  return ok({
    '@odata.context': odataContext(call, `deviceManagement/managedDevices${selectSuffix(select)}/$entity`),
    ...managedDeviceEntity(managedDeviceOf(found.script, found.owner, found.index), select),
  });
}
