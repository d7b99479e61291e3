/**
 * How a bulk run's requests were packed into `$batch` envelopes, from the emulator's request log
 * (free of I/O). The log has one entry per envelope and one per inner request, the inner ones
 * tagged with their envelope's request-id; the figures here come from the tagged ones, so an
 * envelope is "a write envelope" when Graph saw at least one PATCH inside it.
 */
import type { LogEntry } from './verify.ts';

export interface BatchShape {
  /** Envelopes with at least one inner request. */
  envelopes: number;
  innerRequests: number;
  /** Envelopes holding PATCHes, and the PATCHes inside them (every attempt, 429s included). */
  writeEnvelopes: number;
  innerPatches: number;
  /** Envelopes holding only GETs (the conflict check reads a group's rows before writing). */
  readEnvelopes: number;
  /** PATCHes per write envelope; 0 when there was none. */
  patchesPerWriteEnvelope: { min: number; max: number; mean: number };
  /** Most inner requests of any one envelope: more than 20 would break Graph's limit. */
  largestEnvelope: number;
}

export function batchShape(entries: readonly Pick<LogEntry, 'method' | 'batch'>[]): BatchShape {
  const perEnvelope = new Map<string, { requests: number; patches: number }>();
  for (const entry of entries) {
    if (entry.batch === undefined) continue;
    const counts = perEnvelope.get(entry.batch.requestId) ?? { requests: 0, patches: 0 };
    counts.requests += 1;
    if (entry.method === 'PATCH') counts.patches += 1;
    perEnvelope.set(entry.batch.requestId, counts);
  }
  const all = [...perEnvelope.values()];
  const writes = all.filter((e) => e.patches > 0).map((e) => e.patches);
  const innerPatches = writes.reduce((sum, n) => sum + n, 0);
  return {
    envelopes: all.length,
    innerRequests: all.reduce((sum, e) => sum + e.requests, 0),
    writeEnvelopes: writes.length,
    innerPatches,
    readEnvelopes: all.length - writes.length,
    patchesPerWriteEnvelope:
      writes.length === 0
        ? { min: 0, max: 0, mean: 0 }
        : { min: Math.min(...writes), max: Math.max(...writes), mean: innerPatches / writes.length },
    largestEnvelope: all.reduce((max, e) => Math.max(max, e.requests), 0),
  };
}
