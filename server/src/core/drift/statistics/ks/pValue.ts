// Two-sided p-value of the two-sample Kolmogorov–Smirnov statistic D = sup |F_ref - F_cur| (computed
// with the Wasserstein distance in one pass, ecdf.ts), switching between the exact and the asymptotic
// distribution exactly as SciPy's ks_2samp does in its default `method='auto'` (which is what Evidently
// calls): exact while the larger sample has at most 10,000 values, else the one-sample distribution
// kstwo at the effective size n·m/(n+m), rounded half to even as numpy does. Like SciPy and R, the
// p-value assumes no ties; D itself counts tied values together (ecdf.ts).
import { ksExactPValue } from './exact';
import { kolmogorovNSf } from './oneSample';

/** SciPy's MAX_AUTO_N: up to this many values in the larger sample the exact distribution is used. */
export const KS_EXACT_MAX_N = 10_000;

/** Rounds half to even (numpy's np.round), so an effective size of 5000.5 becomes 5000 as in SciPy. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Two-sided p-value of D for sample sizes n and m; `exact` says which distribution produced it. */
export function ksPValue(d: number, n: number, m: number): { pValue: number; exact: boolean } {
  if (n === 0 || m === 0) return { pValue: 1, exact: true };
  if (Math.max(n, m) <= KS_EXACT_MAX_N) return { pValue: ksExactPValue(d, n, m), exact: true };
  const [big, small] = n >= m ? [n, m] : [m, n];
  const effective = (big * small) / (big + small);
  return { pValue: kolmogorovNSf(roundHalfEven(effective), d), exact: false };
}

export { ksExactPValue } from './exact';
