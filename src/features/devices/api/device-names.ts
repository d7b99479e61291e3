import type { GraphClient } from '../../../lib/graph/graph-client';
import { isGraphError } from '../../../lib/graph/graph-error';
import { deviceReadScope } from '../../../lib/auth/scopes';
import { deviceStatesPageSchema, type DeviceState } from './schema';

/** What a device table shows of a managed device; the UPN leads to the user's record. */
export const deviceExpand = '$expand=managedDevice($select=deviceName,operatingSystem,osVersion,userPrincipalName)';

export interface DeviceStatesPage {
  states: DeviceState[];
  nextLink: string | null;
  devicesShown: boolean;
}

function withQuery(path: string, query: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${query}`;
}

/**
 * One page of device states, with device names when the account may read managed devices. Graph
 * refuses the expansion as a whole without that permission (403), and the token provider answers
 * the same way when consent for it is missing; the states themselves need only the script scope,
 * so the page is read again without the devices.
 */
export async function fetchDeviceStatesPage(
  client: GraphClient,
  path: string,
  signal: AbortSignal,
): Promise<DeviceStatesPage> {
  try {
    const page = await client.get(withQuery(path, deviceExpand), deviceStatesPageSchema, { signal, extraScopes: [deviceReadScope] });
    return { states: page.value, nextLink: page['@odata.nextLink'] ?? null, devicesShown: true };
  } catch (error) {
    if (!isGraphError(error) || error.status !== 403) throw error;
  }
  const page = await client.get(path, deviceStatesPageSchema, { signal });
  return { states: page.value, nextLink: page['@odata.nextLink'] ?? null, devicesShown: false };
}

/** A later page: its nextLink already carries (or lacks) the expansion of the first. */
export async function fetchNextDeviceStatesPage(
  client: GraphClient,
  nextLink: string,
  devicesShown: boolean,
  signal: AbortSignal,
): Promise<DeviceStatesPage> {
  const page = await client.get(nextLink, deviceStatesPageSchema, devicesShown ? { signal, extraScopes: [deviceReadScope] } : { signal });
  return { states: page.value, nextLink: page['@odata.nextLink'] ?? null, devicesShown };
}
