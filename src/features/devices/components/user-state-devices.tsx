import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import { ErrorPanel } from '../../../components/error-panel';
import { Loading } from '../../../components/loading';
import type { ScriptKind } from '../../../lib/script-kinds';
import { useUserStateDevices } from '../api/list-user-state-devices';
import { DevicePermissionNotice, DeviceStatesTable } from './device-states-table';

export interface UserStateDevicesProps {
  kind: ScriptKind;
  scriptId: string;
  stateId: string;
}

/** The devices of one user run state, for its record page (table named "Devices"). */
export function UserStateDevices({ kind, scriptId, stateId }: UserStateDevicesProps) {
  const devices = useUserStateDevices(kind, scriptId, stateId);
  const headingId = useId();
  return (
    <Box component="section" aria-labelledby={headingId} sx={{ mt: 3 }}>
      <Typography id={headingId} variant="h6" component="h2" gutterBottom>
        Devices
      </Typography>
      {devices.isPending && <Loading label="Loading devices…" />}
      {devices.isError && <ErrorPanel error={devices.error} title="Could not load the devices" onRetry={() => void devices.refetch()} />}
      {devices.isSuccess && !devices.data.devicesShown && <DevicePermissionNotice />}
      {devices.isSuccess && devices.data.states.length === 0 && <Typography>This user has no devices for this script.</Typography>}
      {devices.isSuccess && devices.data.states.length > 0 && (
        <DeviceStatesTable label="Devices" states={devices.data.states} devicesShown={devices.data.devicesShown} />
      )}
    </Box>
  );
}
