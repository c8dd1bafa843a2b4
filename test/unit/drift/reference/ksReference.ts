// Independent reference values for the Kolmogorov–Smirnov tests, in exact integer arithmetic (BigInt):
// path counting on the lattice, binomial sums and the Birnbaum–Tingey sum. Written apart from the
// product code and slower by design; only the final ratio is rounded to a double.

/** num/den as a double, correct to about 1e-18 relative whatever the sizes (num, den >= 0). */
export function bigRatio(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const shift = den.toString(2).length - num.toString(2).length + 64;
  const q = shift >= 0 ? (num << BigInt(shift)) / den : num / (den << BigInt(-shift));
  // 2^-shift can underflow on its own for tiny ratios: apply it in two steps.
  const half = Math.trunc(shift / 2);
  return Number(q) * 2 ** -half * 2 ** -(shift - half);
}

export function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 1; i <= Math.min(k, n - k); i++) r = (r * BigInt(n - i + 1)) / BigInt(i);
  return r;
}

/**
 * P(D_{n,m} >= h/(n·m)) by counting, with whole numbers, the lattice paths from (0,0) to (n,m) that
 * stay strictly inside |i·m - j·n| < h, then (C(n+m, n) - inside) / C(n+m, n).
 */
export function twoSampleByCounting(n: number, m: number, h: number): number {
  const row: bigint[] = new Array(m + 1).fill(0n);
  for (let j = 0; j <= m; j++) row[j] = j * n < h && (j === 0 || row[j - 1] !== 0n) ? 1n : 0n;
  for (let i = 1; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (Math.abs(i * m - j * n) >= h) row[j] = 0n;
      else if (j > 0) row[j] = row[j]! + row[j - 1]!;
    }
  }
  const total = binomial(n + m, n);
  return bigRatio(total - row[m]!, total);
}

/** C(N, 0..N), built once by C(N, i+1) = C(N, i)·(N-i)/(i+1). */
function binomialRow(N: number): bigint[] {
  const row = [1n];
  for (let i = 0; i < N; i++) row.push((row[i]! * BigInt(N - i)) / BigInt(i + 1));
  return row;
}

/** Gnedenko–Korolyuk: P(D_{n,n} >= k/n) = 2 Σ_{j>=1} (-1)^{j+1} C(2n, n - jk) / C(2n, n), summed exactly. */
export function equalSizesClosedForm(n: number, k: number): number {
  const row = binomialRow(2 * n);
  let sum = 0n;
  for (let j = 1; n - j * k >= 0; j++) sum += (j % 2 === 1 ? 1n : -1n) * row[n - j * k]!;
  return bigRatio(2n * sum, row[n]!);
}

/**
 * Birnbaum–Tingey: P(D_n^+ >= x) = x Σ_{v=0}^{⌊n(1-x)⌋} C(n,v) (x + v/n)^{v-1} (1 - x - v/n)^{n-v}
 * for x = a/b, every term over the common denominator (n·b)^n.
 */
export function smirnovExact(n: number, a: number, b: number): number {
  const N = BigInt(n);
  const den = N * BigInt(b);
  let num = 0n;
  for (let v = 0; v * b <= n * (b - a); v++) {
    const V = BigInt(v);
    const up = BigInt(a) * N + V * BigInt(b); // (x + v/n)·n·b
    const down = den - up; // (1 - x - v/n)·n·b
    // x·C(n,v)·up^{v-1}·down^{n-v}/den^{n-1}, scaled to den^n: the v = 0 term is down^n.
    num += v === 0 ? down ** N : binomial(n, v) * BigInt(a) * N * up ** (V - 1n) * down ** (N - V);
  }
  return bigRatio(num, den ** N);
}

/** D = sup |F_a - F_b| by evaluating both empirical distribution functions at every value (ties included). */
export function naiveKsStatistic(a: number[], b: number[]): { d: number; h: number } {
  let best = 0;
  for (const x of [...a, ...b]) {
    const fa = a.filter((v) => v <= x).length;
    const fb = b.filter((v) => v <= x).length;
    best = Math.max(best, Math.abs(fa * b.length - fb * a.length));
  }
  return { d: best / (a.length * b.length), h: best };
}
