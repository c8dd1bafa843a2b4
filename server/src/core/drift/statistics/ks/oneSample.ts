// The one-sample two-sided Kolmogorov–Smirnov distribution P(D_n >= d) for any n, choosing per region
// the method Simard and L'Ecuyer (2011) recommend and SciPy's `kstwo` uses, so that the two-sample
// asymptotic p-value (kstwo at n·m/(n+m), see pValue.ts) agrees with SciPy's to rounding:
//  - n·d <= 1 or >= n - 1: Ruben and Gambino's closed forms;
//  - d >= 1/2, or far in the tail (n·d² >= 2.2, or > 4 for n <= 140): 2·P(D_n^+ >= d), exact for
//    d >= 1/2 and within 1e-6 relatively elsewhere (Miller's approximation);
//  - otherwise 1 - P(D_n < d) by Durbin's exact matrix while it is small (n <= 140, or n·d^{3/2} <= 1.4
//    with n <= 100,000), else by the Pelz–Good expansion.
// (SciPy runs Pomeranz's recursion for n <= 140 and 0.754693 < n·d² <= 4; it is exact too, so Durbin's
// matrix gives the same value to rounding.)
import { durbinCdf } from './durbin';
import { pelzGoodCdf } from './pelzGood';
import { smirnovSf } from './smirnov';

const clip = (p: number) => Math.min(1, Math.max(0, p));

/** ln(n!/n^n) by Stirling's series with the n·ln n terms cancelled up front (n > 140). */
function lnFactorialOverPower(n: number): number {
  const r = 1 / n;
  const r2 = r * r;
  // Σ B_2j / (2j(2j-1) n^{2j-1}) for j = 1..4: 1/12, -1/360, 1/1260, -1/1680.
  const series = r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 / 1680)));
  return 0.5 * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI) + series;
}

/** Ruben–Gambino: P(D_n <= d) = n!/n^n (2nd - 1)^n for 1/(2n) <= d <= 1/n. */
function smallestCdf(n: number, t: number): number {
  if (n <= 140) {
    let p = 1;
    for (let i = 1; i <= n; i++) p *= (i / n) * (2 * t - 1);
    return p;
  }
  return Math.exp(lnFactorialOverPower(n) + n * Math.log(2 * t - 1));
}

/** P(D_n >= d) for the one-sample two-sided statistic D_n with n observations (SciPy's kstwo.sf(d, n)). */
export function kolmogorovNSf(n: number, d: number): number {
  if (d >= 1) return 0;
  if (d <= 0) return 1;
  const t = n * d;
  if (t <= 1) return t <= 0.5 ? 1 : clip(1 - smallestCdf(n, t));
  if (t >= n - 1) return clip(2 * (1 - d) ** n);
  if (d >= 0.5) return clip(2 * smirnovSf(n, d));
  const nd2 = t * d;
  if (n <= 140) return clip(nd2 <= 4 ? 1 - durbinCdf(n, d) : 2 * smirnovSf(n, d));
  if (nd2 >= 370) return 0;
  if (nd2 >= 2.2) return clip(2 * smirnovSf(n, d));
  const cdf = n <= 100_000 && n * d ** 1.5 <= 1.4 ? durbinCdf(n, d) : pelzGoodCdf(n, d);
  return clip(1 - cdf);
}
