import type { UserState, UserStateChanges } from '../../api/schema';
import type { BulkPlan } from '../plan';

/**
 * The one place where an import's "Apply" hands over its plan (only the changes of valid lines).
 * The bulk job of issue 11 (point 3: `$batch`, Intune's pace, its own panel) takes a BulkPlan and
 * belongs here once it is part of the app. Until then each change goes through the page's single
 * save, which re-reads the row first and reports a conflicting change instead of overwriting it.
 */
export function applyImportPlan(plan: BulkPlan, saveOne: (before: UserState, changes: UserStateChanges) => void): void {
  for (const { before, changes } of plan.changes) saveOne(before, changes);
}
