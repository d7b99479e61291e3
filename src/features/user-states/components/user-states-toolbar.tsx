import Box from '@mui/material/Box';
import { memo } from 'react';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { useWriteAccess } from '../../../lib/auth/auth-session';
import type { ScriptKind } from '../../../lib/script-kinds';
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
  /** The page's script: the Changes panel undoes a job of this script only (another's, on its page). */
  kind: ScriptKind;
  scriptId: string;
  search: string;
  onSearchChange: (text: string) => void;
  status: StateStatus | null;
  onStatusChange: (status: StateStatus | null) => void;
  /** The rows the view shows (every page), read when Export CSV is clicked. */
  collectMatching: () => Promise<readonly UserState[]>;
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
export function UserStatesToolbar({ search, onSearchChange, loadStatus, ...actions }: UserStatesToolbarProps) {
  return (
    <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
      <SearchField value={search} onChange={onSearchChange} />
      <ToolbarActions {...actions} />
      {loadStatus !== null && <LoadStatus {...loadStatus} />}
    </Box>
  );
}

type ToolbarActionsProps = Omit<UserStatesToolbarProps, 'search' | 'onSearchChange' | 'loadStatus'>;

/**
 * The toolbar's buttons and the status filter, memoised: a keystroke re-renders the search box and
 * the status line, and none of these (their props do not change with the search).
 */
const ToolbarActions = memo(function ToolbarActions({
  kind,
  scriptId,
  status,
  onStatusChange,
  collectMatching,
  complete,
  fileLabel,
  onUndo,
  rows,
  onApplyImport,
}: ToolbarActionsProps) {
  const writeAccess = useWriteAccess();
  // An account without the write permission may preview an import; "Apply" says what it needs.
  const missingPermission = writeAccess.status === 'denied' ? writeAccess.missingScope : null;
  return (
    <>
      <StatusField value={status} onChange={onStatusChange} />
      <ExportCsvButton
        collectRows={collectMatching}
        loadColumns={loadUserStateCsvColumns}
        noun={['user state', 'user states']}
        complete={complete}
        fileLabel={fileLabel}
      />
      <ImportCsvButton rows={rows} complete={complete} missingPermission={missingPermission} onApply={onApplyImport} />
      <ChangesButton kind={kind} scriptId={scriptId} onUndo={onUndo} />
    </>
  );
});
