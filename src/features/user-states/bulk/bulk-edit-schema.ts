import { bulkEditSchema, type BulkEditInput } from '../api/schema';
import type { BulkTarget } from './plan';

/** The dialog's values as the plan's target (absent: unchanged); null while a value is invalid. */
export function bulkTargetOf(values: Partial<BulkEditInput>): BulkTarget | null {
  const parsed = bulkEditSchema.safeParse({ successDeviceCount: values.successDeviceCount ?? '', errorDeviceCount: values.errorDeviceCount ?? '' });
  if (!parsed.success) return null;
  const target: BulkTarget = {};
  if (parsed.data.successDeviceCount !== undefined) target.successDeviceCount = parsed.data.successDeviceCount;
  if (parsed.data.errorDeviceCount !== undefined) target.errorDeviceCount = parsed.data.errorDeviceCount;
  return target;
}
