import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { UserPrincipalName } from '../../../components/user-principal-name';
import { localTime, missingValue, relativeTime, type HistoryActor, type HistoryChange, type HistoryRow } from '../history-rows';

/** The events of one record, newest first: when, who, what (old → new), result, correlation id. */
export function HistoryTable({ rows, now }: { rows: readonly HistoryRow[]; now: number }) {
  return (
    <TableContainer component={Paper}>
      <Table size="small" aria-label="History">
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            <TableCell>Who</TableCell>
            <TableCell>What</TableCell>
            <TableCell>Result</TableCell>
            <TableCell>Correlation ID</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.key} data-source={row.source}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {localTime(row.at)}
                {!Number.isNaN(row.at) && (
                  <Typography variant="body2" color="text.secondary">
                    {relativeTime(row.at, now)}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <Actor actor={row.actor} />
              </TableCell>
              <TableCell>
                <What row={row} />
              </TableCell>
              <TableCell>{row.result || '—'}</TableCell>
              <TableCell>
                <Box component="code" sx={{ overflowWrap: 'anywhere' }}>
                  {row.correlationId || '—'}
                </Box>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function Actor({ actor }: { actor: HistoryActor }) {
  if (actor.kind === 'user') return <UserPrincipalName value={actor.userPrincipalName} />;
  if (actor.kind === 'unknown') return <>Unknown</>;
  return (
    <>
      <bdi>{actor.name}</bdi>
      <Typography variant="body2" color="text.secondary">
        Application
      </Typography>
    </>
  );
}

function What({ row }: { row: HistoryRow }) {
  return (
    <>
      {row.operation !== 'Patch' && <Typography variant="body2">{row.operation}</Typography>}
      {row.changes.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          No values changed
        </Typography>
      )}
      {row.changes.length > 0 && (
        <Box component="ul" sx={{ m: 0, pl: 2 }}>
          {row.changes.map((change, index) => (
            <li key={index}>
              <Change change={change} />
            </li>
          ))}
        </Box>
      )}
      {row.source === 'session' && (
        <Typography variant="body2" color="text.secondary">
          Saved in this session; not in Intune&apos;s log yet
        </Typography>
      )}
    </>
  );
}

function Value({ text, upn }: { text: string; upn: boolean }) {
  return upn && text !== missingValue ? <UserPrincipalName value={text} /> : <bdi>{text}</bdi>;
}

function Change({ change }: { change: HistoryChange }) {
  return (
    <>
      {`${change.label}: `}
      <Value text={change.oldValue} upn={change.upn} />
      {' → '}
      <Value text={change.newValue} upn={change.upn} />
    </>
  );
}
