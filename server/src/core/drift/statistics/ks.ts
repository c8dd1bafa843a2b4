// Two-sample Kolmogorov–Smirnov p-values for the statistic D = sup |F_ref - F_cur| (computed with the
// Wasserstein distance in one pass, ecdf.ts): two-sided, exact (lattice-path count) while n·m is small
// enough to count quickly, else the limiting Kolmogorov distribution. Like scipy and R, the exact p-value assumes no ties.

/** Above this n·m the exact path count (O(n·m)) gives way to the asymptotic distribution. */
export const KS_EXACT_MAX_CELLS = 10_000_000;

/**
 * Exact P(D >= d) for samples of sizes n and m under the null hypothesis, counting the monotone
 * lattice paths from (0,0) to (n,m) that stay strictly inside |i/n - j/m| < d. Path counts are kept
 * divided by C(i+m, m), so every stored value lies in [0, 1] and nothing overflows.
 */
export function ksExactPValue(d: number, n: number, m: number): number {
  if (d <= 0) return 1;
  if (n > m) [n, m] = [m, n];
  // D is a multiple of 1/(n·m) on this lattice; compare integers to avoid rounding at the boundary.
  const k = Math.round(d * n * m);
  const inside = (i: number, j: number) => Math.abs(i * m - j * n) < k;
  const u = new Float64Array(m + 1);
  for (let j = 0; j <= m; j++) u[j] = inside(0, j) ? 1 : 0;
  for (let i = 1; i <= n; i++) {
    const w = i / (i + m);
    u[0] = inside(i, 0) ? w * u[0]! : 0;
    for (let j = 1; j <= m; j++) u[j] = inside(i, j) ? w * u[j]! + u[j - 1]! : 0;
  }
  return Math.min(1, Math.max(0, 1 - u[m]!));
}

/** P(K > λ) for the Kolmogorov distribution K, the limit of sqrt(nm/(n+m))·D. */
export function kolmogorovSf(lambda: number): number {
  if (lambda <= 0) return 1;
  if (lambda < 1.18) {
    // Small λ: the alternating series converges slowly; the theta-function form converges fast.
    const f = -(Math.PI * Math.PI) / (8 * lambda * lambda);
    let cdf = 0;
    for (let k = 1; k < 50; k++) cdf += Math.exp(f * (2 * k - 1) * (2 * k - 1));
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * cdf));
  }
  let sf = 0;
  for (let k = 1; k < 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sf += k % 2 === 1 ? term : -term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sf));
}

/** Two-sided p-value of D for sample sizes n and m; `exact` says which method produced it. */
export function ksPValue(d: number, n: number, m: number): { pValue: number; exact: boolean } {
  if (n === 0 || m === 0) return { pValue: 1, exact: true };
  if (n * m <= KS_EXACT_MAX_CELLS) return { pValue: ksExactPValue(d, n, m), exact: true };
  return { pValue: kolmogorovSf(d * Math.sqrt((n * m) / (n + m))), exact: false };
}
