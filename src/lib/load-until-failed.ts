/**
 * Code (or anything) that loads once and is shared by every caller, but is asked for anew after a
 * failed load: a dropped connection costs the attempt, not the page's life. The failure still
 * reaches each caller that awaits it; a caller that only starts the load early raises no unhandled
 * rejection.
 */
export function loadUntilFailed<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    if (pending === null) {
      const attempt = load();
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = null;
      });
    }
    return pending;
  };
}
