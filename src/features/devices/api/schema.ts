import * as z from 'zod/mini';

const optionalText = z.pipe(
  z.nullish(z.string()),
  z.transform((value) => value ?? ''),
);

/** runState of deviceManagementScriptDeviceState; anything newer reads as unknown. */
export const runStates = ['success', 'fail', 'scriptError', 'pending', 'notApplicable', 'unknown'] as const;
export type RunState = (typeof runStates)[number];

const runStateSchema = z.pipe(
  z.nullish(z.string()),
  z.transform((value): RunState => runStates.find((known) => known === value) ?? 'unknown'),
);

/** The managedDevice navigation, as far as `$expand=managedDevice($select=…)` brings it. */
const managedDeviceSchema = z.object({
  id: z.string(),
  deviceName: optionalText,
  operatingSystem: optionalText,
  osVersion: optionalText,
  userPrincipalName: optionalText,
});

/** deviceManagementScriptDeviceState. */
export const deviceStateSchema = z.object({
  id: z.string(),
  runState: runStateSchema,
  resultMessage: optionalText,
  lastStateUpdateDateTime: optionalText,
  errorCode: z.nullish(z.int()),
  errorDescription: optionalText,
  managedDevice: z.nullish(managedDeviceSchema),
});
export type DeviceState = z.output<typeof deviceStateSchema>;

/** One page of a deviceRunStates collection. */
export const deviceStatesPageSchema = z.object({
  value: z.array(deviceStateSchema),
  '@odata.nextLink': z.optional(z.string()),
});

/** A set of device states and whether Graph let this account see the devices behind them. */
export interface DeviceStates {
  states: DeviceState[];
  /** False when the token lacks the device read permission: states without device names. */
  devicesShown: boolean;
}
