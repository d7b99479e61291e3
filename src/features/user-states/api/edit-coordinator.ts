import type { QueryClient } from '@tanstack/react-query';
import type { UserState, UserStateChanges } from './schema';

/**
 * Per QueryClient bookkeeping for edits in flight:
 * - pending changes per row, laid over any server data that arrives meanwhile, so a background
 *   fetch never replaces a newer optimistic value with an older server value;
 * - a promise chain per row, so successive edits of one row reach Graph in the order they were made.
 */
export class EditCoordinator {
  private nextSequence = 1;
  private readonly pending = new Map<string, Map<number, UserStateChanges>>();
  private readonly chains = new Map<string, Promise<unknown>>();
  private confirmedVersion = 0;
  private readonly confirmed = new Map<string, { row: UserState; version: number }>();

  addPending(rowKey: string, changes: UserStateChanges): number {
    const sequence = this.nextSequence++;
    let entries = this.pending.get(rowKey);
    if (entries === undefined) {
      entries = new Map();
      this.pending.set(rowKey, entries);
    }
    entries.set(sequence, changes);
    return sequence;
  }

  removePending(rowKey: string, sequence: number): void {
    const entries = this.pending.get(rowKey);
    entries?.delete(sequence);
    if (entries?.size === 0) this.pending.delete(rowKey);
  }

  hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** Increases with every confirmed save; read it before sending a request whose answer may be overlaid. */
  version(): number {
    return this.confirmedVersion;
  }

  /** Records Graph's answer to a save, so answers to reads sent earlier cannot undo it. */
  confirm(scriptId: string, row: UserState): void {
    this.confirmedVersion += 1;
    this.confirmed.set(rowKeyOf(scriptId, row.id), { row, version: this.confirmedVersion });
  }

  /**
   * The row as the user expects to see it: server data read at `readVersion` (replaced by a save
   * confirmed after that read was sent), plus edits not yet confirmed, oldest first.
   */
  overlay(scriptId: string, row: UserState, readVersion: number = this.confirmedVersion): UserState {
    if (this.pending.size === 0 && readVersion === this.confirmedVersion) return row;
    const key = rowKeyOf(scriptId, row.id);
    let result = row;
    const confirmed = this.confirmed.get(key);
    if (confirmed !== undefined && confirmed.version > readVersion) result = confirmed.row;
    const entries = this.pending.get(key);
    if (entries !== undefined) for (const changes of entries.values()) result = { ...result, ...changes };
    return result;
  }

  /** Runs `task` after every earlier task for the same row has settled. */
  serialize<T>(rowKey: string, task: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(rowKey) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.chains.set(rowKey, settled);
    void settled.then(() => {
      if (this.chains.get(rowKey) === settled) this.chains.delete(rowKey);
    });
    return run;
  }
}

export function rowKeyOf(scriptId: string, stateId: string): string {
  return `${scriptId}\u0000${stateId}`;
}

const coordinators = new WeakMap<QueryClient, EditCoordinator>();

export function editCoordinatorFor(queryClient: QueryClient): EditCoordinator {
  let coordinator = coordinators.get(queryClient);
  if (coordinator === undefined) {
    coordinator = new EditCoordinator();
    coordinators.set(queryClient, coordinator);
  }
  return coordinator;
}
