/**
 * Runs `task` when the browser is idle (or after `timeoutMs` at the latest) and returns a function
 * that cancels it. Falls back to a plain timeout where requestIdleCallback is missing (jsdom).
 */
export function whenIdle(task: () => void, timeoutMs = 2000): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(task, { timeout: timeoutMs });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(task, 0);
  return () => window.clearTimeout(handle);
}
