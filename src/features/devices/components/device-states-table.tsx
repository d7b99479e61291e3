import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { UserPrincipalName } from '../../../components/user-principal-name';
import { deviceReadScopeName } from '../../../lib/auth/scopes';
import type { DeviceState } from '../api/schema';
import { ResultCell } from './result-cell';
import { runStateLabels } from './run-state-label';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function formatDate(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? '—' : dateFormat.format(time);
}

/** Intune documents its error codes in hex (0x87D1…); Graph sends them as signed Int32. */
function formatErrorCode(code: number): string {
  return `${code} (0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')})`;
}

export interface DeviceStatesTableProps {
  label: string;
  states: readonly DeviceState[];
  /** False: the account may not read managed devices, so the device column has no names. */
  devicesShown: boolean;
  /** With it, a "User" column links each device state to its user (the script-level view). */
  userLink?: (userPrincipalName: string) => string;
}

export function DeviceStatesTable({ label, states, devicesShown, userLink }: DeviceStatesTableProps) {
  return (
    <TableContainer component={Paper}>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            <TableCell>Device</TableCell>
            {userLink !== undefined && <TableCell>User</TableCell>}
            <TableCell>Status</TableCell>
            <TableCell>Result</TableCell>
            <TableCell>Error</TableCell>
            <TableCell>Last updated</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {states.map((state) => (
            <TableRow key={state.id}>
              <TableCell>
                <DeviceName state={state} devicesShown={devicesShown} />
              </TableCell>
              {userLink !== undefined && (
                <TableCell>
                  <UserCell upn={state.managedDevice?.userPrincipalName ?? ''} userLink={userLink} />
                </TableCell>
              )}
              <TableCell>{runStateLabels[state.runState]}</TableCell>
              <TableCell>
                <ResultCell message={state.resultMessage} />
              </TableCell>
              <TableCell>
                {state.errorCode ? <Typography variant="body2">{formatErrorCode(state.errorCode)}</Typography> : null}
                {state.errorDescription !== '' && <bdi>{state.errorDescription}</bdi>}
                {!state.errorCode && state.errorDescription === '' && '—'}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(state.lastStateUpdateDateTime)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function DeviceName({ state, devicesShown }: { state: DeviceState; devicesShown: boolean }) {
  const device = state.managedDevice;
  if (!devicesShown || device === null || device === undefined) {
    return <Typography variant="body2" color="text.secondary">{devicesShown ? 'Unknown device' : 'Not shown'}</Typography>;
  }
  const system = [device.operatingSystem, device.osVersion].filter((part) => part !== '').join(' ');
  return (
    <>
      <bdi>{device.deviceName || device.id}</bdi>
      {system !== '' && (
        <Typography variant="body2" color="text.secondary">
          {system}
        </Typography>
      )}
    </>
  );
}

function UserCell({ upn, userLink }: { upn: string; userLink: (userPrincipalName: string) => string }) {
  if (upn === '') return <>—</>;
  return (
    <Link component={RouterLink} to={userLink(upn)}>
      <UserPrincipalName value={upn} />
    </Link>
  );
}

/** Said above a table whose device names Graph withheld, naming what would show them. */
export function DevicePermissionNotice() {
  return (
    <Typography variant="body2" role="note" sx={{ my: 1 }}>
      Device names are not shown: they need the {deviceReadScopeName} permission, which this account does not have.
    </Typography>
  );
}
