// Evidently's definitions of the drift statistics (its legacy stattests, which DataDriftPreset runs),
// on counts over shared bins or categories:
//  - PSI: Σ (r - c)·ln(r/c) over shares of each sample, an empty bin replaced by 0.0001, or by a
//    millionth of the smallest non-empty share when that is below 0.0001 (each sample on its own);
//  - Jensen–Shannon distance with the natural logarithm (scipy's default base);
//  - chi-squared goodness of fit of the current counts against the reference proportions scaled to the
//    current size, k - 1 degrees of freedom: a category the reference never had has expected count 0,
//    so the statistic is infinite and p is 0;
//  - the two-proportion z-test on the share of values other than the first value in sorted order, its
//    p-value as 2·(1 - Φ(|z|)) in double precision as scipy's norm.cdf gives it (so it reaches 0 near
//    |z| = 8.3, as in Evidently).
import { erfc, chiSquareSf } from '../special';

const sum = (xs: ArrayLike<number>) => { let s = 0; for (let i = 0; i < xs.length; i++) s += xs[i]!; return s; };

function shares(counts: ArrayLike<number>): number[] {
  const total = sum(counts);
  return Array.from(counts, (c) => c / total);
}

/** Evidently's replacement of empty shares before PSI (its get_binned_data with feel_zeroes). */
function fillEmpty(p: number[]): number[] {
  const smallest = Math.min(...p.filter((x) => x !== 0));
  const fill = smallest <= 0.0001 ? smallest / 10 ** 6 : 0.0001;
  return p.map((x) => (x === 0 ? fill : x));
}

/** Evidently's PSI over counts on shared bins. */
export function evidentlyPsi(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const r = fillEmpty(shares(reference));
  const c = fillEmpty(shares(current));
  let psi = 0;
  for (let i = 0; i < r.length; i++) psi += (r[i]! - c[i]!) * Math.log(r[i]! / c[i]!);
  return psi;
}

/** scipy.spatial.distance.jensenshannon(p, q) with base e: sqrt of the mean KL divergence from the midpoint. */
export function evidentlyJensenShannon(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const p = shares(reference);
  const q = shares(current);
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i]! + q[i]!) / 2;
    if (p[i]! > 0) left += p[i]! * Math.log(p[i]! / m);
    if (q[i]! > 0) right += q[i]! * Math.log(q[i]! / m);
  }
  return Math.sqrt(Math.max(0, (left + right) / 2));
}

/** scipy.stats.chisquare(current, reference · n_cur/n_ref) as Evidently calls it; Infinity when a category is unseen. */
export function chiSquareGoodnessOfFit(reference: ArrayLike<number>, current: ArrayLike<number>): { statistic: number; dof: number; pValue: number } {
  const scale = sum(current) / sum(reference);
  let statistic = 0;
  for (let i = 0; i < reference.length; i++) {
    const expected = reference[i]! * scale;
    statistic += (current[i]! - expected) ** 2 / expected; // (c - 0)²/0 = Infinity for an unseen category
  }
  const dof = reference.length - 1;
  return { statistic, dof, pValue: dof > 0 ? chiSquareSf(statistic, dof) : 1 };
}

/** Φ(x) for x >= 0 as scipy's ndtr evaluates it (0.5 + erf/2 below x = 1, else 1 - erfc/2), in double precision. */
function normalCdf(x: number): number {
  const t = x / Math.SQRT2;
  return t < Math.SQRT1_2 ? 0.5 + 0.5 * (1 - erfc(t)) : 1 - 0.5 * erfc(t);
}

/**
 * Evidently's z-test: indicator 1 for every value other than the first in sorted order, pooled
 * two-proportion z, p = 2·(1 - Φ(|z|)). One identical value on both sides: z = 0, p = 1.
 */
export function evidentlyZTest(reference: number[], current: number[], firstIndex: number): { statistic: number; pValue: number } {
  const nr = sum(reference);
  const nc = sum(current);
  const seen = (xs: number[]) => xs.filter((x) => x > 0).length;
  if (seen(reference) === 1 && seen(current) === 1 && reference.findIndex((x) => x > 0) === current.findIndex((x) => x > 0)) {
    return { statistic: 0, pValue: 1 };
  }
  const pr = (nr - reference[firstIndex]!) / nr;
  const pc = (nc - current[firstIndex]!) / nc;
  const pooled = (pr * nr + pc * nc) / (nr + nc);
  const z = (pr - pc) / Math.sqrt(pooled * (1 - pooled) * (1 / nr + 1 / nc));
  return { statistic: z, pValue: 2 * (1 - normalCdf(Math.abs(z))) };
}
