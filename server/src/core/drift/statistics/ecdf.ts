// Statistics read straight off two ascending samples (finite values only, see sort.ts): the two
// empirical distribution functions are walked together once, so a million-row column costs one
// linear pass after sorting, and counts per bin cost one binary search per edge.

/**
 * Kolmogorov–Smirnov D = sup |F_a - F_b| and Wasserstein-1 = ∫ |F_a(x) - F_b(x)| dx, in one merge of
 * the two sorted samples. Ties across samples are stepped over together, so both are exact.
 */
export function ecdfDistances(a: Float64Array, b: Float64Array): { ks: number; wasserstein: number } {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return { ks: 0, wasserstein: 0 };
  let i = 0;
  let j = 0;
  let ks = 0;
  let wasserstein = 0;
  let prevX = Math.min(a[0]!, b[0]!);
  let prevGap = 0;
  while (i < n || j < m) {
    const x = j >= m || (i < n && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    wasserstein += prevGap * (x - prevX);
    while (i < n && a[i]! <= x) i++;
    while (j < m && b[j]! <= x) j++;
    const gap = Math.abs(i / n - j / m);
    if (gap > ks) ks = gap;
    prevX = x;
    prevGap = gap;
  }
  return { ks, wasserstein };
}

/** Number of values <= x in an ascending array. */
export function upperBound(a: Float64Array, x: number, length = a.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Number of values < x in an ascending array. */
export function lowerBound(a: Float64Array, x: number, length = a.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Population standard deviation (divides by n, as numpy's default and Evidently's norm do). */
export function populationStd(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i]! - mean;
    squares += d * d;
  }
  return Math.sqrt(squares / n);
}

/**
 * Inner edges of `bins` quantile bins of an ascending sample (inverse-ECDF quantiles, so every edge
 * is a value the reference holds), duplicates dropped: ties merge bins instead of leaving empty ones.
 */
export function quantileEdges(a: Float64Array, bins: number): number[] {
  const n = a.length;
  const edges: number[] = [];
  for (let k = 1; k < bins && n > 0; k++) {
    const e = a[Math.max(0, Math.ceil((k * n) / bins) - 1)]!;
    if (edges.length === 0 || e > edges[edges.length - 1]!) edges.push(e);
  }
  return edges;
}

/** Counts over the bins (-∞, e1], (e1, e2], …, (e_last, +∞) of an ascending sample. */
export function countsAtEdges(a: Float64Array, edges: number[]): number[] {
  const counts: number[] = [];
  let below = 0;
  for (const e of edges) {
    const upTo = upperBound(a, e);
    counts.push(upTo - below);
    below = upTo;
  }
  counts.push(a.length - below);
  return counts;
}

/**
 * Up to `cap` + 1 distinct values of the union of two ascending samples, ascending (one binary
 * search per distinct value, so a continuous column stops after a few steps).
 */
export function distinctUnion(a: Float64Array, b: Float64Array, cap: number): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while ((i < a.length || j < b.length) && out.length <= cap) {
    const x = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    out.push(x);
    i = upperBound(a, x);
    j = upperBound(b, x);
  }
  return out;
}
