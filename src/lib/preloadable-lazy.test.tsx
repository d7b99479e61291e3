import { act, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { preloadableLazy } from './preloadable-lazy';

function Greeting({ name }: { name: string }) {
  const [count, setCount] = useState(0);
  return (
    <button type="button" onClick={() => setCount(count + 1)}>
      Hello {name} {count}
    </button>
  );
}

describe('preloadableLazy', () => {
  it('renders at once, with no fallback, when a loader preloaded the code', async () => {
    const section = preloadableLazy(() => Promise.resolve(Greeting));
    await section.preload();
    render(<section.Component fallback={<p>Loading…</p>} name="Ada" />);
    // Synchronously, before any promise settles: no Suspense round trip, so no reveal throttle.
    expect(screen.getByRole('button')).toHaveTextContent('Hello Ada 0');
    expect(screen.queryByText('Loading…')).toBeNull();
  });

  it('shows the fallback while the code is still on its way, then the component', async () => {
    let arrive: (component: typeof Greeting) => void = () => {};
    const section = preloadableLazy(() => new Promise<typeof Greeting>((resolve) => (arrive = resolve)));
    render(<section.Component fallback={<p>Loading…</p>} name="Ada" />);
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    await act(async () => arrive(Greeting));
    expect(await screen.findByRole('button')).toHaveTextContent('Hello Ada 0');
  });

  it('keeps a lazily mounted component (and its state) when it renders again after the code arrived', async () => {
    const section = preloadableLazy(() => Promise.resolve(Greeting));
    const { rerender } = render(<section.Component fallback={<p>Loading…</p>} name="Ada" />);
    const button = await screen.findByRole('button');
    await act(async () => button.click());
    rerender(<section.Component fallback={<p>Loading…</p>} name="Grace" />);
    expect(screen.getByRole('button')).toHaveTextContent('Hello Grace 1');
  });

  it('loads the code once however often it is asked for', async () => {
    let loads = 0;
    const section = preloadableLazy(() => {
      loads += 1;
      return Promise.resolve(Greeting);
    });
    await Promise.all([section.preload(), section.preload()]);
    render(<section.Component fallback={<p>Loading…</p>} name="Ada" />);
    expect(loads).toBe(1);
  });
});
