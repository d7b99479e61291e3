/**
 * Validates a Graph answer. zod schemas (`zod/mini` in this app) fit as they are; the client
 * itself does not depend on a schema library.
 */
export interface ResponseSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}
