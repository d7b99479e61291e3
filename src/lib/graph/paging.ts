import type { CollectionPage } from './collection-page';
import { GraphError } from './graph-error';
import type { ResponseSchema } from './response-schema';

export interface GraphPage<T> {
  items: T[];
  /** `@odata.count` when the request asked for `$count=true`. */
  count: number | null;
  nextLink: string | null;
}

/** The ids of the request Graph answered with a page. */
export interface PageIds {
  requestId: string | null;
  clientRequestId: string;
}

/**
 * Follows `@odata.nextLink` verbatim until it is absent (https://learn.microsoft.com/graph/paging),
 * each item checked against `itemSchema`. `getPage` reads one page (a path, then each nextLink) and
 * tells its ids once Graph answered: a malformed item fails with the ids of its page, which support
 * finds the page by.
 */
export async function* followPages<T>(
  getPage: (pathOrUrl: string, onAnswer: (ids: PageIds) => void) => Promise<CollectionPage>,
  path: string,
  itemSchema: ResponseSchema<T>,
): AsyncGenerator<GraphPage<T>> {
  let next: string | null = path;
  while (next !== null) {
    const answered: { ids: PageIds | null } = { ids: null };
    const page: CollectionPage = await getPage(next, (ids) => {
      answered.ids = ids;
    });
    const { ids } = answered;
    next = page.nextLink;
    const items: T[] = [];
    for (const raw of page.value) {
      const item = itemSchema.safeParse(raw);
      if (!item.success) {
        throw new GraphError({
          status: 200,
          code: 'UnexpectedResponse',
          message: 'Graph answered with data in an unexpected shape.',
          requestId: ids?.requestId ?? null,
          clientRequestId: ids?.clientRequestId ?? null,
        });
      }
      items.push(item.data);
    }
    yield { items, count: page.count, nextLink: next };
  }
}
