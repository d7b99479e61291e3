/** Intune's write limit: 200 writes per 20 s per app per tenant (docs/decisions/009). */
export const defaultWriteLimit = 200;
export const defaultWriteWindowMs = 20_000;
