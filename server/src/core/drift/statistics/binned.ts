// Distances between two binned distributions given as counts over the same bins (numeric bins or
// categories): population stability index and Jensen–Shannon distance.

/** Proportion that stands in for an empty bin in PSI, whose log ratio would otherwise be infinite. */
export const PSI_EPSILON = 1e-4;

function proportions(counts: ArrayLike<number>): number[] {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  return Array.from({ length: counts.length }, (_, i) => (total > 0 ? counts[i]! / total : 0));
}

/**
 * Population stability index Σ (c - r)·ln(c / r) over bins, with proportions r (reference) and c
 * (current); an empty bin counts as PSI_EPSILON. 0 means identical; 0.1 and 0.25 are the usual
 * "some" and "major" shift marks.
 */
export function psi(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const r = proportions(reference);
  const c = proportions(current);
  let sum = 0;
  for (let i = 0; i < r.length; i++) {
    const ri = Math.max(r[i]!, PSI_EPSILON);
    const ci = Math.max(c[i]!, PSI_EPSILON);
    sum += (ci - ri) * Math.log(ci / ri);
  }
  return sum;
}

/**
 * Jensen–Shannon distance with base-2 logarithms: sqrt of the mean Kullback–Leibler divergence of
 * each distribution from their midpoint. Between 0 (identical) and 1 (no shared bin). Empty bins
 * need no epsilon: 0·log 0 is 0. (scipy's default is base e, which is this value times sqrt(ln 2).)
 */
export function jensenShannon(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const p = proportions(reference);
  const q = proportions(current);
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i]! + q[i]!) / 2;
    if (p[i]! > 0) divergence += 0.5 * p[i]! * Math.log2(p[i]! / m);
    if (q[i]! > 0) divergence += 0.5 * q[i]! * Math.log2(q[i]! / m);
  }
  // Rounding can leave a divergence of -1e-17 for identical inputs, or 1 + 1e-16 for disjoint ones.
  return Math.sqrt(Math.min(1, Math.max(0, divergence)));
}
