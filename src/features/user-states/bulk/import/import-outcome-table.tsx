import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useState } from 'react';
import { UserPrincipalName } from '../../../../components/user-principal-name';
import type { LineOutcome, OutcomeCounts, OutcomeKind } from './import-mapping';
import { outcomeLabels, outcomeSubject, outcomeText } from './outcome-text';

/** A page of lines: 100,000 lines are shown 50 at a time, never all at once. */
const linesPerPage = 50;
const numberFormat = new Intl.NumberFormat('en-US');
const kinds: readonly OutcomeKind[] = ['change', 'unchanged', 'unknown', 'invalid', 'duplicate'];

export interface ImportOutcomeTableProps {
  outcomes: readonly LineOutcome[];
  counts: OutcomeCounts;
}

/** Every line of the file with its outcome, paged, with a choice of which outcomes to list. */
export function ImportOutcomeTable({ outcomes, counts }: ImportOutcomeTableProps) {
  const [shown, setShown] = useState<OutcomeKind | 'all'>('all');
  const [page, setPage] = useState(0);
  // The outcomes array grows while the file is read, so it is filtered on every render (a few ms).
  const listed = shown === 'all' ? outcomes : outcomes.filter((outcome) => outcome.kind === shown);
  const lastPage = Math.max(0, Math.ceil(listed.length / linesPerPage) - 1);
  const pageShown = Math.min(page, lastPage);
  const pageLines = listed.slice(pageShown * linesPerPage, (pageShown + 1) * linesPerPage);

  return (
    <Box>
      <ToggleButtonGroup
        size="small"
        exclusive
        aria-label="Show lines"
        value={shown}
        onChange={(_event, value: OutcomeKind | 'all' | null) => {
          if (value === null) return;
          setShown(value);
          setPage(0);
        }}
        sx={{ flexWrap: 'wrap', mb: 1 }}
      >
        <ToggleButton value="all">All ({numberFormat.format(outcomes.length)})</ToggleButton>
        {kinds.map((kind) => (
          <ToggleButton key={kind} value={kind} disabled={counts[kind] === 0}>
            {outcomeLabels[kind]} ({numberFormat.format(counts[kind])})
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <TableContainer>
        <Table size="small" aria-label="Lines of the file">
          <TableHead>
            <TableRow>
              <TableCell>Line</TableCell>
              <TableCell>User state</TableCell>
              <TableCell>Outcome</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {pageLines.map((outcome) => (
              <TableRow key={outcome.line}>
                <TableCell>{numberFormat.format(outcome.line)}</TableCell>
                <TableCell sx={{ wordBreak: 'break-all' }}>
                  {/* A UPN, or the key as the file wrote it: shown as it really is either way. */}
                  <UserPrincipalName value={outcomeSubject(outcome)} />
                </TableCell>
                <TableCell>{outcomeText(outcome)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={listed.length}
        page={pageShown}
        onPageChange={(_event, next) => setPage(next)}
        rowsPerPage={linesPerPage}
        rowsPerPageOptions={[linesPerPage]}
        showFirstButton
        showLastButton
      />
    </Box>
  );
}
