import * as z from 'zod/mini';
import { scriptKinds, type ScriptKind } from '../../../lib/script-kinds';
import { readSessionJson, removeSessionValue, writeSessionJson } from '../../../lib/session-json';
import {
  editableFields,
  userStateEditSchema,
  userStateSchema,
  toEditInput,
  type UserState,
  type UserStateChanges,
} from '../api/schema';
import type { UpdateUserStateVariables } from '../api/update-user-state';

/**
 * Everything the user typed and has not saved, kept in this tab's sessionStorage so it survives a
 * reload or the sign-in round trip (docs/decisions/006-sign-in-and-deep-links.md). One list, one
 * schema; each entry is one record the user was editing:
 * - `form`: the form's values, written as the user types;
 * - `open-row`: a grid row left in inline edit when MSAL had to navigate away;
 * - `unsent-save`: a save that was on its way then. It is offered again, never sent unasked.
 * `baseline` is the record as the user saw it when they started (the conflict check compares
 * Graph against it).
 */
const draftsKey = 'intune-states.drafts';

/** What was typed, field by field: the edit schema's fields, as text (it may not be valid yet). */
const draftValuesSchema = z.partialRecord(z.keyof(userStateEditSchema), z.string());
export type DraftValues = z.infer<typeof draftValuesSchema>;

const draftSchema = z.object({
  kind: z.enum(['form', 'open-row', 'unsent-save']),
  // Drafts kept before scripts had kinds were all of Windows scripts. (A pipe, not zod's default: the
  // first screen already ships pipe and transform, and zod's code is shared with it.)
  scriptKind: z.pipe(
    z.optional(z.enum(scriptKinds.map((info) => info.id))),
    z.transform((kind): ScriptKind => kind ?? 'deviceManagementScripts'),
  ),
  scriptId: z.string(),
  baseline: userStateSchema,
  values: draftValuesSchema,
  overwrite: z.optional(z.boolean()),
});
export type Draft = z.infer<typeof draftSchema>;
export type DraftKind = Draft['kind'];

/** A grid row to open in edit mode with this text, checked against this baseline. */
export type RowDraft = Pick<Draft, 'baseline' | 'values'>;

function readAll(): Draft[] {
  return readSessionJson(draftsKey, z.array(draftSchema)) ?? [];
}

function sameRecord(a: Draft, b: Draft): boolean {
  return a.kind === b.kind && sameScript(a, b.scriptKind, b.scriptId) && a.baseline.id === b.baseline.id;
}

function sameScript(draft: Draft, scriptKind: ScriptKind, scriptId: string): boolean {
  return draft.scriptKind === scriptKind && draft.scriptId === scriptId;
}

/** Keeps `drafts`, each replacing an older one of the same kind and record. Storage full or disabled: nothing more can be done. */
export function keepDrafts(drafts: readonly Draft[]): void {
  if (drafts.length === 0) return;
  const rest = readAll().filter((old) => !drafts.some((draft) => sameRecord(old, draft)));
  writeSessionJson(draftsKey, [...rest, ...drafts]);
}

/** The one way back: takes (reads and forgets) the drafts `matches` selects; the others stay. */
export function takeDrafts(matches: (draft: Draft) => boolean): Draft[] {
  const all = readAll();
  const taken = all.filter(matches);
  if (taken.length === 0) return taken;
  const rest = all.filter((draft) => !matches(draft));
  if (rest.length > 0) writeSessionJson(draftsKey, rest);
  else removeSessionValue(draftsKey);
  return taken;
}

export function forgetDraft(kind: DraftKind, scriptKind: ScriptKind, scriptId: string, stateId: string): void {
  takeDrafts((draft) => draft.kind === kind && sameScript(draft, scriptKind, scriptId) && draft.baseline.id === stateId);
}

export function textOf(changes: UserStateChanges): DraftValues {
  const values: DraftValues = {};
  for (const field of editableFields) if (changes[field] !== undefined) values[field] = String(changes[field]);
  return values;
}

/** The PATCH body a draft stands for; null while its text is not valid. */
export function changesOf(baseline: UserState, values: DraftValues): UserStateChanges | null {
  const parsed = userStateEditSchema.safeParse({ ...toEditInput(baseline), ...values });
  if (!parsed.success) return null;
  const changes: UserStateChanges = {};
  for (const field of editableFields) if (values[field] !== undefined) Object.assign(changes, { [field]: parsed.data[field] });
  return changes;
}

export function unsentSaveDraft({ scriptKind, scriptId, original, changes, overwrite }: UpdateUserStateVariables): Draft {
  return { kind: 'unsent-save', scriptKind, scriptId, baseline: original, values: textOf(changes), ...(overwrite === undefined ? {} : { overwrite }) };
}

function toVariables(draft: Draft): UpdateUserStateVariables | null {
  const changes = changesOf(draft.baseline, draft.values);
  if (changes === null) return null;
  return {
    scriptKind: draft.scriptKind,
    scriptId: draft.scriptId,
    original: draft.baseline,
    changes,
    ...(draft.overwrite === undefined ? {} : { overwrite: draft.overwrite }),
  };
}

/** What the user-states page of a script gets back: its unsent saves and its rows left in edit. */
export interface PageDrafts {
  unsentSaves: UpdateUserStateVariables[];
  openRows: RowDraft[];
}

export function restorePageDrafts(scriptKind: ScriptKind, scriptId: string): PageDrafts {
  const taken = takeDrafts((draft) => sameScript(draft, scriptKind, scriptId) && draft.kind !== 'form');
  return {
    unsentSaves: taken.filter((draft) => draft.kind === 'unsent-save').map(toVariables).filter((save) => save !== null),
    openRows: taken.filter((draft) => draft.kind === 'open-row').map(({ baseline, values }) => ({ baseline, values })),
  };
}

/**
 * What the form of one record gets back: its values. A save of it that sign-in interrupted is
 * dropped (its values are in the form's draft). The draft is kept until the user saves or
 * discards, so a second reload still finds it.
 */
export function restoreFormDraft(scriptKind: ScriptKind, scriptId: string, stateId: string): RowDraft | null {
  const form = takeDrafts(
    (draft) => sameScript(draft, scriptKind, scriptId) && draft.baseline.id === stateId && draft.kind !== 'open-row',
  ).find((draft) => draft.kind === 'form');
  if (form === undefined) return null;
  keepDrafts([form]);
  return { baseline: form.baseline, values: form.values };
}

/** A save that was interrupted by sign-in and has not been sent. */
export class SaveInterruptedError extends Error {
  override readonly name = 'SaveInterruptedError';
  constructor() {
    super('You had to sign in again before this change was sent, so it was not saved. Retry it or discard it.');
  }
}
