import { render, screen } from '@testing-library/react';
import { vi } from 'vitest';
import { RunSummaryBoundary } from './run-summary-boundary';

function ChartThatCannotLoad(): never {
  throw new TypeError('Failed to fetch dynamically imported module: /assets/run-summary-chart.js');
}

describe('RunSummaryBoundary', () => {
  it('shows that the summary is missing instead of failing the page around it', () => {
    // React reports the error it caught on the console (the test setup's spy): expected here.
    vi.mocked(console.error).mockImplementation(() => undefined);
    render(
      <main>
        <RunSummaryBoundary>
          <ChartThatCannotLoad />
        </RunSummaryBoundary>
        <p>the grid</p>
      </main>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('The run summary could not load.');
    expect(screen.getByText('the grid')).toBeInTheDocument();
  });
});
