/**
 * Long CSV work (100,000 rows) runs on the main thread in slices: a slice ends once it has used
 * its time budget, and the next one starts after the browser has had a turn to paint and handle
 * input. A frame is 16 ms; 12 ms leaves room for the browser's own work in the same frame.
 */
export const SLICE_BUDGET_MS = 12;

export interface CsvProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * Resolves in a new task, after the browser has been free to render and run input handlers.
 * A message rather than a timer: background tabs throttle timers to one per second, which would
 * stretch a 20-slice export to 20 s; `setTimeout(0)` is also clamped to 4 ms once nested.
 */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Tells when the current slice has used its budget, and starts the next slice after a yield. */
export interface SliceClock {
  due(): boolean;
  /** Yields to the browser, then rejects with the signal's reason if the work was aborted meanwhile. */
  next(signal: AbortSignal | undefined): Promise<void>;
}

export function sliceClock(budgetMs = SLICE_BUDGET_MS): SliceClock {
  let sliceStart = performance.now();
  return {
    due: () => performance.now() - sliceStart >= budgetMs,
    async next(signal) {
      await yieldToBrowser();
      signal?.throwIfAborted();
      sliceStart = performance.now();
    },
  };
}
