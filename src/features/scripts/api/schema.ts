import * as z from 'zod/mini';

const optionalText = z.pipe(
  z.nullish(z.string()),
  z.transform((value) => value ?? ''),
);

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
  successDeviceCount: z.nullish(z.int()),
  errorDeviceCount: z.nullish(z.int()),
  successUserCount: z.nullish(z.int()),
  errorUserCount: z.nullish(z.int()),
});
export type RunSummary = z.output<typeof runSummarySchema>;
