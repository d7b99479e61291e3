import { SCRIPT_DEFINITIONS, type ScriptDefinition, type ScriptKind } from '../seed/catalog.ts';
import { seededAuditHistory } from '../seed/audit-history.ts';
import { forEachSeededUserState, type UserStateData } from '../seed/generate.ts';
import { AuditLog, userStateAuditEvent, type AuditContext, type AuditEventRecord } from './audit-log.ts';
import type { Journal, JournalEntry, UserStateChanges } from './journal.ts';

/** A stored user state. `upnLower` backs case-insensitive sorting and filtering. */
export interface UserStateRecord {
  id: string;
  userPrincipalName: string;
  successDeviceCount: number;
  errorDeviceCount: number;
  upnLower: string;
  /** Insertion sequence: the default order (seed order, then creations). */
  seq: number;
}

export type UserStateSortField = 'id' | 'userPrincipalName' | 'successDeviceCount' | 'errorDeviceCount';
/** Sort fields plus the insertion sequence, which orders a collection when no $orderby is given. */
type IndexField = UserStateSortField | 'seq';
export const USER_STATE_SORT_FIELDS: readonly UserStateSortField[] = ['id', 'userPrincipalName', 'successDeviceCount', 'errorDeviceCount'];

export interface SortKey<F extends string = UserStateSortField> {
  field: F;
  descending: boolean;
}

/** Where the previous page ended: the sort values and id of its last row (keyset paging). */
export interface Cursor {
  values: (string | number)[];
  id: string;
}

export interface CompiledFilter<T> {
  /** Normalised text of the filter, used as a cache key. */
  key: string;
  test: (row: T) => boolean;
}

export interface UserStateQuery {
  filter?: CompiledFilter<UserStateRecord>;
  orderBy: SortKey[];
  after?: Cursor;
  skip: number;
  top: number;
}

export interface PageResult<T> {
  rows: T[];
  total: number;
  /** Cursor for the next page, absent on the last page. */
  next?: Cursor;
}

export interface StoreStats {
  fullSorts: number;
}

export interface RunSummary {
  successDeviceCount: number;
  errorDeviceCount: number;
  successUserCount: number;
  errorUserCount: number;
}

/** Read-only, array-like view so that a descending sort can walk an ascending index backwards. */
export interface RowView<T> {
  length: number;
  at(index: number): T;
}

function arrayView<T>(rows: T[], reversed: boolean): RowView<T> {
  const length = rows.length;
  return {
    length,
    at: reversed ? (i) => rows[length - 1 - i] as T : (i) => rows[i] as T,
  };
}

function sortValue(row: UserStateRecord, field: IndexField): string | number {
  switch (field) {
    case 'seq':
      return row.seq;
    case 'id':
      return row.id;
    case 'userPrincipalName':
      return row.upnLower;
    case 'successDeviceCount':
      return row.successDeviceCount;
    case 'errorDeviceCount':
      return row.errorDeviceCount;
  }
}

/**
 * A sort as a total order ending with a unique key. No $orderby means insertion order (`seq`).
 * Otherwise the keys up to the first `id`, ending with `id`; without an explicit id the tie is
 * broken in the direction of the last key, so a single-key descending order is exactly its
 * ascending index walked backwards.
 */
export function normalizeOrder(orderBy: SortKey<IndexField>[]): SortKey<IndexField>[] {
  if (orderBy.length === 0) return [{ field: 'seq', descending: false }];
  const out: SortKey<IndexField>[] = [];
  for (const key of orderBy) {
    out.push(key);
    if (key.field === 'id' || key.field === 'seq') return out;
  }
  out.push({ field: 'id', descending: out[out.length - 1]?.descending ?? false });
  return out;
}

function isTerminal(field: IndexField): boolean {
  return field === 'id' || field === 'seq';
}

type Compare = (a: UserStateRecord, b: UserStateRecord) => number;

