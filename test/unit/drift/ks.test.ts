// Kolmogorov–Smirnov: the statistic on hand-worked samples, the exact p-value against the closed form
// for equal sample sizes (Gnedenko–Korolyuk), and the asymptotic tail against the classic critical values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ecdfDistances } from '../../../server/src/core/drift/statistics/ecdf';
import { kolmogorovSf, ksExactPValue, ksPValue } from '../../../server/src/core/drift/statistics/ks';

const f64 = (xs: number[]) => Float64Array.from(xs);
const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected} (tolerance ${tol})`);

function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

/** Gnedenko–Korolyuk: P(D_{n,n} >= k/n) = 2 Σ_{j>=1} (-1)^{j+1} C(2n, n - jk) / C(2n, n). */
function gnedenkoKorolyuk(n: number, k: number): number {
  let sum = 0n;
  for (let j = 1; n - j * k >= 0; j++) sum += (j % 2 === 1 ? 1n : -1n) * binomial(2 * n, n - j * k);
  return Number((2n * sum * 10n ** 30n) / binomial(2 * n, n)) / 1e30;
}

test('D on hand-worked samples, ties stepped over together', () => {
  // F_a reaches 1 at 3 while F_b is 1/4 there.
  assert.equal(ecdfDistances(f64([1, 2, 3]), f64([2.5, 3.5, 4.5, 5.5])).ks, 0.75);
  // x=1: 1/4 vs 0; x=2: 3/4 vs 2/4; x=3: 1 vs 1, so D = 1/4 (a naive merge that splits ties says 1/2).
  assert.equal(ecdfDistances(f64([1, 2, 2, 3]), f64([2, 2, 3, 3])).ks, 0.25);
  assert.equal(ecdfDistances(f64([1, 2, 3]), f64([1, 2, 3])).ks, 0);
  assert.equal(ecdfDistances(f64([1, 2]), f64([3, 4, 5])).ks, 1);
});

test('exact p-value equals the Gnedenko–Korolyuk closed form for equal sizes', () => {
  for (const n of [5, 10, 25, 60]) {
    for (const k of [1, 2, Math.ceil(n / 4), Math.ceil(n / 2), n]) {
      close(ksExactPValue(k / n, n, n), gnedenkoKorolyuk(n, k), 1e-12, `n=${n} k=${k}`);
    }
  }
});

test('exact p-value of complete separation is 2 / C(n+m, n) for unequal sizes', () => {
  for (const [n, m] of [[3, 5], [4, 7], [10, 13]] as const) {
    close(ksExactPValue(1, n, m), 2 / Number(binomial(n + m, n)), 1e-15, `n=${n} m=${m}`);
    close(ksExactPValue(1, m, n), 2 / Number(binomial(n + m, n)), 1e-15, `n=${m} m=${n} (order does not matter)`);
  }
});

test('Kolmogorov tail at the classic critical values 1.2238 (10%), 1.3581 (5%), 1.6276 (1%)', () => {
  close(kolmogorovSf(1.2238), 0.1, 2e-4, 'K 10%');
  close(kolmogorovSf(1.3581), 0.05, 2e-4, 'K 5%');
  close(kolmogorovSf(1.6276), 0.01, 1e-4, 'K 1%');
  close(kolmogorovSf(0.5), 1 - 0.036055, 1e-5, 'K(0.5): small-λ branch');
  assert.equal(kolmogorovSf(0), 1);
  // Far tail: the first term 2e^{-2λ²} dominates.
  close(kolmogorovSf(4) / (2 * Math.exp(-32)), 1, 1e-12, 'K far tail');
});

test('exact and asymptotic p-values agree for large samples; the switch happens above 10^7 cells', () => {
  const n = 2000;
  for (const d of [0.035, 0.055]) {
    const asym = kolmogorovSf(d * Math.sqrt((n * n) / (2 * n)));
    close(ksExactPValue(d, n, n), asym, 0.01, `D=${d}`);
  }
  assert.equal(ksPValue(0.1, 3000, 3000).exact, true);
  assert.equal(ksPValue(0.1, 3000, 4000).exact, false);
  assert.deepEqual(ksPValue(0.5, 0, 10), { pValue: 1, exact: true });
});
