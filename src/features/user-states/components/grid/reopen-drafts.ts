import { gridEditRowsStateSelector, type GridApi, type GridRowModesModel } from '@mui/x-data-grid';
import { useCallback, useEffect, type RefObject } from 'react';
import { editableFields, type EditableField, type UserState } from '../../api/schema';
import type { Draft, DraftValues, RowDraft } from '../../drafts/draft-store';
import type { ScriptKind } from '../../../../lib/script-kinds';
import type { EditBaselines } from './edit-baselines';

/** Resolves once the grid has set up the editors of a row it was asked to open. */
function whenEditing(api: GridApi, id: string): Promise<void> {
  return new Promise((resolve) => {
    if (api.getRowMode(id) === 'edit') {
      resolve();
      return;
    }
    const unsubscribe = api.subscribeEvent('stateChange', () => {
      if (api.getRowMode(id) !== 'edit') return;
      unsubscribe();
      resolve();
    });
  });
}

/**
 * Puts the text the user had typed into a row that is opening (or open) for editing. One field at
 * a time: the grid re-validates the whole row on each change, and two changes in flight at once
 * can leave the row with the older snapshot of the other field. If the row leaves edit mode
 * meanwhile (the user pressed Escape, paged away), there is nothing to fill.
 */
async function fillText(api: GridApi, id: string, values: DraftValues): Promise<void> {
  try {
    await whenEditing(api, id);
    for (const field of editableFields) {
      const value = values[field];
      if (value !== undefined && api.getRowMode(id) === 'edit') await api.setEditCellValue({ id, field, value });
    }
  } catch {
    // The row left edit mode between two steps: the user moved on.
  }
}

/** The first field the draft has text for: where the keyboard focus goes when the row opens. */
function firstDraftField(values: DraftValues): EditableField {
  return editableFields.find((field) => values[field] !== undefined) ?? 'userPrincipalName';
}

interface ReopenOptions {
  apiRef: RefObject<GridApi | null>;
  /** The rows on screen. */
  rows: readonly UserState[];
  /** Drafts to open in edit mode as soon as their row is on screen (restored, or Edit again). */
  drafts: readonly RowDraft[];
  canEdit: boolean;
  baselines: EditBaselines;
  /** These drafts' rows are open with their text: they no longer wait. */
  onOpened: (stateIds: string[]) => void;
}

/**
 * Opens each waiting draft's row once it is on screen; the row checks its save against the
 * draft's baseline and gets the draft's text. Returns the grid's row-modes listener, which also
 * catches a row the user opened themselves.
 */
export function useReopenDrafts({ apiRef, rows, drafts, canEdit, baselines, onOpened }: ReopenOptions) {
  const apply = useCallback(
    (api: GridApi, opened: readonly RowDraft[]) => {
      for (const draft of opened) {
        baselines.set(draft.baseline);
        void fillText(api, draft.baseline.id, draft.values);
      }
      onOpened(opened.map((draft) => draft.baseline.id));
    },
    [baselines, onOpened],
  );

  useEffect(() => {
    const api = apiRef.current;
    if (!canEdit || api === null) return;
    const open: RowDraft[] = [];
    for (const draft of drafts) {
      const id = draft.baseline.id;
      if (!rows.some((row) => row.id === id)) continue;
      // Open already (the user re-opened it before choosing Edit again): the text goes in now.
      if (api.getRowMode(id) === 'edit') open.push(draft);
      // Otherwise the text goes in when the grid reports the row in edit mode (below).
      else api.startRowEditMode({ id, fieldToFocus: firstDraftField(draft.values) });
    }
    if (open.length > 0) apply(api, open);
  }, [apiRef, rows, drafts, canEdit, apply]);

  return useCallback(
    (model: GridRowModesModel) => {
      const api = apiRef.current;
      const opened = drafts.filter((draft) => model[draft.baseline.id]?.mode === 'edit');
      if (api !== null && opened.length > 0) apply(api, opened);
    },
    [apiRef, drafts, apply],
  );
}

/** Every row open in edit mode, with its text and baseline, plus the drafts still waiting: what a sign-in round trip keeps. */
export function collectOpenRows(
  scriptKind: ScriptKind,
  scriptId: string,
  apiRef: RefObject<GridApi | null>,
  baselines: EditBaselines,
  waiting: readonly RowDraft[],
): Draft[] {
  const open: RowDraft[] = [...waiting];
  const editing = apiRef.current === null ? {} : gridEditRowsStateSelector(apiRef);
  for (const [id, cells] of Object.entries(editing)) {
    const baseline = baselines.get(id);
    if (baseline === undefined) continue;
    const values: DraftValues = {};
    for (const field of editableFields) {
      const cell = cells[field];
      if (cell !== undefined) values[field] = cell.value === null || cell.value === undefined ? '' : String(cell.value);
    }
    open.push({ baseline, values });
  }
  return open.map(({ baseline, values }) => ({ kind: 'open-row', scriptKind, scriptId, baseline, values }));
}

/**
 * Whether a row open in edit mode holds text that differs from its record: typed and not yet
 * committed with Enter, which leaving the page would lose.
 */
export function hasTypedChanges(
  scriptKind: ScriptKind,
  scriptId: string,
  apiRef: RefObject<GridApi | null>,
  baselines: EditBaselines,
): boolean {
  return collectOpenRows(scriptKind, scriptId, apiRef, baselines, []).some(({ baseline, values }) =>
    editableFields.some((field) => values[field] !== undefined && values[field] !== String(baseline[field])),
  );
}
