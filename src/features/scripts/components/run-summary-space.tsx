import Box from '@mui/material/Box';

/** The bar chart's own height in the run summary. */
export const runSummaryChartHeight = 180;
/** The row of "Show: …" buttons under the chart, on one line (small outlined buttons). */
const buttonsRowHeight = 31;

/**
 * The space the run summary takes, held while it is on its way (its chart code, its Graph
 * request, or the page letting the grid's first rows go first), so the grid below does not jump
 * when it arrives. On a screen so narrow that the buttons wrap, the summary is taller than this.
 */
export function RunSummarySpace() {
  return <Box aria-hidden="true" sx={{ height: runSummaryChartHeight + buttonsRowHeight, mb: 2 }} />;
}
