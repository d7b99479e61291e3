import { z } from 'zod';

const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

/** deviceManagementScript, the properties this app shows (scriptContent is never fetched). */
export const scriptSchema = z.object({
  id: z.string(),
  displayName: optionalText,
  description: optionalText,
  runAsAccount: optionalText,
  lastModifiedDateTime: optionalText,
});
export type Script = z.output<typeof scriptSchema>;

export const scriptSelect = '$select=id,displayName,description,runAsAccount,lastModifiedDateTime';

/** deviceManagementScriptRunSummary. */
export const runSummarySchema = z.object({
  successDeviceCount: z.number().int().nullish(),
  errorDeviceCount: z.number().int().nullish(),
  successUserCount: z.number().int().nullish(),
  errorUserCount: z.number().int().nullish(),
});
export type RunSummary = z.output<typeof runSummarySchema>;
