import { act, render, screen } from '@testing-library/react';
import { vi } from 'vitest';
import { ErrorBoundary } from './error-boundary';
import { ShellIconButton } from './shell-icon-button';

// The tooltip's chunk cannot download: what a dynamic import does when the network is gone.
vi.mock('@mui/material/Tooltip', () => {
  throw new TypeError('Failed to fetch dynamically imported module: /assets/Tooltip.js');
});

describe('ShellIconButton', () => {
  it('stays a named button when its tooltip code cannot load, and the page around it stays', async () => {
    // React reports the error it caught on the console (the test setup's spy): expected here.
    vi.mocked(console.error).mockImplementation(() => undefined);
    const onClick = vi.fn();
    render(
      <ErrorBoundary fallback={() => <p>The page failed</p>}>
        <header>
          <ShellIconButton label="Switch to dark mode" onClick={onClick} />
        </header>
        <p>the grid</p>
      </ErrorBoundary>,
    );
    // Let the lazy import reject and React settle on what it renders after that.
    await act(async () => {
      await import('@mui/material/Tooltip').catch(() => undefined);
    });
    expect(screen.queryByText('The page failed')).not.toBeInTheDocument();
    expect(screen.getByText('the grid')).toBeInTheDocument();
    screen.getByRole('button', { name: 'Switch to dark mode' }).click();
    expect(onClick).toHaveBeenCalledOnce();
  });
});
