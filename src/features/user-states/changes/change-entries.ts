import type { ScriptKind } from '../../../lib/script-kinds';
import { editableFields, type EditableField, type UserStateChanges } from '../api/schema';
import type { UpdateUserStateVariables } from '../api/update-user-state';
import type { BulkPlan } from '../bulk/plan';
import type { ConfirmedEdit } from '../cache/edit-coordinator';

/**
 * One entry of the session's change log: the rows one save (or one bulk job) wrote, as the
 * Changes panel lists and undoes it.
 */
export interface ChangeEntry {
  changeId: string;
  /** When Graph answered the entry's last row. */
  at: number;
  edits: readonly ConfirmedEdit[];
  /** The entry this one undid, if it is an undo. */
  undoes: string | undefined;
}

/** An edit logged without an entry id is an entry of its own. */
export function changeIdOf(edit: ConfirmedEdit): string {
  return edit.changeId ?? `${edit.scriptKind}/${edit.scriptId}/${edit.stateId}@${edit.at}`;
}

/** The log's entries, newest first. */
export function changeEntries(log: readonly ConfirmedEdit[]): ChangeEntry[] {
  const entries = new Map<string, ConfirmedEdit[]>();
  for (const edit of log) {
    const id = changeIdOf(edit);
    entries.set(id, [...(entries.get(id) ?? []), edit]);
  }
  return [...entries]
    .map(([changeId, edits]) => ({ changeId, edits, at: Math.max(...edits.map((edit) => edit.at)), undoes: edits[0]?.undoes }))
    .sort((a, b) => b.at - a.at);
}

/**
 * Whether the page of this script can undo the entry. One row can be undone from any page (its
 * save names its own script). An entry of many rows is undone as a bulk job, and a job runs on
 * the page's script: another script's entry is undone from that script's page.
 */
export function undoableOn(entry: Pick<ChangeEntry, 'edits'>, kind: ScriptKind, scriptId: string): boolean {
  return entry.edits.length <= 1 || entry.edits.every((edit) => edit.scriptKind === kind && edit.scriptId === scriptId);
}

/** The fields an edit wrote, in the form's order. */
export function writtenFields(edit: ConfirmedEdit): EditableField[] {
  return editableFields.filter((field) => edit.written[field] !== undefined);
}

/** What an edit's written fields held before it: the body of its undo. */
function previousValues(edit: ConfirmedEdit): UserStateChanges {
  const changes: UserStateChanges = {};
  for (const field of writtenFields(edit)) Object.assign(changes, { [field]: edit.before[field] });
  return changes;
}

/**
 * The compensating saves that undo an entry, one per row: write back each written field's value
 * from before, checked against what the entry's save left (Graph's answer), so a row someone
 * changed since is not overwritten (ADR 012).
 */
export function undoSaves(log: readonly ConfirmedEdit[], changeId: string): UpdateUserStateVariables[] {
  return log
    .filter((edit) => changeIdOf(edit) === changeId)
    .map((edit) => ({ scriptKind: edit.scriptKind, scriptId: edit.scriptId, original: edit.after, changes: previousValues(edit), undoOf: changeId }));
}


/**
 * The undo of an entry as a bulk job's plan: each row goes back to its values from before, and
 * the job's conflict check compares Graph's row with what the entry left (Graph's answer to it),
 * so a row someone changed since ends as a conflict instead of being overwritten.
 */
export function undoPlan(log: readonly ConfirmedEdit[], changeId: string): BulkPlan {
  const plan: BulkPlan = { changes: [], skipped: [] };
  for (const edit of log) {
    if (changeIdOf(edit) !== changeId) continue;
    const changes = previousValues(edit);
    plan.changes.push({ before: edit.after, after: { ...edit.after, ...changes }, changes });
  }
  return plan;
}
