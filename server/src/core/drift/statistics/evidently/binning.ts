// How Evidently bins a column before PSI and Jensen–Shannon (its get_binned_data): a numerical column
// whose reference has more than 20 distinct values gets numpy's "sturges" histogram over both samples
// together; anything else is counted per value over the values either sample holds. The edges are
// computed with numpy's own arithmetic (linspace from the combined minimum to the maximum), so a value
// on an edge falls in the same bin as in numpy.
import { lowerBound, upperBound } from '../ecdf';

/** Above this many distinct reference values a numerical column is binned instead of counted per value. */
export const EVIDENTLY_PER_VALUE_MAX = 20;

/**
 * numpy.histogram_bin_edges(combined, bins='sturges'): width = range / (log2(size) + 1), widened to 1
 * for integer data (numpy does so for an integer dtype), ceil(range / width) equal bins from the
 * minimum to the maximum, edges as numpy.linspace computes them (i·step + first, the last one exact).
 */
export function sturgesEdges(min: number, max: number, size: number, integers: boolean): number[] {
  let first = min;
  let last = max;
  if (first === last) { first -= 0.5; last += 0.5; }
  let width = (max - min) / (Math.log2(size) + 1);
  if (integers && width < 1) width = 1;
  const bins = width ? Math.ceil((last - first) / width) : 1;
  const step = (last - first) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => i * step + first);
  edges[bins] = last;
  return edges;
}

/** numpy.histogram counts of an ascending sample over `edges`: [e_i, e_{i+1}), the last bin closed. */
export function histogramCounts(sorted: Float64Array, edges: number[]): number[] {
  const counts: number[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const end = i + 2 === edges.length ? upperBound(sorted, edges[i + 1]!) : lowerBound(sorted, edges[i + 1]!);
    counts.push(end - lowerBound(sorted, edges[i]!));
  }
  return counts;
}

/** Distinct values of an ascending sample, counted up to `cap` + 1. */
export function distinctCount(sorted: Float64Array, cap: number): number {
  let count = 0;
  for (let i = 0; i < sorted.length && count <= cap; i = upperBound(sorted, sorted[i]!)) count++;
  return count;
}

/** Per-value counts of two ascending samples over the union of their values, ascending. */
export function perValueCounts(a: Float64Array, b: Float64Array): { values: number[]; reference: number[]; current: number[] } {
  const out = { values: [] as number[], reference: [] as number[], current: [] as number[] };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    const i2 = i < a.length && a[i] === x ? upperBound(a, x) : i;
    const j2 = j < b.length && b[j] === x ? upperBound(b, x) : j;
    out.values.push(x);
    out.reference.push(i2 - i);
    out.current.push(j2 - j);
    i = i2;
    j = j2;
  }
  return out;
}