function keyComparator(field: IndexField): Compare {
  switch (field) {
    case 'seq':
      return (a, b) => a.seq - b.seq;
    case 'id':
      return (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    case 'userPrincipalName':
      return (a, b) => (a.upnLower < b.upnLower ? -1 : a.upnLower > b.upnLower ? 1 : 0);
    case 'successDeviceCount':
      return (a, b) => a.successDeviceCount - b.successDeviceCount;
    case 'errorDeviceCount':
      return (a, b) => a.errorDeviceCount - b.errorDeviceCount;
  }
}

/** Comparator for a normalised order, with direct property access (it runs millions of times). */
export function comparatorFor(order: SortKey<IndexField>[]): Compare {
  const parts = order.map((key) => {
    const compare = keyComparator(key.field);
    return key.descending ? (a: UserStateRecord, b: UserStateRecord) => compare(b, a) : compare;
  });
  if (parts.length === 1 && parts[0]) return parts[0];
  if (parts.length === 2 && parts[0] && parts[1]) {
    const [first, second] = parts as [Compare, Compare];
    return (a, b) => first(a, b) || second(a, b);
  }
  return (a, b) => {
    for (const part of parts) {
      const c = part(a, b);
      if (c !== 0) return c;
    }
    return 0;
  };
}

function cursorOf(row: UserStateRecord, order: SortKey<IndexField>[]): Cursor {
  return { values: order.filter((k) => k.field !== 'id').map((k) => sortValue(row, k.field)), id: row.id };
}

function recordFromCursor(cursor: Cursor, order: SortKey<IndexField>[]): UserStateRecord {
  const row: UserStateRecord = { id: cursor.id, userPrincipalName: '', upnLower: '', successDeviceCount: 0, errorDeviceCount: 0, seq: 0 };
  order
    .filter((k) => k.field !== 'id')
    .forEach((key, i) => {
      const value = cursor.values[i];
      if (key.field === 'userPrincipalName') row.upnLower = String(value ?? '');
      else if (key.field === 'successDeviceCount') row.successDeviceCount = Number(value ?? 0);
      else if (key.field === 'errorDeviceCount') row.errorDeviceCount = Number(value ?? 0);
      else if (key.field === 'seq') row.seq = Number(value ?? 0);
    });
  return row;
}

/** First position in `view` whose row sorts after `probe`. */
function upperBound<T>(view: RowView<T>, probe: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = view.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(view.at(mid), probe) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBound<T>(rows: T[], probe: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(rows[mid] as T, probe) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function toRecord(data: UserStateData, seq: number): UserStateRecord {
  return {
    id: data.id,
    userPrincipalName: data.userPrincipalName,
    successDeviceCount: data.successDeviceCount,
    errorDeviceCount: data.errorDeviceCount,
    upnLower: data.userPrincipalName.toLowerCase(),
    seq,
  };
}

export function publicUserState(row: UserStateRecord): UserStateData {
  return { id: row.id, successDeviceCount: row.successDeviceCount, errorDeviceCount: row.errorDeviceCount, userPrincipalName: row.userPrincipalName };
}

class ScriptUserStates {
  readonly byId = new Map<string, UserStateRecord>();
  version = 0;
  /** Ascending single-key indexes, built on first use and kept up to date on every write. */
  private readonly indexes = new Map<IndexField, UserStateRecord[]>();
  nextSeq = 0;
  /** Filtered or multi-key results, valid for one version. */
  private readonly results = new Map<string, { version: number; rows: UserStateRecord[] }>();
  readonly stats: StoreStats;
  readonly summary: RunSummary = { successDeviceCount: 0, errorDeviceCount: 0, successUserCount: 0, errorUserCount: 0 };

  constructor(definition: ScriptDefinition, bigScriptSize: number, stats: StoreStats) {
    this.stats = stats;
    const bySeq: UserStateRecord[] = [];
    forEachSeededUserState(definition, bigScriptSize, (id, userPrincipalName, successDeviceCount, errorDeviceCount, lower) => {
      const row: UserStateRecord = { id, userPrincipalName, successDeviceCount, errorDeviceCount, upnLower: lower ? userPrincipalName : userPrincipalName.toLowerCase(), seq: this.nextSeq };
      this.nextSeq += 1;
      this.byId.set(id, row);
      bySeq.push(row);
      this.count(row, 1);
    });
    // Seed order is insertion order: the default index needs no sort.
    this.indexes.set('seq', bySeq);
  }

  private count(row: UserStateRecord, sign: 1 | -1): void {
    this.summary.successDeviceCount += sign * row.successDeviceCount;
    this.summary.errorDeviceCount += sign * row.errorDeviceCount;
    if (row.errorDeviceCount > 0) this.summary.errorUserCount += sign;
    else if (row.successDeviceCount > 0) this.summary.successUserCount += sign;
  }

  private index(field: IndexField): UserStateRecord[] {
    let rows = this.indexes.get(field);
    if (!rows) {
      this.stats.fullSorts += 1;
      rows = [...this.byId.values()].sort(comparatorFor(normalizeOrder([{ field, descending: false }])));
      this.indexes.set(field, rows);
    }
    return rows;
  }

  private removeFromIndexes(row: UserStateRecord): void {
    for (const [field, rows] of this.indexes) {
      const at = lowerBound(rows, row, comparatorFor(normalizeOrder([{ field, descending: false }])));
      if (rows[at] === row) rows.splice(at, 1);
      else {
        const fallback = rows.indexOf(row);
        if (fallback !== -1) rows.splice(fallback, 1);
      }
    }
  }

  private addToIndexes(row: UserStateRecord): void {
    for (const [field, rows] of this.indexes) {
      rows.splice(lowerBound(rows, row, comparatorFor(normalizeOrder([{ field, descending: false }]))), 0, row);
    }
  }

  insert(row: UserStateRecord): void {
    this.byId.set(row.id, row);
    this.addToIndexes(row);
    this.count(row, 1);
    this.version += 1;
  }

  update(row: UserStateRecord, changes: UserStateChanges): void {
    this.removeFromIndexes(row);
    this.count(row, -1);
    if (changes.successDeviceCount !== undefined) row.successDeviceCount = changes.successDeviceCount;
    if (changes.errorDeviceCount !== undefined) row.errorDeviceCount = changes.errorDeviceCount;
    if (changes.userPrincipalName !== undefined) {
      row.userPrincipalName = changes.userPrincipalName;
      row.upnLower = changes.userPrincipalName.toLowerCase();
    }
    this.count(row, 1);
    this.addToIndexes(row);
    this.version += 1;
  }

  remove(row: UserStateRecord): void {
    this.byId.delete(row.id);
    this.removeFromIndexes(row);
    this.count(row, -1);
    this.version += 1;
  }

  /** The rows of a query in order, without copying when there is no filter and one sort key. */
  ordered(filter: CompiledFilter<UserStateRecord> | undefined, order: SortKey<IndexField>[]): RowView<UserStateRecord> {
    const primary = order.filter((k) => !isTerminal(k.field));
    const idKey = order[order.length - 1];
    const first = primary[0];
    let indexed: SortKey<IndexField> | undefined;
    if (primary.length === 0 && idKey) indexed = idKey;
    else if (primary.length === 1 && first && idKey && idKey.descending === first.descending) indexed = first;
    if (indexed && !filter) return arrayView(this.index(indexed.field), indexed.descending);
    const cacheKey = `${filter?.key ?? ''}\u0000${order.map((k) => `${k.field} ${k.descending ? 'desc' : 'asc'}`).join(',')}`;
    const cached = this.results.get(cacheKey);
    if (cached && cached.version === this.version) return arrayView(cached.rows, false);
    let rows: UserStateRecord[];
    if (indexed) {
      // Walk the index in order and keep the matches: already sorted, no sort needed.
      const view = arrayView(this.index(indexed.field), indexed.descending);
      const test = filter ? filter.test : () => true;
      rows = [];
      for (let i = 0; i < view.length; i += 1) {
        const row = view.at(i);
        if (test(row)) rows.push(row);
      }
    } else {
      this.stats.fullSorts += 1;
      const base = this.index('seq');
      rows = filter ? base.filter(filter.test) : base.slice();
      rows.sort(comparatorFor(order));
    }
    if (this.results.size >= 32) {
      const oldest = this.results.keys().next();
      if (!oldest.done) this.results.delete(oldest.value);
    }
    this.results.set(cacheKey, { version: this.version, rows });
    return arrayView(rows, false);
  }
}

/** A script of any kind; `kind` says which collection it lives in. */
export type ScriptRecord = ScriptDefinition & {
  /** base64 of the script text, as Graph returns `scriptContent`. */
  scriptContent: string;
};

/**
 * A value derived from one script's user states (device-state offsets, lookups), kept until the
 * next write to that script. Keyed by the script's state object, so a reseed starts afresh.
 */
export type DerivedCache<T> = WeakMap<object, { version: number; value: T }>;

export class NotFoundError extends Error {
  readonly resource: 'script' | 'userState';
  constructor(resource: 'script' | 'userState', id: string) {
    super(`${resource} ${id} not found`);
    this.resource = resource;
  }
}

export class ConflictError extends Error {}

/**
 * The emulator's data: the seeded scripts and their user states, behind a small interface
 * (load, get, page, patch, journal) so that durability and indexing stay out of the routes.
 */
export class Store {
  private scripts = new Map<string, ScriptRecord>();
  private states = new Map<string, ScriptUserStates>();
  private journal: Journal | null;
  /** Intune's audit events: the seeded history, then one per acknowledged write. */
  readonly audit = new AuditLog();
  bigScriptSize = 0;
  /** How often a whole collection was sorted (tests check that paging does not). */
  readonly stats: StoreStats = { fullSorts: 0 };
  /** Bumped on every write; lets callers cache derived data. */
  version = 0;

  constructor(journal: Journal | null) {
    this.journal = journal;
  }

  /** Regenerates the seed. Does not touch the journal. */
  load(bigScriptSize: number): void {
    this.bigScriptSize = bigScriptSize;
    this.scripts = new Map();
    this.states = new Map();
    for (const definition of SCRIPT_DEFINITIONS) {
      // A script id lives in exactly one kind: the journal and the user-state reads key by id alone.
      if (this.scripts.has(definition.id)) throw new Error(`script id ${definition.id} is seeded twice`);
      this.scripts.set(definition.id, { ...definition, scriptContent: Buffer.from(definition.scriptText, 'utf8').toString('base64') });
      this.states.set(definition.id, new ScriptUserStates(definition, bigScriptSize, this.stats));
    }
    this.audit.clear();
    for (const event of seededAuditHistory(Date.now())) this.audit.add(event);
    this.version += 1;
  }

  /** Regenerates the seed and starts a fresh journal. */
  reset(bigScriptSize: number): void {
    this.load(bigScriptSize);
    this.journal?.reset({ op: 'seed', format: 1, bigScriptSize, at: new Date().toISOString() });
  }

  /** Applies journal entries read at start-up (not journalled again). */
  replay(entries: JournalEntry[]): number {
    let applied = 0;
    for (const entry of entries) {
      try {
        if (entry.op === 'patch') this.applyPatch(entry.scriptId, entry.id, entry.set);
        else if (entry.op === 'create') this.applyCreate(entry.scriptId, entry.state);
        else if (entry.op === 'delete') this.applyDelete(entry.scriptId, entry.id);
        else continue;
        if (entry.audit) this.audit.add(entry.audit);
        applied += 1;
      } catch {
        // An entry that no longer applies (e.g. the seed changed) is skipped.
      }
    }
    return applied;
  }

  /** The scripts of one kind (all kinds when omitted), in seed order. */
  listScripts(kind?: ScriptKind): ScriptRecord[] {
    const all = [...this.scripts.values()];
    return kind ? all.filter((s) => s.kind === kind) : all;
  }

  /** A script by id; with a kind, only if it is of that kind (a shell script is no PowerShell script). */
  getScript(scriptId: string, kind?: ScriptKind): ScriptRecord | undefined {
    const script = this.scripts.get(scriptId);
    return script && (!kind || script.kind === kind) ? script : undefined;
  }

  /**
   * `build` over the script's user states in insertion order, cached in `cache` until the next
   * write to that script.
   */
  derived<T>(scriptId: string, cache: DerivedCache<T>, build: (rows: RowView<UserStateRecord>) => T): T {
    const states = this.scriptStates(scriptId);
    const hit = cache.get(states);
    if (hit && hit.version === states.version) return hit.value;
    const value = build(states.ordered(undefined, normalizeOrder([])));
    cache.set(states, { version: states.version, value });
    return value;
  }

  private scriptStates(scriptId: string): ScriptUserStates {
    const states = this.states.get(scriptId);
    if (!states) throw new NotFoundError('script', scriptId);
    return states;
  }

  getUserState(scriptId: string, id: string): UserStateRecord | undefined {
    return this.states.get(scriptId)?.byId.get(id);
  }

  countUserStates(scriptId: string): number {
    return this.scriptStates(scriptId).byId.size;
  }

  /** Every user state of a script in id order (copies: for admin reads and tests, not for paging). */
  allUserStates(scriptId: string): UserStateData[] {
    const view = this.scriptStates(scriptId).ordered(undefined, normalizeOrder([]));
    const out: UserStateData[] = [];
    for (let i = 0; i < view.length; i += 1) out.push(publicUserState(view.at(i)));
    return out;
  }

  runSummary(scriptId: string): RunSummary {
    return { ...this.scriptStates(scriptId).summary };
  }

  /** One page of a query: O(log n + page) once the index or cached result exists. */
  queryUserStates(scriptId: string, query: UserStateQuery): PageResult<UserStateRecord> {
    const states = this.scriptStates(scriptId);
    const order = normalizeOrder(query.orderBy);
    const view = states.ordered(query.filter, order);
    const compare = comparatorFor(order);
    let start = query.after ? upperBound(view, recordFromCursor(query.after, order), compare) : 0;
    start = Math.min(view.length, start + query.skip);
    const end = Math.min(view.length, start + query.top);
    const rows: UserStateRecord[] = [];
    for (let i = start; i < end; i += 1) rows.push(view.at(i));
    const last = rows[rows.length - 1];
    const result: PageResult<UserStateRecord> = { rows, total: view.length };
    if (end < view.length && last) result.next = cursorOf(last, order);
    return result;
  }

  /**
   * The writes. With an audit context, the write's audit event is built from the values before and
   * after, journalled in the write's own line and added to the audit log once the write is applied.
   */
  createUserState(scriptId: string, state: UserStateData, context?: AuditContext): UserStateRecord {
    const states = this.scriptStates(scriptId);
    if (states.byId.has(state.id)) throw new ConflictError(`user state ${state.id} exists`);
    const audit = context ? userStateAuditEvent(context, 'Create', undefined, state) : undefined;
    this.journal?.append({ op: 'create', scriptId, state, ...(audit ? { audit } : {}) });
    const row = this.applyCreate(scriptId, state);
    if (audit) this.audit.add(audit);
    return row;
  }

  patchUserState(scriptId: string, id: string, changes: UserStateChanges, context?: AuditContext): UserStateRecord {
    const row = this.scriptStates(scriptId).byId.get(id);
    if (!row) throw new NotFoundError('userState', id);
    const before = publicUserState(row);
    const audit = context ? userStateAuditEvent(context, 'Patch', before, { ...before, ...changes }) : undefined;
    this.journal?.append({ op: 'patch', scriptId, id, set: changes, ...(audit ? { audit } : {}) });
    const patched = this.applyPatch(scriptId, id, changes);
    if (audit) this.audit.add(audit);
    return patched;
  }

  deleteUserState(scriptId: string, id: string, context?: AuditContext): void {
    const row = this.scriptStates(scriptId).byId.get(id);
    if (!row) throw new NotFoundError('userState', id);
    const audit = context ? userStateAuditEvent(context, 'Delete', publicUserState(row), undefined) : undefined;
    this.journal?.append({ op: 'delete', scriptId, id, ...(audit ? { audit } : {}) });
    this.applyDelete(scriptId, id);
    if (audit) this.audit.add(audit);
  }

  getAuditEvent(id: string): AuditEventRecord | undefined {
    return this.audit.get(id);
  }

  private applyCreate(scriptId: string, state: UserStateData): UserStateRecord {
    const states = this.scriptStates(scriptId);
    if (states.byId.has(state.id)) throw new ConflictError(`user state ${state.id} exists`);
    const row = toRecord(state, states.nextSeq);
    states.nextSeq += 1;
    states.insert(row);
    this.version += 1;
    return row;
  }

  private applyPatch(scriptId: string, id: string, changes: UserStateChanges): UserStateRecord {
    const states = this.scriptStates(scriptId);
    const row = states.byId.get(id);
    if (!row) throw new NotFoundError('userState', id);
    states.update(row, changes);
    this.version += 1;
    return row;
  }

  private applyDelete(scriptId: string, id: string): void {
    const states = this.scriptStates(scriptId);
    const row = states.byId.get(id);
    if (!row) throw new NotFoundError('userState', id);
    states.remove(row);
    this.version += 1;
  }

  close(): void {
    this.journal?.close();
    this.journal = null;
  }
}
