/**
 * Exponential backoff with "equal jitter" (half the step fixed, half random), capped, so that many
 * throttled tabs or items do not retry in lockstep. `attempt` is 1 for the first retry.
 */
export function backoffDelayMs(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const step = Math.min(capMs, baseMs * 2 ** (attempt - 1));
  return step / 2 + random() * (step / 2);
}
