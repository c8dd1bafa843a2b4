// Fast path of sortFinite for data with few decimals, which is what CSV exports and most feature
// stores hold (prices with 2 decimals, counts, ages): every value times 10^k is an integer, so the
// column sorts as 32-bit integer keys, 3 radix passes over half the memory instead of 6 passes over
// 64-bit words. Exact: the key is round(x·10^k) - base, a monotone and injective map on such values,
// and key / 10^k (one correctly rounded division) gives back the very same double.

const MAX_DECIMALS = 6;
const POWERS = Array.from({ length: MAX_DECIMALS + 1 }, (_, k) => 10 ** k);
const RADIX = 1 << 11;
const MASK = RADIX - 1;
const SAMPLE = 1000;

/** Decimals needed by the first SAMPLE finite values (a guess that is then checked on every value). */
function guessDecimals(values: Float64Array): number {
  let k = 0;
  for (let i = 0, seen = 0; i < values.length && seen < SAMPLE; i++) {
    const x = values[i]!;
    if (!Number.isFinite(x)) continue;
    seen++;
    while (k <= MAX_DECIMALS && Math.round(x * POWERS[k]!) / POWERS[k]! !== x) k++;
    if (k > MAX_DECIMALS) return -1;
  }
  return k;
}

interface Keys { keys: Uint32Array; length: number; missing: number; infinite: number; base: number }

/** Integer keys of the finite values, compacted; undefined when a value has more decimals or the range is too wide. */
function toKeys(values: Float64Array, scale: number, out: Uint32Array): Keys | undefined {
  let min = Infinity;
  let max = -Infinity;
  let missing = 0;
  let infinite = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x !== x) { missing++; continue; }
    if (x === Infinity || x === -Infinity) { infinite++; continue; }
    if (Math.round(x * scale) / scale !== x) return undefined;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const base = Math.round(min * scale);
  const top = Math.round(max * scale);
  if (top - base >= 2 ** 32 || Math.abs(base) > 2 ** 52 || Math.abs(top) > 2 ** 52) return undefined;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x - x === 0) out[n++] = Math.round(x * scale) - base; // finite only (x - x is NaN for NaN and ±Infinity)
  }
  return { keys: out, length: n, missing, infinite, base };
}

/** LSD radix sort of n uint32 keys in 11-bit digits, skipping digits every key shares; returns the sorted array. */
function radix32(a: Uint32Array, b: Uint32Array, n: number): Uint32Array {
  const counts = new Uint32Array(3 * RADIX);
  for (let i = 0; i < n; i++) {
    const k = a[i]!;
    counts[k & MASK]!++;
    counts[RADIX + ((k >>> 11) & MASK)]!++;
    counts[2 * RADIX + (k >>> 22)]!++;
  }
  let src = a;
  let dst = b;
  for (let p = 0; p < 3; p++) {
    const shift = 11 * p;
    const c = counts.subarray(p * RADIX, (p + 1) * RADIX);
    if (n === 0 || c[(src[0]! >>> shift) & MASK] === n) continue;
    let sum = 0;
    for (let d = 0; d < RADIX; d++) { const v = c[d]!; c[d] = sum; sum += v; }
    for (let i = 0; i < n; i++) { const k = src[i]!; dst[c[(k >>> shift) & MASK]!++] = k; }
    [src, dst] = [dst, src];
  }
  return src;
}

/**
 * Sorts `values` like sortFinite when every finite value has at most 6 decimals and the scaled range
 * fits 32 bits; returns undefined (values untouched) otherwise. `scratch` must hold values.length doubles.
 */
export function sortDecimal(values: Float64Array, scratch: Float64Array): { length: number; missing: number; infinite: number } | undefined {
  const decimals = guessDecimals(values);
  if (decimals < 0) return undefined;
  const n = values.length;
  const scale = POWERS[decimals]!;
  const a = new Uint32Array(scratch.buffer, scratch.byteOffset, n);
  const k = toKeys(values, scale, a);
  if (!k) return undefined;
  const sorted = radix32(a, new Uint32Array(scratch.buffer, scratch.byteOffset + 4 * n, n), k.length);
  for (let i = 0; i < k.length; i++) values[i] = (sorted[i]! + k.base) / scale;
  values.fill(NaN, k.length);
  return { length: k.length, missing: k.missing, infinite: k.infinite };
}
