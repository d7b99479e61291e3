import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { ErrorPanel } from '../../../components/error-panel';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { LabelledSelect, type SelectOption } from '../../../components/labelled-select';
import { Loading } from '../../../components/loading';
import { useDocumentTitle } from '../../../components/use-document-title';
import { scriptsPath, userStatesPath, userStatesSearchPath } from '../../../config/routes';
import { formatCountOf } from '../../../lib/format-number';
import { scriptKindInfo, type ScriptKind } from '../../../lib/script-kinds';
import type { DeviceStatusFilter } from '../api/keys';
import { useScriptDeviceStates } from '../api/list-script-device-states';
import { DevicePermissionNotice, DeviceStatesTable } from './device-states-table';

const statusOptions: readonly SelectOption<DeviceStatusFilter>[] = [
  { value: 'all', label: 'All' },
  { value: 'errors', label: 'With errors' },
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'pending', label: 'Pending' },
  { value: 'notApplicable', label: 'Not applicable' },
];

const loadDeviceStateCsvColumns = async () => (await import('./device-state-columns')).deviceStateCsvColumns;

function statusFrom(params: URLSearchParams): DeviceStatusFilter {
  const value = params.get('status');
  return statusOptions.find((option) => option.value === value)?.value ?? 'all';
}

export interface DeviceStatusPageProps {
  kind: ScriptKind;
  scriptId: string;
  /** For the breadcrumb and the title, once Graph has given it. */
  scriptName?: string | undefined;
}

/** A script's device run states, as the admin center's "Device status", filtered by status (`?status=`). */
export function DeviceStatusPage({ kind, scriptId, scriptName }: DeviceStatusPageProps) {
  useDocumentTitle(scriptName === undefined ? 'Device status' : `${scriptName} – device status`);
  const [params, setParams] = useSearchParams();
  const status = statusFrom(params);
  const states = useScriptDeviceStates(kind, scriptId, status);
  const info = scriptKindInfo(kind);
  const rows = states.data?.pages.flatMap((page) => page.states) ?? [];
  const devicesShown = states.data?.pages[0]?.devicesShown ?? true;

  // The view pages on demand; an export takes every page of the filter, fetching the rest first.
  const collectRows = async () => {
    let result = states;
    while (result.hasNextPage) result = await result.fetchNextPage({ throwOnError: true });
    return result.data?.pages.flatMap((page) => page.states) ?? [];
  };

  const setStatus = (value: DeviceStatusFilter) => {
    const next = new URLSearchParams(params);
    if (value === 'all') next.delete('status');
    else next.set('status', value);
    setParams(next);
  };

  return (
    <>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 1 }}>
        <Link component={RouterLink} to={scriptsPath()}>
          Scripts
        </Link>
        <Link component={RouterLink} to={userStatesPath(kind, scriptId)}>
          {scriptName ?? scriptId}
        </Link>
        <Typography color="text.primary">Device status</Typography>
      </Breadcrumbs>
      <Typography variant="h5" component="h1">
        Device status
      </Typography>
      <Typography color="text.secondary" gutterBottom>
        {info.platform} · {info.type}
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', my: 2 }}>
        <LabelledSelect label="Status" value={status} options={statusOptions} onChange={setStatus} minWidth={200} />
        <ExportCsvButton
          collectRows={collectRows}
          loadColumns={loadDeviceStateCsvColumns}
          noun={['device state', 'device states']}
          complete={states.isSuccess}
          fileLabel={`${info.type} ${scriptId} device status`}
        />
      </Box>
      {states.isPending && <Loading label="Loading device states…" />}
      {states.isError && <ErrorPanel error={states.error} title="Could not load the device states" onRetry={() => void states.refetch()} />}
      {states.isSuccess && !devicesShown && <DevicePermissionNotice />}
      {states.isSuccess && rows.length === 0 && <Typography>No device states match this filter.</Typography>}
      {states.isSuccess && rows.length > 0 && (
        <>
          <DeviceStatesTable
            label="Device run states"
            states={rows}
            devicesShown={devicesShown}
            userLink={(upn) => userStatesSearchPath(kind, scriptId, upn)}
          />
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, my: 2 }}>
            <Typography role="status">
              {formatCountOf(rows.length, ['device state', 'device states'])} shown{states.hasNextPage ? '; more are available' : ''}
            </Typography>
            {states.hasNextPage && (
              <Button variant="outlined" disabled={states.isFetchingNextPage} onClick={() => void states.fetchNextPage()}>
                {states.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </Button>
            )}
          </Box>
        </>
      )}
    </>
  );
}
