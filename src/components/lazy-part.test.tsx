import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { vi } from 'vitest';
import { lazyPart } from './lazy-part';

function Greeting({ name }: { name: string }) {
  const [count, setCount] = useState(0);
  return (
    <button type="button" onClick={() => setCount(count + 1)}>
      Hello {name} {count}
    </button>
  );
}

/** A chunk that cannot download, as Chromium reports it. */
const failedDownload = () =>
  Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/greeting.js'));

/** The greeting as a part whose code never downloads, and how often it was asked for. */
function undownloadablePart() {
  const asked = { count: 0 };
  const part = lazyPart<{ name: string }>('the greeting', () => {
    asked.count += 1;
    return failedDownload();
  });
  return { part, asked };
}

describe('lazyPart', () => {
  it('renders at once, with no fallback, when a loader preloaded the code', async () => {
    const section = lazyPart('the greeting', () => Promise.resolve(Greeting));
    await section.preload();
    render(<section.Component fallback={<p>Loading…</p>} name="Ada" />);
    // Synchronously, before a promise settles: no Suspense round trip, so no reveal throttle.
    expect(screen.getByRole('button')).toHaveTextContent('Hello Ada 0');
    expect(screen.queryByText('Loading…')).toBeNull();
  });

  it('shows the fallback while the code is still on its way, then the component', async () => {
    let arrive: (component: typeof Greeting) => void = () => {};
    const section = lazyPart('the greeting', () => new Promise<typeof Greeting>((resolve) => (arrive = resolve)));
    render(<section.Component fallback={<p>Loading…</p>} name="Ada" />);
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    await act(async () => arrive(Greeting));
    expect(await screen.findByRole('button')).toHaveTextContent('Hello Ada 0');
  });

  it('keeps a lazily mounted component (and its state) when it renders again after the code arrived', async () => {
    const section = lazyPart('the greeting', () => Promise.resolve(Greeting));
    const { rerender } = render(<section.Component fallback={<p>Loading…</p>} name="Ada" />);
    const button = await screen.findByRole('button');
    await act(async () => button.click());
    rerender(<section.Component fallback={<p>Loading…</p>} name="Grace" />);
    expect(screen.getByRole('button')).toHaveTextContent('Hello Grace 1');
  });

  it('loads the code once however often it is asked for', async () => {
    let loads = 0;
    const section = lazyPart('the greeting', () => {
      loads += 1;
      return Promise.resolve(Greeting);
    });
    await Promise.all([section.preload(), section.preload()]);
    render(<section.Component fallback={<p>Loading…</p>} name="Ada" />);
    expect(loads).toBe(1);
  });

  it('says in its place that its code did not download, keeps the page, and loads on "Try again"', async () => {
    const downloads = [() => failedDownload(), () => Promise.resolve(Greeting)];
    const section = lazyPart(
      'the greeting',
      () => downloads.shift()?.() ?? Promise.reject(new Error('asked too often')),
    );
    render(
      <main>
        <section.Component fallback={<p>Loading…</p>} name="Ada" />
        <input aria-label="Typed before" defaultValue="kept" />
      </main>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The greeting could not load: its code did not download. Check the connection, then try again.',
    );
    expect(screen.getByRole('textbox', { name: 'Typed before' })).toHaveValue('kept');
    await userEvent.click(screen.getByRole('button', { name: 'Try again to load the greeting' }));
    expect(await screen.findByRole('button', { name: /Hello Ada/ })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(downloads).toHaveLength(0);
  });

  it('asks for a reload when the code fails to download again (a browser that keeps failed module fetches)', async () => {
    const { part: section, asked } = undownloadablePart();
    render(<section.Component name="Ada" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Try again to load the greeting' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The greeting still could not load. Reload the page to load it: the browser may keep a failed download until then.',
    );
    // "Try again" went away with the first alert: the keyboard continues on the new one's button.
    expect(screen.getByRole('button', { name: 'Reload page' })).toHaveFocus();
    expect(asked.count).toBe(2);
  });

  it("counts a loader's failed early start as no failure of its own: the part asks once, then says it failed the first time", async () => {
    const { part: section, asked } = undownloadablePart();
    await section.preload().catch(() => undefined);
    render(<section.Component name="Ada" />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The greeting could not load: its code did not download. Check the connection, then try again.',
    );
    expect(asked.count).toBe(2);
  });

  it('asks for the code anew when it mounts again after a failed download', async () => {
    const downloads = [() => failedDownload(), () => Promise.resolve(Greeting)];
    const section = lazyPart<{ name: string }>(
      'the greeting',
      () => downloads.shift()?.() ?? Promise.reject(new Error('asked too often')),
    );
    const first = render(<section.Component name="Ada" />);
    expect(await screen.findByRole('alert')).toHaveTextContent('The greeting could not load');
    first.unmount();
    render(<section.Component name="Grace" />);
    expect(await screen.findByRole('button', { name: /Hello Grace/ })).toBeInTheDocument();
    expect(downloads).toHaveLength(0);
  });

  it('closes the failure of a part the user opened (only such a part offers to), and asks for a reload when it fails again', async () => {
    const section = lazyPart<{ name: string }>('the greeting', () => failedDownload());
    function Opener() {
      const [open, setOpen] = useState(true);
      return open ? <section.Component name="Ada" onDismissFailure={() => setOpen(false)} /> : <p>Closed</p>;
    }
    const page = render(<Opener />);
    expect(await screen.findByRole('alert')).toHaveTextContent('The greeting could not load');
    await userEvent.click(screen.getByRole('button', { name: 'Close the greeting' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Closed')).toBeInTheDocument();
    page.unmount();
    // Opened again, its code failed for the second time in this page: only a reload can help now.
    // A part of the page itself (no one to close it) keeps its message.
    render(<section.Component name="Ada" />);
    expect(await screen.findByRole('alert')).toHaveTextContent('The greeting still could not load. Reload the page');
    expect(screen.getByRole('button', { name: 'Reload page' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Close/ })).toBeNull();
  });

  it('keeps a part that fails while it renders to its place, with what went wrong', async () => {
    // React reports the render error it caught on the console (the test setup's spy): expected here.
    vi.mocked(console.error).mockImplementation(() => undefined);
    let broken = true;
    function Fragile() {
      if (broken) throw new Error('the job store is unreadable');
      return <p>Working</p>;
    }
    const section = lazyPart('the bulk edit', () => Promise.resolve(Fragile));
    await section.preload();
    render(
      <main>
        <section.Component />
        <p>the grid</p>
      </main>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The bulk edit stopped on an error: the job store is unreadable. Try again; if it fails again, reload the page.',
    );
    expect(screen.getByText('the grid')).toBeInTheDocument();
    broken = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again to load the bulk edit' }));
    expect(screen.getByText('Working')).toBeInTheDocument();
  });

  it('asks for a reload when the part fails while rendering again', async () => {
    vi.mocked(console.error).mockImplementation(() => undefined);
    function Broken(): never {
      throw new Error('the job store is unreadable');
    }
    const section = lazyPart('the bulk edit', () => Promise.resolve(Broken));
    await section.preload();
    render(<section.Component />);
    await userEvent.click(screen.getByRole('button', { name: 'Try again to load the bulk edit' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The bulk edit stopped on an error again: the job store is unreadable. Reload the page.',
    );
    expect(screen.getByRole('button', { name: 'Reload page' })).toHaveFocus();
  });
});
