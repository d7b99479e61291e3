import { SINGLE_OPTIONS } from './entities.ts';
import type { FieldDef } from './filter.ts';
import { odataContext, ok, selectSuffix, type Call } from './handler.ts';
import { encodeSkipToken, nextLink, parseCollectionOptions, type CollectionOptions, type CollectionSchema } from './odata.ts';

/** A collection answer: context (with `$select`), `@odata.count` when asked, the page, the next link. */
export function collection(call: Call, fragment: string, select: string[] | undefined, rows: object[], total: number, count: boolean, next: string | undefined): Response {
  const body: Record<string, unknown> = { '@odata.context': odataContext(call, `${fragment}${selectSuffix(select)}`) };
  if (count) body['@odata.count'] = total;
  body.value = rows;
  if (next) body['@odata.nextLink'] = next;
  return ok(body);
}

/** Paging for small collections (scripts, device states): sort and slice, offset skip tokens. */
export function smallPage<T, F extends string>(call: Call, rows: T[], schema: CollectionSchema<T, F>, toEntity: (row: T, select?: string[]) => object, fragment: string): Response {
  return pageOf(call, rows, schema, parseCollectionOptions(call.url, schema), toEntity, fragment);
}

/**
 * smallPage with options already parsed; `contextSelect` is what the context URL lists in
 * parentheses when it is more than `$select` (an expanded navigation).
 */
export function pageOf<T, F extends string>(
  call: Call,
  rows: T[],
  schema: CollectionSchema<T, F>,
  options: CollectionOptions<T, F>,
  toEntity: (row: T, select?: string[]) => object,
  fragment: string,
  contextSelect: string[] | undefined = options.select,
): Response {
  let result = options.filter ? rows.filter(options.filter.test) : rows.slice();
  if (options.orderBy.length > 0) {
    const fields = new Map<string, FieldDef<T>>(schema.fields.map((f) => [f.name, f]));
    result = result.sort((a, b) => {
      for (const key of options.orderBy) {
        const field = fields.get(key.field);
        if (!field) continue;
        const va = field.get(a);
        const vb = field.get(b);
        const sa = typeof va === 'string' ? va.toLowerCase() : va;
        const sb = typeof vb === 'string' ? vb.toLowerCase() : vb;
        const c = sa === sb ? 0 : sa === null ? -1 : sb === null ? 1 : sa < sb ? -1 : 1;
        if (c !== 0) return key.descending ? -c : c;
      }
      return 0;
    });
  }
  const start = Math.min(result.length, (options.offset ?? 0) + options.skip);
  const end = Math.min(result.length, start + options.top);
  const page = result.slice(start, end).map((r) => toEntity(r, options.select));
  const next = end < result.length ? nextLink(call.publicOrigin, call.url, options.carried, encodeSkipToken({ offset: end })) : undefined;
  return collection(call, fragment, contextSelect, page, result.length, options.count, next);
}

/** `$select` of a single-entity GET (the only query option it takes). */
export function singleSelect<T, F extends string>(call: Call, schema: CollectionSchema<T, F>): string[] | undefined {
  return parseCollectionOptions(call.url, { ...schema, allowed: SINGLE_OPTIONS }).select;
}
