import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { formatCount, formatCountOf, formatShare, share } from '../../../lib/format-number';
import type { ScriptKind } from '../../../lib/script-kinds';
import { useRunSummary } from '../api/get-run-summary';

/**
 * A script's run summary, comparable down the list at a glance: the share of users with errors
 * as words and as a small bar (decoration only; the words carry it), then the counts.
 */
export function RunSummary({ kind, scriptId }: { kind: ScriptKind; scriptId: string }) {
  const summary = useRunSummary(kind, scriptId);
  if (summary.isPending) return <span>…</span>;
  if (summary.isError) return <span>Unavailable</span>;
  const successDevices = summary.data.successDeviceCount ?? 0;
  const errorDevices = summary.data.errorDeviceCount ?? 0;
  const successUsers = summary.data.successUserCount ?? 0;
  const errorUsers = summary.data.errorUserCount ?? 0;
  const errorShare = share(errorUsers, successUsers + errorUsers);
  return (
    <Box sx={{ minWidth: { xs: 160, md: 270 } }}>
      {errorShare === null ? (
        <Typography variant="body2">No user has reported yet</Typography>
      ) : (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <ShareBar value={errorShare} />
          <Typography variant="body2" sx={{ fontWeight: 500 }}>
            {`${formatShare(errorShare)} of users with errors`}
          </Typography>
        </Box>
      )}
      <Typography variant="body2" color="text.secondary">
        {`${formatCountOf(successDevices, ['device', 'devices'])} succeeded, ${formatCount(errorDevices)} failed`}
        <br />
        {`${formatCountOf(successUsers, ['user', 'users'])} succeeded, ${formatCount(errorUsers)} failed`}
      </Typography>
    </Box>
  );
}

function ShareBar({ value }: { value: number }) {
  return (
    <Box
      aria-hidden="true"
      data-share={value}
      sx={{ flexShrink: 0, width: 64, height: 8, borderRadius: 4, overflow: 'hidden', bgcolor: 'success.main', display: 'flex' }}
    >
      {/* A sliver stays visible for any error at all. */}
      <Box sx={{ width: `${value === 0 ? 0 : Math.max(value * 100, 4)}%`, bgcolor: 'error.main' }} />
    </Box>
  );
}
