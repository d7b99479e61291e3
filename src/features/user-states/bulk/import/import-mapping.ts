/**
 * What each line of an imported correction file would do to the script's user states, worked out
 * before anything is sent: a change (before → after), "unchanged", "unknown user state", a
 * validation error, or a user state named on more than one line. Pure: no React, no Graph, no
 * parser (lines come in as the CSV module's records, batch by batch, as they are parsed).
 * The rules are in docs/decisions/014-csv-import-corrections.md.
 */
import type { CsvRecord } from '../../../../lib/csv/csv-import';
import { changedFields, userStateEditSchema, type UserState, type UserStateChanges } from '../../api/schema';
import type { BulkPlan, PlannedChange } from '../plan';
import type { ImportColumns } from './import-columns';

export interface LineError {
  /** The header name as in the file; null when the line as a whole is malformed. */
  column: string | null;
  message: string;
}

export type LineOutcome =
  | { kind: 'change'; line: number; change: PlannedChange }
  | { kind: 'unchanged'; line: number; row: UserState }
  | { kind: 'unknown'; line: number; key: string }
  | { kind: 'invalid'; line: number; key: string; errors: readonly LineError[] }
  /** The user state is named on other lines too: no line naming it is sent. */
  | { kind: 'duplicate'; line: number; row: UserState; lines: readonly number[] };

export type OutcomeKind = LineOutcome['kind'];
export type OutcomeCounts = Record<OutcomeKind, number>;

/**
 * The export neutralises a text cell that a spreadsheet would read as a formula by putting a `'`
 * before it (src/lib/csv/csv-export.ts). Reading such a cell back undoes exactly that, so an
 * exported file imports as it was; nothing is ever evaluated.
 */
const neutralisedFormula = /^'[=+\-@\t\r\0]/;
function cellText(text: string): string {
  return neutralisedFormula.test(text) ? text.slice(1) : text;
}

function emptyCounts(): OutcomeCounts {
  return { change: 0, unchanged: 0, unknown: 0, invalid: 0, duplicate: 0 };
}

export interface ImportPreview {
  readonly columns: ImportColumns;
  /** One outcome per data line, in file order. */
  readonly outcomes: readonly LineOutcome[];
  readonly counts: OutcomeCounts;
}

/**
 * Maps the lines of one file against the script's rows as they are now (every row loaded), one
 * batch of records at a time, so that a 100,000-line file never holds the page for long.
 */
export class ImportMapper {
  private readonly byId = new Map<string, UserState>();
  /** Lower-cased UPN → rows: Entra compares UPNs without case; two rows may share one. */
  private readonly byUpn = new Map<string, UserState[]>();
  private readonly outcomes: LineOutcome[] = [];
  private readonly counts = emptyCounts();
  /** Row id → the index in `outcomes` of every line that names it. */
  private readonly linesOfRow = new Map<string, number[]>();

  constructor(
    private readonly columns: ImportColumns,
    rows: readonly UserState[],
  ) {
    if (columns.key.field === 'id') {
      for (const row of rows) this.byId.set(row.id, row);
      return;
    }
    for (const row of rows) {
      const upn = row.userPrincipalName.toLowerCase();
      const same = this.byUpn.get(upn);
      if (same === undefined) this.byUpn.set(upn, [row]);
      else same.push(row);
    }
  }

  add(records: readonly CsvRecord[]): void {
    for (const record of records) this.addOne(record);
  }

  preview(): ImportPreview {
    return { columns: this.columns, outcomes: this.outcomes, counts: { ...this.counts } };
  }

  /** The valid changes (and the rows already as the file says) for the bulk job; nothing else. */
  plan(): BulkPlan {
    const plan: BulkPlan = { changes: [], skipped: [] };
    for (const outcome of this.outcomes) {
      if (outcome.kind === 'change') plan.changes.push(outcome.change);
      else if (outcome.kind === 'unchanged') plan.skipped.push(outcome.row);
    }
    return plan;
  }

  private addOne(record: CsvRecord): void {
    const { key, values } = this.columns;
    const keyText = Object.hasOwn(record.values, key.column) ? (record.values[key.column] ?? '') : '';
    if (record.problem !== undefined) {
      this.push({
        kind: 'invalid',
        line: record.line,
        key: keyText,
        errors: [{ column: null, message: record.problem.message }],
      });
      return;
    }
    const lookup = cellText(keyText);
    if (lookup === '') {
      this.push({
        kind: 'invalid',
        line: record.line,
        key: keyText,
        errors: [{ column: key.column, message: `Enter the ${key.column} of a user state of this script.` }],
      });
      return;
    }
    const matches =
      key.field === 'id'
        ? [this.byId.get(lookup)].filter((row) => row !== undefined)
        : (this.byUpn.get(lookup.toLowerCase()) ?? []);
    const errors: LineError[] = [];
    const changes: UserStateChanges = {};
    for (const { field, column } of values) {
      const text = cellText(Object.hasOwn(record.values, column) ? (record.values[column] ?? '') : '');
      // An empty cell leaves the value as it is, as an empty field does in "Edit selected".
      if (text === '') continue;
      // The edit form's own schema, field by field: the same rules and the same messages.
      const parsed = userStateEditSchema.shape[field].safeParse(text);
      if (parsed.success) Object.assign(changes, { [field]: parsed.data });
      else errors.push({ column, message: parsed.error.issues[0]?.message ?? 'Not a valid value.' });
    }
    if (errors.length === 0 && matches.length > 1) {
      errors.push({
        column: key.column,
        message: `${matches.length} user states of this script have this user principal name: key the file by "id" instead.`,
      });
    }
    const row = matches.length === 1 ? matches[0] : undefined;
    if (errors.length > 0) {
      this.push({ kind: 'invalid', line: record.line, key: keyText, errors }, row);
      return;
    }
    if (row === undefined) {
      this.push({ kind: 'unknown', line: record.line, key: keyText });
      return;
    }
    const changed = changedOnly(row, changes);
    this.push(
      changed === null
        ? { kind: 'unchanged', line: record.line, row }
        : {
            kind: 'change',
            line: record.line,
            change: { before: row, after: { ...row, ...changed }, changes: changed },
          },
      row,
    );
  }

  /**
   * Records a line's outcome. A second line naming the same row makes every line naming it a
   * duplicate, except invalid lines, which keep their errors (they are never sent either way).
   */
  private push(outcome: LineOutcome, row?: UserState): void {
    const index = this.outcomes.length;
    this.outcomes.push(outcome);
    this.counts[outcome.kind] += 1;
    if (row === undefined) return;
    const indexes = this.linesOfRow.get(row.id);
    if (indexes === undefined) {
      this.linesOfRow.set(row.id, [index]);
      return;
    }
    indexes.push(index);
    const lines = indexes.map((at) => this.outcomes[at]?.line ?? 0);
    for (const at of indexes) {
      const earlier = this.outcomes[at];
      if (earlier === undefined || earlier.kind === 'invalid') continue;
      this.counts[earlier.kind] -= 1;
      this.counts.duplicate += 1;
      this.outcomes[at] = { kind: 'duplicate', line: earlier.line, row, lines };
    }
  }
}

/** The edit form's own comparison, on the row with the file's values laid over it. */
function changedOnly(row: UserState, changes: UserStateChanges): UserStateChanges | null {
  const edited = {
    userPrincipalName: row.userPrincipalName,
    successDeviceCount: row.successDeviceCount,
    errorDeviceCount: row.errorDeviceCount,
    ...changes,
  };
  const changed = changedFields(row, edited);
  return Object.keys(changed).length === 0 ? null : changed;
}
