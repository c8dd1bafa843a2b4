// Exact null distribution of the two-sample Kolmogorov–Smirnov statistic D_{n,m} (two-sided, no
// ties assumed, as SciPy and R). Every monotone lattice path from (0,0) to (n,m) is equally likely
// under the null hypothesis; D >= d exactly when the path touches a cell where |i/n - j/m| >= d.
//
// Counting the paths that stay inside and dividing by C(n+m, n) needs numbers up to 10^3000 and then
// a subtraction 1 - inside/total that loses every digit of a small p-value. Instead each cell holds the
// probability that a uniformly random path to it has already left the band (Viehmann 2021, "Numerically
// more stable computation of the p-values for the two-sample Kolmogorov–Smirnov test"): a convex
// combination of its two predecessors, so every value stays in [0, 1], nothing overflows or underflows
// until p itself is below 1e-308, and a p-value of 1e-57 keeps its full relative precision.

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * Equal sizes: P(D_{n,n} >= h/n) = 2 Σ_{k>=1} (-1)^{k+1} C(2n, n-kh) / C(2n, n) (reflection principle).
 * Written as 2·r0·(1 - r1·(1 - r2·(…))) with r_k = C(2n, n-(k+1)h) / C(2n, n-kh), each a product of h
 * ratios below 1, so no binomial is ever formed and the alternating sum cannot cancel badly.
 */
function equalSizes(n: number, h: number): number {
  let tail = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h && ratio > 0; j++) ratio *= (n - k * h - j) / (n + k * h + j + 1);
    tail = ratio * (1 - tail);
  }
  return 2 * tail;
}

/**
 * Unequal sizes (n <= m): walk the band row by row. Cell (i, j) is outside when |i·m' - j·n'| >= h,
 * with n' = n/g and m' = m/g (the lattice in units of 1/lcm). Inside, the chance that a random path to
 * (i, j) has left the band is (i·q(i-1, j) + j·q(i, j-1)) / (i + j); outside it is 1.
 */
function exitProbability(n: number, m: number, h: number): number {
  const g = gcd(n, m);
  const ng = n / g;
  const mg = m / g;
  // q[j] holds row i-1 until it is overwritten with row i; cells right of the band were never written
  // and read as 1 (outside), which is what the recurrence needs as the windows only move right.
  const q = new Float64Array(m + 1).fill(1);
  const top0 = Math.min(m, Math.ceil(h / ng) - 1);
  for (let j = 0; j <= top0; j++) q[j] = 0;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(0, Math.floor((i * mg - h) / ng) + 1);
    const hi = Math.min(m, Math.ceil((i * mg + h) / ng) - 1);
    if (lo > hi) return 1;
    let left = 1; // q(i, lo - 1) is outside the band (or absent when lo = 0, where its weight j is 0)
    for (let j = lo; j <= hi; j++) {
      left = (i * q[j]! + j * left) / (i + j);
      q[j] = left;
    }
  }
  return q[m]!;
}

/**
 * Exact P(D_{n,m} >= d) for samples of sizes n and m under the null hypothesis. `d` is rounded to the
 * lattice (a multiple of 1/lcm(n, m)) as SciPy does, so a D computed in floating point lands on its cell.
 */
export function ksExactPValue(d: number, n: number, m: number): number {
  if (n > m) [n, m] = [m, n];
  if (n === 0) return 1;
  const lcm = (n / gcd(n, m)) * m;
  const h = Math.round(d * lcm);
  if (h <= 0) return 1;
  const p = n === m ? equalSizes(n, h) : exitProbability(n, m, h);
  return Math.min(1, Math.max(0, p));
}
