/** The preview's words for each line's outcome, apart from the dialog so they can be tested as text. */
import { revealHiddenCharacters } from '../../../../lib/hidden-characters';
import { fieldLabels, editableFields, type EditableField, type UserState } from '../../api/schema';
import type { LineOutcome, OutcomeCounts, OutcomeKind } from './import-mapping';

const numberFormat = new Intl.NumberFormat('en-US');

export const outcomeLabels: Record<OutcomeKind, string> = {
  change: 'Changes',
  unchanged: 'Unchanged',
  unknown: 'Unknown user states',
  invalid: 'Errors',
  duplicate: 'On several lines',
};

/** The user state a line names, as the file wrote it or, when it matched, by its UPN. */
export function outcomeSubject(outcome: LineOutcome): string {
  if (outcome.kind === 'change') return outcome.change.before.userPrincipalName;
  if (outcome.kind === 'unchanged' || outcome.kind === 'duplicate') return outcome.row.userPrincipalName;
  return outcome.key;
}

// A name's hidden or direction-changing characters as markers: this is plain text in a table cell.
const valueText = (field: EditableField, value: string | number) =>
  field === 'userPrincipalName' ? revealHiddenCharacters(String(value)) : String(value);

function beforeAfter(before: UserState, after: UserState): string {
  return editableFields
    .filter((field) => before[field] !== after[field])
    .map((field) => `${fieldLabels[field]} ${valueText(field, before[field])} → ${valueText(field, after[field])}`)
    .join('; ');
}

function listLines(lines: readonly number[]): string {
  const numbers = lines.map((line) => numberFormat.format(line));
  return numbers.length <= 1 ? numbers.join('') : `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1) ?? ''}`;
}

export function outcomeText(outcome: LineOutcome): string {
  switch (outcome.kind) {
    case 'change':
      return beforeAfter(outcome.change.before, outcome.change.after);
    case 'unchanged':
      return 'Unchanged: the user state already holds these values';
    case 'unknown':
      return 'Unknown user state: no user state of this script has this key';
    case 'invalid':
      return outcome.errors
        .map((error) => (error.column === null ? error.message : `Column ${error.column}: ${error.message}`))
        .join(' ');
    case 'duplicate':
      return `Not sent: this user state is named on lines ${listLines(outcome.lines)}`;
  }
}

/** "3 changes, 1 unchanged, 1 unknown user state, 2 errors". */
export function countsText(counts: OutcomeCounts): string {
  const parts: [number, string, string][] = [
    [counts.change, 'change', 'changes'],
    [counts.unchanged, 'unchanged', 'unchanged'],
    [counts.unknown, 'unknown user state', 'unknown user states'],
    [counts.invalid, 'line with errors', 'lines with errors'],
    [counts.duplicate, 'line naming a user state twice', 'lines naming a user state twice'],
  ];
  return parts
    .filter(([count], index) => count > 0 || index === 0)
    .map(([count, one, many]) => `${numberFormat.format(count)} ${count === 1 ? one : many}`)
    .join(', ');
}
