import Box from '@mui/material/Box';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { useWriteAccess } from '../../../lib/auth/auth-session';
import type { UserState } from '../api/schema';
import { ImportCsvButton } from '../bulk/import/import-csv-button';
import type { BulkPlan } from '../bulk/plan';
import { LoadStatus, type LoadStatusProps } from './load-status';
import { SearchField } from './search-field';
import type { StateStatus } from './state-status';
import { StatusField } from './status-field';

const loadUserStateCsvColumns = async () => (await import('../export/user-state-columns')).userStateCsvColumns;

export interface UserStatesToolbarProps {
  search: string;
  onSearchChange: (text: string) => void;
  status: StateStatus | null;
  onStatusChange: (status: StateStatus | null) => void;
  /** The rows of the view (search and status applied, every page), in the order shown: what Export CSV writes. */
  matching: readonly UserState[];
  /** True once every page has arrived: exporting or importing before would miss rows. */
  complete: boolean;
  fileLabel: string;
  /** Every row of the script: an import's lines are compared with them. */
  rows: readonly UserState[];
  onApplyImport: (plan: BulkPlan) => void;
  /** The list's status line; absent when the first page failed (the error panel says it). */
  loadStatus: LoadStatusProps | null;
}

/** Above the grid: search, status filter, the CSV buttons and the list's status line. */
export function UserStatesToolbar(props: UserStatesToolbarProps) {
  const { search, onSearchChange, status, onStatusChange, matching, complete, fileLabel, loadStatus } = props;
  const { rows, onApplyImport } = props;
  const writeAccess = useWriteAccess();
  // An account without the write permission may preview an import; "Apply" says what it needs.
  const missingPermission = writeAccess.status === 'denied' ? writeAccess.missingScope : null;
  return (
    <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
      <SearchField value={search} onChange={onSearchChange} />
      <StatusField value={status} onChange={onStatusChange} />
      <ExportCsvButton
        collectRows={async () => matching}
        loadColumns={loadUserStateCsvColumns}
        noun={['user state', 'user states']}
        complete={complete}
        fileLabel={fileLabel}
      />
      <ImportCsvButton rows={rows} complete={complete} missingPermission={missingPermission} onApply={onApplyImport} />
      {loadStatus !== null && <LoadStatus {...loadStatus} />}
    </Box>
  );
}
