import type { Cursor, SortKey } from '../store/store.ts';
import { compileFilter, filterKey, parseFilter, QueryError, type FieldDef } from './filter.ts';

/** Page size when the client sends no `$top`. Graph documents none for these entities; 100 is Graph's common default. */
export const DEFAULT_PAGE_SIZE = 100;
/** The largest `$top` honoured; larger values are refused with 400 rather than silently clamped. */
export const MAX_PAGE_SIZE = 1000;

const ODATA_OPTIONS = ['select', 'filter', 'orderby', 'top', 'skip', 'count', 'expand', 'search', 'skiptoken', 'format', 'apply', 'compute', 'levels', 'deltatoken', 'index', 'schemaversion'] as const;
type ODataOption = (typeof ODATA_OPTIONS)[number];
const ODATA_OPTION_SET: ReadonlySet<string> = new Set(ODATA_OPTIONS);
const OPTION_LABEL: Record<string, string> = {
  select: 'Select',
  filter: 'Filter',
  orderby: 'OrderBy',
  top: 'Top',
  skip: 'Skip',
  count: 'Count',
  expand: 'Expand',
  search: 'Search',
  skiptoken: 'SkipToken',
  format: 'Format',
  apply: 'Apply',
  compute: 'Compute',
  levels: 'Levels',
  deltatoken: 'DeltaToken',
  index: 'Index',
  schemaversion: 'SchemaVersion',
};

export interface CollectionOptions<T, F extends string> {
  select?: string[];
  filter?: { key: string; test: (row: T) => boolean };
  orderBy: SortKey<F>[];
  top: number;
  skip: number;
  count: boolean;
  cursor?: Cursor;
  /** Offset into the result for collections paged by position rather than by key. */
  offset?: number;
  /** `$expand` as given; the collection that allows it parses it (see expand.ts). */
  expand?: string;
  /** The original query string pairs other than $skiptoken and $skip, kept for nextLink. */
  carried: [string, string][];
}

export interface CollectionSchema<T, F extends string> {
  typeName: string;
  fields: readonly FieldDef<T>[];
  sortable: readonly F[];
  /** Query options the collection accepts. */
  allowed: ReadonlySet<ODataOption>;
}

/**
 * Reads a collection's query options the way Graph does on beta: `$` optional, names
 * case-insensitive, each at most once, unsupported options refused with 400.
 */
export function parseCollectionOptions<T, F extends string>(url: URL, schema: CollectionSchema<T, F>): CollectionOptions<T, F> {
  const seen = new Map<ODataOption, string>();
  const carried: [string, string][] = [];
  for (const [rawName, value] of url.searchParams) {
    const dollar = rawName.startsWith('$');
    const name = (dollar ? rawName.slice(1) : rawName).toLowerCase();
    if (!ODATA_OPTION_SET.has(name)) {
      if (dollar) throw new QueryError(`The query parameter '${rawName}' is not supported.`);
      // Custom (non-OData) query parameters are ignored, as Graph does.
      continue;
    }
    const option = name as ODataOption;
    const label = OPTION_LABEL[option] ?? option;
    if (seen.has(option)) throw new QueryError(`Query option '${label}' was specified more than once, but it must be specified at most once.`);
    if (!schema.allowed.has(option)) {
      throw new QueryError(
        `The query specified in the URI is not valid. Query option '${label}' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.`,
      );
    }
    seen.set(option, value);
    if (option !== 'skiptoken' && option !== 'skip') carried.push([rawName, value]);
  }

  const options: CollectionOptions<T, F> = { orderBy: [], top: DEFAULT_PAGE_SIZE, skip: 0, count: false, carried };

  const top = seen.get('top');
  if (top !== undefined) {
    if (!/^\d+$/.test(top)) throw new QueryError(`Invalid value '${top}' for $top query option found. The $top query option requires a non-negative integer value.`);
    const n = Number(top);
    if (n > MAX_PAGE_SIZE) throw new QueryError(`The limit of '${MAX_PAGE_SIZE}' for Top query has been exceeded. The value from the incoming request is '${top}'.`);
    options.top = n;
  }
  const skip = seen.get('skip');
  if (skip !== undefined) {
    if (!/^\d+$/.test(skip)) throw new QueryError(`Invalid value '${skip}' for $skip query option found. The $skip query option requires a non-negative integer value.`);
    options.skip = Number(skip);
  }
  const count = seen.get('count');
  if (count !== undefined) {
    const lower = count.toLowerCase();
    if (lower !== 'true' && lower !== 'false') throw new QueryError(`'${count}' is not a valid count option.`);
    options.count = lower === 'true';
  }
  const select = seen.get('select');
  if (select !== undefined) options.select = parseSelect(select, schema);
  const orderBy = seen.get('orderby');
  if (orderBy !== undefined) options.orderBy = parseOrderBy(orderBy, schema);
  const filter = seen.get('filter');
  if (filter !== undefined) {
    const node = parseFilter(filter);
    options.filter = { key: filterKey(node), test: compileFilter(node, schema.fields, schema.typeName) };
  }
  const expand = seen.get('expand');
  if (expand !== undefined) options.expand = expand;
  const token = seen.get('skiptoken');
  if (token !== undefined) {
    const decoded = decodeSkipToken(token);
    if ('offset' in decoded) options.offset = decoded.offset;
    else options.cursor = decoded.cursor;
  }
  return options;
}

