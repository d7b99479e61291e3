import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { ErrorPanel } from '../../../components/error-panel';
import { Loading } from '../../../components/loading';
import { useDocumentTitle } from '../../../components/use-document-title';
import { userStatesPath } from '../../../config/routes';
import { scriptKindInfo } from '../../../lib/script-kinds';
import { useScripts, type ListedScript } from '../api/list-scripts';
import { RunSummary } from './run-summary';
import { parseScriptFilters, ScriptFilters, scriptFilterMatches } from './script-filters';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatDate(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? '—' : dateFormat.format(time);
}

// On a phone the name and the run summary are what one compares; the rest would push them off screen.
const wideOnly = { display: { xs: 'none', md: 'table-cell' } } as const;

const runAsLabels: Record<string, string> = { system: 'System', user: 'User' };

/** The tenant's scripts of every kind (Windows PowerShell, macOS shell, custom attributes), each leading to its user run states. */
export function ScriptsPage() {
  useDocumentTitle('Device management scripts');
  const scripts = useScripts();
  const [params] = useSearchParams();
  const filters = parseScriptFilters(params);
  const shown = scripts.data?.filter((script) => scriptFilterMatches(filters, script.kind)) ?? [];
  return (
    <>
      <Typography variant="h5" component="h1" gutterBottom>
        Device management scripts
      </Typography>
      {scripts.isPending && <Loading label="Loading scripts…" />}
      {scripts.isError && (
        <ErrorPanel error={scripts.error} title="Could not load the scripts" onRetry={() => void scripts.refetch()} />
      )}
      {scripts.isSuccess && scripts.data.length === 0 && <Typography>There are no device management scripts in this tenant.</Typography>}
      {scripts.isSuccess && scripts.data.length > 0 && (
        <Box sx={{ display: 'flex', gap: 2, mb: 2 }}>
          <ScriptFilters filters={filters} />
        </Box>
      )}
      {scripts.isSuccess && scripts.data.length > 0 && shown.length === 0 && <Typography>No script matches these filters.</Typography>}
      {shown.length > 0 && (
        <TableContainer component={Paper}>
          <Table size="small" aria-label="Device management scripts">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell sx={wideOnly}>Platform</TableCell>
                <TableCell sx={wideOnly}>Type</TableCell>
                <TableCell sx={wideOnly}>Description</TableCell>
                <TableCell sx={wideOnly}>Run as</TableCell>
                <TableCell sx={wideOnly}>Last modified</TableCell>
                <TableCell>Run summary</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((script) => (
                // Two kinds' scripts may share an id: the kind is part of the row's identity.
                <ScriptRow key={`${script.kind}/${script.id}`} script={script} />
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </>
  );
}

function ScriptRow({ script }: { script: ListedScript }) {
  const info = scriptKindInfo(script.kind);
  return (
    <TableRow hover>
      <TableCell>
        <Link component={RouterLink} to={userStatesPath(script.kind, script.id)}>
          {script.displayName || script.id}
        </Link>
      </TableCell>
      <TableCell sx={wideOnly}>{info.platform}</TableCell>
      <TableCell sx={wideOnly}>{info.type}</TableCell>
      <TableCell sx={wideOnly}>{script.description}</TableCell>
      <TableCell sx={wideOnly}>{runAsLabels[script.runAsAccount] ?? script.runAsAccount}</TableCell>
      <TableCell sx={wideOnly}>{formatDate(script.lastModifiedDateTime)}</TableCell>
      <TableCell>
        <RunSummary kind={script.kind} scriptId={script.id} />
      </TableCell>
    </TableRow>
  );
}
