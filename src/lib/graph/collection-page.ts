import type { ResponseSchema } from './response-schema';

export interface CollectionPage {
  value: unknown[];
  count: number | null;
  nextLink: string | null;
}

/** A collection page's envelope (`value`, `@odata.count`, `@odata.nextLink`); items are checked one by one. */
export const collectionPageSchema: ResponseSchema<CollectionPage> = {
  safeParse(data) {
    if (typeof data !== 'object' || data === null) return { success: false };
    const { value, '@odata.count': count, '@odata.nextLink': nextLink } = data as Record<string, unknown>;
    if (!Array.isArray(value)) return { success: false };
    if (count !== undefined && typeof count !== 'number') return { success: false };
    if (nextLink !== undefined && typeof nextLink !== 'string') return { success: false };
    return { success: true, data: { value, count: count ?? null, nextLink: nextLink ?? null } };
  },
};
