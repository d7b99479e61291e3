/**
 * Runs `task` once the browser has painted the next frame: work that can wait a frame (a cache
 * update that re-renders a large page) no longer holds up what the user just did. A hidden tab
 * paints no frames, so `fallbackMs` later the task runs anyway: nothing waits for the tab to be
 * shown again. Returns a function that cancels the task.
 */
export function afterNextPaint(task: () => void, fallbackMs = 100): () => void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    task();
  };
  // requestAnimationFrame runs just before the paint; a task queued from it runs just after.
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => setTimeout(run, 0)) : null;
  const fallback = setTimeout(run, fallbackMs);
  return () => {
    done = true;
    clearTimeout(fallback);
    if (frame !== null) cancelAnimationFrame(frame);
  };
}