export function parseSelect<T, F extends string>(text: string, schema: CollectionSchema<T, F>): string[] {
  const names = text.split(',').map((s) => s.trim());
  if (names.some((n) => n === '')) throw new QueryError(`Syntax error in $select: '${text}'.`);
  if (names.includes('*')) return schema.fields.map((f) => f.name);
  const byName = new Map(schema.fields.map((f) => [f.name.toLowerCase(), f.name]));
  return names.map((n) => {
    const found = byName.get(n.toLowerCase());
    if (!found) throw new QueryError(`Could not find a property named '${n}' on type '${schema.typeName}'.`);
    return found;
  });
}

function parseOrderBy<T, F extends string>(text: string, schema: CollectionSchema<T, F>): SortKey<F>[] {
  const byName = new Map(schema.sortable.map((f) => [f.toLowerCase(), f]));
  const known = new Set(schema.fields.map((f) => f.name.toLowerCase()));
  return text.split(',').map((part) => {
    const bits = part.trim().split(/\s+/);
    const [name, direction, extra] = bits;
    if (!name || extra !== undefined) throw new QueryError(`Syntax error in $orderby: '${text}'.`);
    const field = byName.get(name.toLowerCase());
    if (!field) {
      if (known.has(name.toLowerCase())) throw new QueryError(`The property '${name}' cannot be used in the $orderby query option.`);
      throw new QueryError(`Could not find a property named '${name}' on type '${schema.typeName}'.`);
    }
    const dir = direction?.toLowerCase();
    if (dir !== undefined && dir !== 'asc' && dir !== 'desc') throw new QueryError(`Syntax error in $orderby: '${direction ?? ''}' is not asc or desc.`);
    return { field, descending: dir === 'desc' };
  });
}

// Skip tokens are opaque to clients: base64url of a small JSON document.
export function encodeSkipToken(position: { cursor: Cursor } | { offset: number }): string {
  const payload = 'cursor' in position ? { k: position.cursor.values, i: position.cursor.id } : { o: position.offset };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function decodeSkipToken(token: string): { cursor: Cursor } | { offset: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new QueryError('The $skiptoken value is not valid.');
  }
  if (typeof parsed === 'object' && parsed !== null) {
    const p = parsed as { k?: unknown; i?: unknown; o?: unknown };
    if (typeof p.o === 'number' && Number.isInteger(p.o) && p.o >= 0) return { offset: p.o };
    if (typeof p.i === 'string' && Array.isArray(p.k) && p.k.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return { cursor: { id: p.i, values: p.k as (string | number)[] } };
    }
  }
  throw new QueryError('The $skiptoken value is not valid.');
}

/** The full nextLink: same path, the original options (except $skip), and a fresh $skiptoken. */
export function nextLink(publicOrigin: string, url: URL, carried: [string, string][], token: string): string {
  const encodeName = (name: string): string => encodeURIComponent(name).replace(/^%24/, '$');
  const pairs = [...carried, ['$skiptoken', token] as [string, string]].map(([name, value]) => `${encodeName(name)}=${encodeURIComponent(value)}`);
  return `${publicOrigin}${url.pathname}?${pairs.join('&')}`;
}

export { QueryError };
