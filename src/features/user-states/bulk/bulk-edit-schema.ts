import * as z from 'zod/mini';
import { userStateEditSchema } from '../api/schema';
import type { BulkTarget } from './plan';

/**
 * A count of the bulk edit: empty leaves it unchanged, anything else is checked by the very field
 * schema the form and the grid use (same messages), so a bulk value is valid exactly when a
 * single edit's would be.
 */
function optionalCount(field: 'successDeviceCount' | 'errorDeviceCount') {
  const count = userStateEditSchema.shape[field];
  return z.pipe(
    z.string(),
    z.transform((text, context): number | undefined => {
      if (text === '') return undefined;
      const parsed = count.safeParse(text);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) context.issues.push({ code: 'custom', message: issue.message, input: text });
      return undefined;
    }),
  );
}

export const bulkEditSchema = z.object({
  successDeviceCount: optionalCount('successDeviceCount'),
  errorDeviceCount: optionalCount('errorDeviceCount'),
});
export type BulkEditInput = z.input<typeof bulkEditSchema>;
export type BulkEditOutput = z.output<typeof bulkEditSchema>;

/** The dialog's values as the plan's target (absent: unchanged); null while a value is invalid. */
export function bulkTargetOf(values: Partial<BulkEditInput>): BulkTarget | null {
  const parsed = bulkEditSchema.safeParse({ successDeviceCount: values.successDeviceCount ?? '', errorDeviceCount: values.errorDeviceCount ?? '' });
  if (!parsed.success) return null;
  const target: BulkTarget = {};
  if (parsed.data.successDeviceCount !== undefined) target.successDeviceCount = parsed.data.successDeviceCount;
  if (parsed.data.errorDeviceCount !== undefined) target.errorDeviceCount = parsed.data.errorDeviceCount;
  return target;
}
