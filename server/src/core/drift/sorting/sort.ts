// Sorting a numeric column in place: an LSD radix sort on the IEEE-754 bits (about 3x faster than
// Float64Array.prototype.sort on a million values here), which also moves missing values (NaN) and
// infinities out of the way, so every statistic afterwards works on finite, ascending values. Columns
// whose values have few decimals take the faster integer-key path in decimalSort.ts.

import { sortDecimal } from './decimalSort';

const RADIX = 1 << 11;
const MASK = RADIX - 1;
const PASSES = 6; // 6 x 11 bits cover the 64-bit key

/** What `sortFinite` found: the first `length` values are finite and ascending. */
export interface SortedColumn {
  length: number;
  /** NaN values: missing in the data (nulls arrive as NaN from the column reader). */
  missing: number;
  infinite: number;
}

/**
 * Turns each double's bits (lo, hi words) into an unsigned key that sorts in numeric order, in place,
 * counting the digits of every pass on the way (one read of the data instead of two).
 */
function toKeysCounting(words: Uint32Array, n: number, h: Uint32Array): { missing: number; infinite: number } {
  let missing = 0;
  let infinite = 0;
  for (let i = 0; i < n; i++) {
    // int32 arithmetic throughout (the typed array stores the same bits): keeps V8 on small integers.
    let hi = words[2 * i + 1]! | 0;
    let lo = words[2 * i]! | 0;
    if (((hi >>> 20) & 0x7ff) === 0x7ff) {
      // NaN or ±Infinity: give every one the largest key so they all end up past the finite values.
      if ((hi & 0xfffff) !== 0 || lo !== 0) missing++; else infinite++;
      hi = -1;
      lo = -1;
    } else if (hi < 0) {
      hi = ~hi;
      lo = ~lo;
    } else {
      hi |= 0x80000000;
    }
    words[2 * i + 1] = hi;
    words[2 * i] = lo;
    h[lo & MASK]!++;
    h[RADIX + ((lo >>> 11) & MASK)]!++;
    h[2 * RADIX + (((lo >>> 22) | (hi << 10)) & MASK)]!++;
    h[3 * RADIX + ((hi >>> 1) & MASK)]!++;
    h[4 * RADIX + ((hi >>> 12) & MASK)]!++;
    h[5 * RADIX + (hi >>> 23)]!++;
  }
  return { missing, infinite };
}

/** Key back to the double's bits (inverse of the transform in toKeysCounting). */
function fromKeys(words: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1]!;
    if (hi & 0x80000000) {
      words[2 * i + 1] = hi & 0x7fffffff;
    } else {
      words[2 * i + 1] = ~hi;
      words[2 * i] = ~words[2 * i]!;
    }
  }
}

function digit(pass: number, lo: number, hi: number): number {
  switch (pass) {
    case 0: return lo & MASK;
    case 1: return (lo >>> 11) & MASK;
    case 2: return ((lo >>> 22) | (hi << 10)) & MASK;
    case 3: return (hi >>> 1) & MASK;
    case 4: return (hi >>> 12) & MASK;
    default: return hi >>> 23;
  }
}

/** Bucket counts to start offsets, in place. */
function offsets(counts: Uint32Array): void {
  let sum = 0;
  for (let b = 0; b < RADIX; b++) {
    const c = counts[b]!;
    counts[b] = sum;
    sum += c;
  }
}

/** One stable counting pass on digit `pass`. */
function scatter(pass: number, starts: Uint32Array, src: Uint32Array, dst: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const lo = src[2 * i]!;
    const hi = src[2 * i + 1]!;
    const j = starts[digit(pass, lo, hi)]!++;
    dst[2 * j] = lo;
    dst[2 * j + 1] = hi;
  }
}

/** The last counting pass, writing doubles instead of keys (saves a separate decoding pass). */
function scatterDecoding(pass: number, starts: Uint32Array, src: Uint32Array, dst: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const lo = src[2 * i]! | 0;
    const hi = src[2 * i + 1]! | 0;
    const j = starts[digit(pass, lo, hi)]!++;
    dst[2 * j] = hi < 0 ? lo : ~lo;
    dst[2 * j + 1] = hi < 0 ? hi & 0x7fffffff : ~hi;
  }
}

/**
 * Sorts `values` ascending in place, NaN and ±Infinity moved to the end and counted. `scratch` must
 * hold at least values.length doubles (pass one to reuse it across columns; one is made if absent).
 */
export function sortFinite(values: Float64Array, scratch?: Float64Array): SortedColumn {
  const n = values.length;
  const spare = scratch && scratch.length >= n ? scratch : new Float64Array(n);
  const decimal = sortDecimal(values, spare);
  if (decimal) return decimal;
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  const counts = new Uint32Array(PASSES * RADIX);
  const { missing, infinite } = toKeysCounting(words, n, counts);
  // A pass whose digit is the same for every key moves nothing: skip it (integers, narrow ranges).
  const passes = Array.from({ length: PASSES }, (_, p) => p).filter((p) => counts[p * RADIX + digit(p, words[0] ?? 0, words[1] ?? 0)] !== n);
  if (passes.length === 0) {
    fromKeys(words, n);
    return { length: n - missing - infinite, missing, infinite };
  }
  let src = words;
  let dst = new Uint32Array(spare.buffer, spare.byteOffset, n * 2);
  passes.forEach((p, k) => {
    const starts = counts.subarray(p * RADIX, (p + 1) * RADIX);
    offsets(starts);
    (k === passes.length - 1 ? scatterDecoding : scatter)(p, starts, src, dst, n);
    [src, dst] = [dst, src];
  });
  if (src !== words) words.set(src.subarray(0, n * 2));
  return { length: n - missing - infinite, missing, infinite };
}
