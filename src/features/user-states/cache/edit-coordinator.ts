import type { ScriptKind } from '../../../lib/script-kinds';
import type { UserState, UserStateChanges } from '../api/schema';

/** An edit laid over the cached rows until Graph has answered it. */
export interface PendingEdit {
  scriptKind: ScriptKind;
  scriptId: string;
  stateId: string;
  changes: UserStateChanges;
}

/** A save Graph accepted: what there was before, what was written, and how to find it in Graph's logs. */
export interface ConfirmedEdit {
  scriptKind: ScriptKind;
  scriptId: string;
  stateId: string;
  /** The row as the cache showed it just before the edit (what an undo would write back). */
  before: UserState;
  /** The PATCH body. */
  written: UserStateChanges;
  /** The row as Graph answered it. */
  after: UserState;
  /** Epoch milliseconds of Graph's answer. */
  at: number;
  /** Graph's `request-id` of the PATCH, null when the answer had none. */
  requestId: string | null;
  /** The PATCH's `client-request-id`: what Intune's audit event names as its correlation id. */
  clientRequestId?: string | null;
  /**
   * The change-log entry this edit belongs to: one save, or every row of one bulk job. Every save
   * of the app sets it; an edit without one is an entry of its own.
   */
  changeId?: string;
  /** The entry this edit compensates, when it is an undo. */
  undoes?: string;
}

/**
 * Where the log is kept beyond this page's memory (the session's change log, attached by the
 * user-states feature: undo/change-log-store.ts), so the entry bundle carries no storage code.
 */
export interface EditLogStore {
  read(): readonly ConfirmedEdit[];
  write(log: readonly ConfirmedEdit[]): void;
}

/** Enough for undo and a session's history; older entries are dropped first. */
export const confirmedLogLimit = 1000;

/**
 * The app's bookkeeping for edits, created once beside the QueryClient (src/main.tsx) and handed
 * down through EditCoordinatorProvider:
 * - pending changes per row, laid over any server data that arrives meanwhile, so a background
 *   fetch never replaces a newer optimistic value with an older server value; one ticket can
 *   cover many rows (a bulk edit is begun and settled as one);
 * - a promise chain per row, so successive edits of one row reach Graph in the order they were made;
 * - a log of confirmed edits, newest last: the session's change log once a store is attached.
 */
export class EditCoordinator {
  private nextTicket = 1;
  private readonly pending = new Map<string, Map<number, UserStateChanges>>();
  private readonly ticketRows = new Map<number, string[]>();
  private readonly chains = new Map<string, Promise<unknown>>();
  private confirmedVersion = 0;
  private readonly confirmed = new Map<string, { row: UserState; version: number }>();
  private log: ConfirmedEdit[] = [];
  private store: EditLogStore | null = null;
  private readonly recordedListeners = new Set<(edit: ConfirmedEdit) => void>();

  /** Lays `edits` over the cache until `settle(ticket)`; one ticket for all of them. */
  begin(edits: readonly PendingEdit[]): number {
    const ticket = this.nextTicket++;
    const keys: string[] = [];
    for (const { scriptKind, scriptId, stateId, changes } of edits) {
      const key = rowKeyOf(scriptKind, scriptId, stateId);
      let entries = this.pending.get(key);
      if (entries === undefined) {
        entries = new Map();
        this.pending.set(key, entries);
      }
      entries.set(ticket, { ...entries.get(ticket), ...changes });
      keys.push(key);
    }
    this.ticketRows.set(ticket, keys);
    return ticket;
  }

  /** The edits of `ticket` were answered (or refused): they no longer overlay server data. */
  settle(ticket: number): void {
    for (const key of this.ticketRows.get(ticket) ?? []) {
      const entries = this.pending.get(key);
      entries?.delete(ticket);
      if (entries?.size === 0) this.pending.delete(key);
    }
    this.ticketRows.delete(ticket);
  }

  hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** Increases with every confirmed row; read it before sending a request whose answer may be overlaid. */
  version(): number {
    return this.confirmedVersion;
  }

  /** Records what Graph holds for a row (a save's answer, a conflict's read), so answers to reads sent earlier cannot undo it. */
  confirm(kind: ScriptKind, scriptId: string, row: UserState): void {
    this.confirmedVersion += 1;
    this.confirmed.set(rowKeyOf(kind, scriptId, row.id), { row, version: this.confirmedVersion });
  }

  /** A save Graph accepted: its row is confirmed and the edit joins the log. */
  recordEdit(edit: ConfirmedEdit): void {
    this.confirm(edit.scriptKind, edit.scriptId, edit.after);
    this.log = [...this.log, edit].slice(-confirmedLogLimit);
    this.store?.write(this.log);
    for (const listener of this.recordedListeners) listener(edit);
  }

  /** Told of every save Graph accepted (single, bulk, undo): what was read from its script is out of date. */
  onEditRecorded(listener: (edit: ConfirmedEdit) => void): () => void {
    this.recordedListeners.add(listener);
    return () => this.recordedListeners.delete(listener);
  }

  /** Keeps the log in `store` from now on, after what it already holds (the first store only). */
  keepLogIn(store: EditLogStore): void {
    if (this.store !== null) return;
    this.store = store;
    this.log = [...store.read(), ...this.log].slice(-confirmedLogLimit);
  }

  /** Confirmed edits of this session, oldest first; a new array after every change. */
  confirmedEdits(): readonly ConfirmedEdit[] {
    return this.log;
  }

  /**
   * The row as the user expects to see it: server data read at `readVersion` (replaced by a row
   * confirmed after that read was sent), plus edits not yet answered, oldest first.
   */
  overlay(kind: ScriptKind, scriptId: string, row: UserState, readVersion: number = this.confirmedVersion): UserState {
    if (this.pending.size === 0 && readVersion === this.confirmedVersion) return row;
    const key = rowKeyOf(kind, scriptId, row.id);
    let result = row;
    const confirmed = this.confirmed.get(key);
    if (confirmed !== undefined && confirmed.version > readVersion) result = confirmed.row;
    const entries = this.pending.get(key);
    if (entries !== undefined) for (const changes of entries.values()) result = { ...result, ...changes };
    return result;
  }

  /** Runs `task` after every earlier task for the same row has settled. */
  serialize<T>(kind: ScriptKind, scriptId: string, stateId: string, task: () => Promise<T>): Promise<T> {
    const rowKey = rowKeyOf(kind, scriptId, stateId);
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

/** A row is named by its script's kind too: two kinds' scripts may share an id. */
function rowKeyOf(kind: ScriptKind, scriptId: string, stateId: string): string {
  return `${kind}\u0000${scriptId}\u0000${stateId}`;
}
