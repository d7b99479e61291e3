import type { CsvColumn } from '../../../lib/csv/csv-export';
import { revealHiddenCharacters } from '../../../lib/hidden-characters';
import type { DeviceState } from '../api/schema';
import { runStateLabels } from './run-state-label';

/**
 * The columns of a device-states export: Graph's property names, the status also in words. A
 * user's name shows its hidden characters as markers, as everywhere the app shows a name.
 */
export const deviceStateCsvColumns: readonly CsvColumn<DeviceState>[] = [
  { header: 'id', value: (state) => state.id },
  { header: 'deviceName', value: (state) => state.managedDevice?.deviceName },
  { header: 'operatingSystem', value: (state) => state.managedDevice?.operatingSystem },
  { header: 'osVersion', value: (state) => state.managedDevice?.osVersion },
  { header: 'userPrincipalName', value: (state) => revealHiddenCharacters(state.managedDevice?.userPrincipalName ?? '') },
  { header: 'runState', value: (state) => state.runState },
  { header: 'status', value: (state) => runStateLabels[state.runState] },
  { header: 'resultMessage', value: (state) => state.resultMessage },
  { header: 'errorCode', kind: 'number', value: (state) => state.errorCode },
  { header: 'errorDescription', value: (state) => state.errorDescription },
  { header: 'lastStateUpdateDateTime', value: (state) => state.lastStateUpdateDateTime },
];
