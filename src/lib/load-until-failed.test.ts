import { describe, expect, it } from 'vitest';
import { loadUntilFailed } from './load-until-failed';

describe('loadUntilFailed', () => {
  it('loads once for every caller while the load is on its way or has landed', async () => {
    let loads = 0;
    const get = loadUntilFailed(async () => {
      loads += 1;
      return 'code';
    });
    await expect(Promise.all([get(), get()])).resolves.toEqual(['code', 'code']);
    await expect(get()).resolves.toBe('code');
    expect(loads).toBe(1);
  });

  it('gives the failure to the callers of that attempt, then loads anew', async () => {
    const outcomes = [() => Promise.reject(new TypeError('Failed to fetch')), () => Promise.resolve('code')];
    const get = loadUntilFailed(() => outcomes.shift()?.() ?? Promise.reject(new Error('asked too often')));
    await expect(get()).rejects.toThrow('Failed to fetch');
    await expect(get()).resolves.toBe('code');
    expect(outcomes).toHaveLength(0);
  });
});
