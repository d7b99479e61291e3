import type * as z from 'zod/mini';

/**
 * Values kept in this tab's sessionStorage across a reload or a sign-in round trip. Reading
 * checks the stored text against a schema: storage is outside the app's control (another
 * version of the app, or a user with dev tools), so unreadable values count as absent.
 */
export function readSessionJson<Schema extends z.ZodMiniType>(key: string, schema: Schema): z.infer<Schema> | null {
  try {
    const text = sessionStorage.getItem(key);
    if (text === null) return null;
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Writes `value`; false when storage is full or disabled (the caller decides if that matters). */
export function writeSessionJson(key: string, value: unknown): boolean {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function removeSessionValue(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Storage disabled: there is nothing to remove.
  }
}
