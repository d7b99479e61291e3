/**
 * The record page's sections under the form, one chunk loaded after the form: the devices and the
 * history each ask for a permission of their own and share most of their UI code, which the
 * bundler would otherwise split out of the chunks the first screen and the grid load.
 */
export { UserStateDevices } from '../../features/devices/components/user-state-devices';
export { RecordHistory } from '../../features/history/components/record-history';
