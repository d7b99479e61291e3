/**
 * Small deterministic pseudo-random helpers. The seed must be reproducible across machines and
 * Node versions, so nothing here touches Math.random or crypto.
 */

/** 32-bit FNV-1a hash of a string. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast, good enough for test data. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: () => number, minInclusive: number, maxInclusive: number): number {
  return minInclusive + Math.floor(random() * (maxInclusive - minInclusive + 1));
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const HEX_CODES: readonly number[] = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const GUID_CODES: number[] = new Array<number>(36).fill(45);
const GUID_NIBBLE_POSITIONS: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, 16, 17, 19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35];

/**
 * A GUID-shaped (version 4 layout) id drawn from the generator. Built from char codes in one
 * go, so 100,000 of them are flat strings rather than ropes of small pieces (less GC at start-up).
 */
export function randomGuid(random: () => number): string {
  const words = [(random() * 4294967296) >>> 0, (random() * 4294967296) >>> 0, (random() * 4294967296) >>> 0, (random() * 4294967296) >>> 0];
  // Version 4 in the 13th hex digit, variant 10xx in the 17th.
  words[1] = (((words[1] ?? 0) & 0xffff0fff) | 0x00004000) >>> 0;
  words[2] = (((words[2] ?? 0) & 0x3fffffff) | 0x80000000) >>> 0;
  for (let n = 0; n < 32; n += 1) {
    const word = words[n >>> 3] ?? 0;
    const nibble = (word >>> (28 - 4 * (n & 7))) & 0xf;
    GUID_CODES[GUID_NIBBLE_POSITIONS[n] ?? 0] = HEX_CODES[nibble] ?? 48;
  }
  return String.fromCharCode(...GUID_CODES);
}

/** A GUID derived from a name, so that facts can be recomputed without generating everything. */
export function guidFrom(name: string): string {
  return randomGuid(createRandom(hashString(name)));
}
