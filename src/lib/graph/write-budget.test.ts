import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('./write-pacer');
  vi.resetModules();
});

describe('lazyWritePacer', () => {
  it('lets a write go out without a slot when the pacer code cannot download, and asks for the code again on the next write', async () => {
    let downloads = 0;
    let reachable = false;
    const acquire = vi.fn(async () => async () => undefined);
    vi.doMock('./write-pacer', () => {
      downloads += 1;
      if (!reachable) throw new TypeError('Failed to fetch dynamically imported module');
      return { createWritePacer: () => ({ limit: 200, acquire }) };
    });
    const { lazyWritePacer } = await import('./write-budget');
    const pacer = lazyWritePacer();

    const release = await pacer.acquire(1);
    await expect(release()).resolves.toBeUndefined();
    expect(acquire).not.toHaveBeenCalled();

    reachable = true;
    vi.resetModules();
    await pacer.acquire(1);
    expect(acquire).toHaveBeenCalledWith(1, undefined);
    expect(downloads).toBe(2);
  });

  it('reports a pacer that cannot start instead of writing unpaced', async () => {
    vi.doMock('./write-pacer', () => ({
      createWritePacer: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    }));
    const { lazyWritePacer } = await import('./write-budget');
    await expect(lazyWritePacer().acquire(1)).rejects.toThrow('The operation is insecure.');
  });
});
