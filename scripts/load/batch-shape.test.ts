import { describe, expect, it } from 'vitest';
import { batchShape } from './batch-shape.ts';

const inner = (method: string, envelope: string) => ({ method, batch: { requestId: envelope, id: '0' } });
const single = (method: string) => ({ method });

describe('batchShape', () => {
  it('counts envelopes by the request-id their inner requests carry, and PATCHes per write envelope', () => {
    const entries = [
      single('POST'),
      ...Array.from({ length: 20 }, () => inner('GET', 'read-1')),
      single('POST'),
      ...Array.from({ length: 20 }, () => inner('PATCH', 'write-1')),
      ...Array.from({ length: 5 }, () => inner('PATCH', 'write-2')),
      inner('GET', 'mixed'),
      inner('PATCH', 'mixed'),
      single('PATCH'),
    ];
    expect(batchShape(entries)).toEqual({
      envelopes: 4,
      innerRequests: 47,
      writeEnvelopes: 3,
      innerPatches: 26,
      readEnvelopes: 1,
      patchesPerWriteEnvelope: { min: 1, max: 20, mean: 26 / 3 },
      largestEnvelope: 20,
    });
  });

  it('gives zeros when nothing went through $batch', () => {
    expect(batchShape([single('PATCH'), single('GET')])).toMatchObject({
      envelopes: 0,
      writeEnvelopes: 0,
      patchesPerWriteEnvelope: { min: 0, max: 0, mean: 0 },
      largestEnvelope: 0,
    });
  });
});
