import { render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { GridWarmUp } from './grid-warm-up';

describe('GridWarmUp', () => {
  it('mounts the grid out of reach, leaves its styles behind and says when it has been painted', async () => {
    const onDone = vi.fn();
    const { container } = render(
      <MemoryRouter>
        <GridWarmUp onDone={onDone} />
      </MemoryRouter>,
    );
    const grid = container.querySelector('.MuiDataGrid-root');
    expect(grid).not.toBeNull();
    // Neither read by assistive technology nor reached by keyboard or pointer.
    expect(grid?.closest('[aria-hidden="true"]')).toHaveAttribute('inert');
    expect(screen.queryByRole('grid')).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
    const styles = [...document.querySelectorAll('style[data-emotion]')].map((style) => style.textContent).join('');
    expect(styles).toContain('MuiDataGrid');
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
  });
});
