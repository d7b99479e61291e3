import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { BarChart } from '@mui/x-charts/BarChart';
import { memo } from 'react';
import { Link as RouterLink } from 'react-router';
import { deviceStatesPath } from '../../../config/routes';
import type { ScriptKind } from '../../../lib/script-kinds';
import { useRunSummary, useRunSummaryChanged } from '../api/get-run-summary';
import { runSummaryChartHeight, RunSummarySpace } from './run-summary-space';

/** The user-states filters a part of the chart applies (the same rules as Graph's runSummary). */
export type SummaryStatus = 'errors' | 'succeeded' | 'none';

export interface RunSummaryChartProps {
  kind: ScriptKind;
  scriptId: string;
  /** All user states of the script, once counted: "No devices" is what errors and successes leave. */
  userCount: number | null;
  onSelectStatus: (status: SummaryStatus) => void;
}

const numberFormat = new Intl.NumberFormat('en-US');

interface Part {
  label: string;
  value: number;
  status?: SummaryStatus;
  color: string;
}

/**
 * The script's run summary: users with errors, succeeded and with no devices, and devices
 * succeeded and failed. Selecting a user bar (or its button, for the keyboard) filters the grid.
 * Memoised: the page above it re-renders for every keystroke and streamed batch, and a chart
 * render costs several milliseconds that the grid's update would wait for.
 */
export const RunSummaryChart = memo(function RunSummaryChart({
  kind,
  scriptId,
  userCount,
  onSelectStatus,
}: RunSummaryChartProps) {
  const summary = useRunSummary(kind, scriptId);
  const changed = useRunSummaryChanged(kind, scriptId, summary.isStale);
  const { palette } = useTheme();
  // Its space is held while Graph is asked; a summary Graph would not give leaves none.
  if (summary.data === undefined) return summary.isPending ? <RunSummarySpace /> : null;
  const errorUsers = summary.data.errorUserCount ?? 0;
  const successUsers = summary.data.successUserCount ?? 0;
  const parts: Part[] = [
    { label: 'Users with errors', value: errorUsers, status: 'errors', color: palette.error.main },
    { label: 'Users succeeded', value: successUsers, status: 'succeeded', color: palette.success.main },
    ...(userCount === null
      ? []
      : [
          {
            label: 'Users with no devices',
            value: Math.max(0, userCount - errorUsers - successUsers),
            status: 'none' as const,
            color: palette.grey[500],
          },
        ]),
    { label: 'Devices succeeded', value: summary.data.successDeviceCount ?? 0, color: palette.success.dark },
    { label: 'Devices failed', value: summary.data.errorDeviceCount ?? 0, color: palette.error.dark },
  ];
  const userParts = parts.filter((part): part is Part & { status: SummaryStatus } => part.status !== undefined);

  return (
    <Box component="section" aria-label="Run summary" sx={{ mb: 2 }}>
      <BarChart
        height={runSummaryChartHeight}
        layout="horizontal"
        margin={{ left: 8, right: 24 }}
        // Counts: whole-number ticks (a script with no runs had "0.000000" on its axis).
        xAxis={[{ tickMinStep: 1, valueFormatter: (value: number) => numberFormat.format(value) }]}
        yAxis={[
          {
            scaleType: 'band',
            data: parts.map((part) => part.label),
            width: 150,
            colorMap: { type: 'ordinal', colors: parts.map((part) => part.color) },
          },
        ]}
        series={[
          {
            data: parts.map((part) => part.value),
            label: 'Count',
            valueFormatter: (value) => numberFormat.format(value ?? 0),
          },
        ]}
        hideLegend
        // The keyboard has the "Show:" buttons and the device counts as text below: the chart's own
        // keyboard navigation was one more Tab stop, without a name or a visible focus.
        disableKeyboardNavigation
        onItemClick={(_event, item) => {
          const status = parts[item.dataIndex]?.status;
          if (status !== undefined) onSelectStatus(status);
        }}
      />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
        <Typography variant="body2" sx={{ alignSelf: 'center' }}>
          Show:
        </Typography>
        {userParts.map((part) => (
          <Button key={part.status} size="small" variant="outlined" onClick={() => onSelectStatus(part.status)}>
            {`${part.label} (${numberFormat.format(part.value)})`}
          </Button>
        ))}
        <Typography variant="body2" sx={{ alignSelf: 'center' }}>
          {`Devices: ${numberFormat.format(summary.data.successDeviceCount ?? 0)} succeeded, ${numberFormat.format(summary.data.errorDeviceCount ?? 0)} failed`}
        </Typography>
        {/* Every device of the script, filterable by status: the other way into "why" than user by user. */}
        <Link component={RouterLink} to={deviceStatesPath(kind, scriptId)} variant="body2" sx={{ alignSelf: 'center' }}>
          Device status
        </Link>
      </Box>
      {changed && (
        // Graph's own counts, as read before the saves since: said, and read again on request.
        <Box role="status" sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 1 }}>
          <Typography variant="body2">Saved since these counts were read.</Typography>
          <Button size="small" onClick={() => void summary.refetch()} disabled={summary.isFetching}>
            Refresh counts
          </Button>
        </Box>
      )}
    </Box>
  );
});
