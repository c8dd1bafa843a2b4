// The one-sided Kolmogorov–Smirnov distribution P(D_n^+ >= x), exact by the Smirnov/Birnbaum–Tingey
// sum  x · Σ_{v=0}^{⌊n(1-x)⌋} C(n, v) (x + v/n)^{v-1} (1 - x - v/n)^{n-v}.  Every term is positive, so
// the sum does not cancel; each is a binomial probability divided by (x + v/n) (the two bases add up
// to 1), computed with Loader's saddle-point form ("Fast and accurate computation of binomial
// probabilities", 2000), whose relative error stays near 1e-15 even for n in the hundreds of thousands.

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln n! for small n, summed directly (exact to rounding). */
const LN_FACTORIAL = [0];
for (let i = 1; i <= 16; i++) LN_FACTORIAL.push(LN_FACTORIAL[i - 1]! + Math.log(i));

/** Stirling's error ln n! - (n + 1/2) ln n + n - ln √(2π), for whole n >= 1. */
function stirlingError(n: number): number {
  if (n <= 16) return LN_FACTORIAL[n]! - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  const n2 = n * n;
  // The asymptotic series 1/(12n) - 1/(360n³) + 1/(1260n⁵) - 1/(1680n⁷) + 1/(1188n⁹).
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / (1188 * n2)) / n2) / n2) / n2) / n;
}

/** Loader's deviance term x·ln(x/m) + m - x, by its series when x is close to m (where it would cancel). */
function deviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    const v = (x - m) / (x + m);
    let sum = (x - m) * v;
    let ej = 2 * x * v;
    const v2 = v * v;
    for (let j = 1; j < 1000; j++) {
      ej *= v2;
      const next = sum + ej / (2 * j + 1);
      if (next === sum) return sum;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / m) + m - x;
}

/** ln of C(n, v) p^v (1-p)^{n-v} for 0 < v < n, with the relative precision of Loader's form. */
function lnBinomialProbability(v: number, n: number, p: number): number {
  const lc = stirlingError(n) - stirlingError(v) - stirlingError(n - v) - deviance(v, n * p) - deviance(n - v, n * (1 - p));
  return lc + 0.5 * Math.log(n / (2 * Math.PI * v * (n - v)));
}

/** ln of the v-th Birnbaum–Tingey term C(n,v) a^{v-1} (1-a)^{n-v}, a = x + v/n (-Infinity once 1 - a <= 0). */
function lnTerm(n: number, x: number, v: number): number {
  const a = x + v / n;
  if (v === 0) return n * Math.log1p(-x) - Math.log(x);
  if (1 - a <= 0) return -Infinity;
  return lnBinomialProbability(v, n, a) - Math.log(a);
}

/**
 * The Birnbaum–Tingey sum for 1/n < x < 1 - 1/n. The terms rise to one mode and fall (they are
 * log-concave in v), and for large n all but a few thousand around the mode are below 1e-17 of the
 * sum: the mode is found by ternary search on the log terms, and the sum runs outward from it until
 * the terms no longer count, instead of over all n(1-x) terms.
 */
function birnbaumTingey(n: number, x: number): number {
  const last = Math.floor(n * (1 - x));
  let lo = 0;
  let hi = last;
  while (hi - lo > 2) {
    const m1 = lo + Math.floor((hi - lo) / 3);
    const m2 = hi - Math.floor((hi - lo) / 3);
    if (lnTerm(n, x, m1) < lnTerm(n, x, m2)) lo = m1 + 1; else hi = m2 - 1;
  }
  let mode = lo;
  for (let v = lo + 1; v <= hi; v++) if (lnTerm(n, x, v) > lnTerm(n, x, mode)) mode = v;
  const peak = lnTerm(n, x, mode);
  // Terms relative to the peak, so nothing underflows before it is negligible; Neumaier summation.
  let sum = 0;
  let compensation = 0;
  const add = (v: number): boolean => {
    const term = Math.exp(lnTerm(n, x, v) - peak);
    const t = sum + term;
    compensation += Math.abs(sum) >= term ? sum - t + term : term - t + sum;
    sum = t;
    return term >= 1e-17 * sum;
  };
  for (let v = mode; v >= 0 && add(v); v--);
  for (let v = mode + 1; v <= last && add(v); v++);
  return x * Math.exp(peak) * (sum + compensation);
}

/** MINLOG of the Cephes library: ln of the smallest normal double. */
const MIN_LOG = -708.3964185322641;

/** P(D_n^+ >= x), the one-sided (upper) Kolmogorov–Smirnov survival function, as SciPy's `smirnov`. */
export function smirnovSf(n: number, x: number): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  if (n === 1) return 1 - x;
  const nx = n * x;
  if (nx <= 1) return 1 - x * (1 + x) ** (n - 1);
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (Math.floor(nx) >= n - 1) return (1 - x) ** n;
  // Beyond a million the sum takes too long; SciPy switches to the approximation e^{-(6nx+1)²/(18n)}.
  if (n > 1_000_000) return Math.exp(-((6 * nx + 1) ** 2) / (18 * n));
  return Math.min(1, Math.max(0, birnbaumTingey(n, x)));
}
