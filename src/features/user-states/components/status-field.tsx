import { LabelledSelect, type SelectOption } from '../../../components/labelled-select';
import { stateStatusLabels, stateStatuses, type StateStatus } from './state-status';

// The select needs a value for "All"; it never reaches the URL (no `status` there means All).
const allValue = 'all';
type StatusOption = StateStatus | typeof allValue;

const statusOptions: readonly SelectOption<StatusOption>[] = [
  { value: allValue, label: 'All' },
  ...stateStatuses.map((status) => ({ value: status, label: stateStatusLabels[status] })),
];

/** Which user states the grid lists, by their devices' outcome. */
export function StatusField({ value, onChange }: { value: StateStatus | null; onChange: (status: StateStatus | null) => void }) {
  return (
    <LabelledSelect
      label="Status"
      value={value ?? allValue}
      options={statusOptions}
      onChange={(chosen) => onChange(chosen === allValue ? null : chosen)}
    />
  );
}
