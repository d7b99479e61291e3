// The test watches Node's own report of unhandled rejections; it never runs in a browser.
import process from 'node:process';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('./user-states-chunk');
  vi.doUnmock('./routes/device-states-route');
  vi.resetModules();
});

describe('preloadRouteChunk', () => {
  it('starts the deep link’s chunk, and a download that fails raises no unhandled rejection', async () => {
    // A plain function, not vi.fn: the spy would itself handle the promise it records.
    let loads = 0;
    const load = () => {
      loads += 1;
      return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    };
    vi.doMock('./user-states-chunk', () => ({ loadUserStatesRoute: load }));
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const { preloadRouteChunk } = await import('./route-chunks');
      preloadRouteChunk('/deviceManagement/deviceManagementScripts/script-1/userRunStates');
      expect(loads).toBe(1);
      // Node reports an unhandled rejection once the microtasks have run, before any timer fires.
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('starts the device status chunk for a device status deep link', async () => {
    let evaluated = 0;
    vi.doMock('./routes/device-states-route', () => {
      evaluated += 1;
      return {};
    });
    const { preloadRouteChunk } = await import('./route-chunks');
    preloadRouteChunk('/deviceManagement/deviceManagementScripts/script-1/deviceRunStates');
    await vi.waitFor(() => expect(evaluated).toBe(1));
  });
});
