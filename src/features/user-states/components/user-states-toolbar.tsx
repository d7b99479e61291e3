import Box from '@mui/material/Box';
import { ExportCsvButton } from '../../../components/export-csv-button';
import type { UserState } from '../api/schema';
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
}: UserStatesToolbarProps) {
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
      <ChangesButton onUndo={onUndo} />
      {loadStatus !== null && <LoadStatus {...loadStatus} />}
    </Box>
  );
}
