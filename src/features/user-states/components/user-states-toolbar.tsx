import Box from '@mui/material/Box';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { useWriteAccess } from '../../../lib/auth/auth-session';
import type { UserState } from '../api/schema';
import { ImportCsvButton } from '../bulk/import/import-csv-button';
import type { BulkPlan } from '../bulk/plan';
import { ChangesButton } from '../changes/changes-button';
import { LoadStatus, type LoadStatusProps } from './load-status';
import { SearchField } from './search-field';
import { StatusField } from './status-field';
import type { StateStatus } from './state-status';

const loadUserStateCsvColumns = async () => (await import('../export/user-state-columns')).userStateCsvColumns;

export interface UserStatesToolbarProps {
  search: string;
  onSearchChange: (text: string) => void;
  status: StateStatus | null;
  onStatusChange: (status: StateStatus | null) => void;
  /** The rows the view shows (every page), for Export CSV. */
  matching: readonly UserState[];
  /** Every row is in: an export now misses none. */
  complete: boolean;
  fileLabel: string;
  /** The list's status line; null while the first page failed. */
  loadStatus: LoadStatusProps | null;
  /** Undoes a change-log entry through the page's save path. */
  onUndo: (changeId: string) => void;
  /** Every row of the script: an import's lines are compared with them. */
  rows: readonly UserState[];
  onApplyImport: (plan: BulkPlan) => void;
}

/** Above the grid: search, status filter, Export CSV, this session's changes, and what has loaded. */
export function UserStatesToolbar({
  search,
  onSearchChange,
  status,
  onStatusChange,
  matching,
  complete,
  fileLabel,
  loadStatus,
  onUndo,
  rows,
  onApplyImport,
}: UserStatesToolbarProps) {
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
      <ChangesButton onUndo={onUndo} />
      {loadStatus !== null && <LoadStatus {...loadStatus} />}
    </Box>
  );
}
