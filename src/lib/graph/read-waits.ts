import type { RetryNotice } from './graph-request';

/** A read waiting to be sent again, with the time its wait was announced (for a countdown). */
export type WaitingRead = RetryNotice & { at: number };

/**
 * The reads that are waiting out a retry (throttling, an outage), for the one notice the shell
 * shows (`ReadWaitNotice`). The Graph client reports only reads whose caller shows no retry of
 * its own, so a save's read is never announced twice. An external store (useSyncExternalStore):
 * reads start and settle outside React.
 */
export class ReadWaits {
  private readonly waits = new Map<string, WaitingRead>();
  private readonly listeners = new Set<() => void>();
  private snapshot: readonly WaitingRead[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** The read `id` (its client-request-id) waits `notice.delayMs` before it is sent again. */
  waiting(id: string, notice: RetryNotice): void {
    this.waits.set(id, { ...notice, at: this.now() });
    this.changed();
  }

  /** The read `id` has its answer, or has failed for good. */
  settled(id: string): void {
    if (this.waits.delete(id)) this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Every read's last announced wait, in the order the reads first waited (a stable array between changes). */
  current = (): readonly WaitingRead[] => this.snapshot;

  private changed(): void {
    this.snapshot = [...this.waits.values()];
    for (const listener of this.listeners) listener();
  }
}

/** The end of a wait, in the clock's milliseconds. */
export function waitEndsAt(wait: WaitingRead): number {
  return wait.at + wait.delayMs;
}
