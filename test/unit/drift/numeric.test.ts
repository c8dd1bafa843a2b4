// Wasserstein-1, PSI, Jensen–Shannon and the binning, against closed forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jensenShannon, psi, PSI_EPSILON } from '../../../server/src/core/drift/statistics/binned';
import { countsAtEdges, ecdfDistances, populationStd, quantileEdges } from '../../../server/src/core/drift/statistics/ecdf';
import { compareNumeric, equalWidthHistogram, STD_FLOOR } from '../../../server/src/core/drift/statistics/numeric';
import { sortFinite } from '../../../server/src/core/drift/sorting/sort';
import { normal, rng } from '../../bench/driftRandom';

const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected} (tolerance ${tol})`);
const range = (n: number, f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));

function normalSample(n: number, seed: number, mean: number, sd: number): Float64Array {
  const rand = rng(seed);
  const a = range(n, () => mean + sd * normal(rand));
  sortFinite(a);
  return a;
}

test('W1 of a sample and the same sample shifted by c is exactly c', () => {
  const a = normalSample(5000, 11, 3, 2);
  for (const c of [0.25, 1, 7.5]) close(ecdfDistances(a, a.map((x) => x + c)).wasserstein, c, 1e-9, `shift ${c}`);
});

test('W1 closed forms: {0..n-1} vs 2·{0..n-1} is (n-1)/2; unequal sizes; point masses', () => {
  const n = 1000;
  close(ecdfDistances(range(n, (i) => i), range(n, (i) => 2 * i)).wasserstein, (n - 1) / 2, 1e-9, 'scaled grid');
  // F_a = 2/3 and F_b = 1/3 on [0, 1): the area between them is 1/3.
  close(ecdfDistances(Float64Array.of(0, 0, 1), Float64Array.of(0, 1, 1)).wasserstein, 1 / 3, 1e-15, 'unequal masses');
  assert.equal(ecdfDistances(Float64Array.of(0), Float64Array.of(1)).wasserstein, 1);
});

test('normed W1 divides by the population standard deviation of the reference, floored at 0.001', () => {
  const n = 1000;
  const ref = range(n, (i) => i);
  close(populationStd(ref), Math.sqrt((n * n - 1) / 12), 1e-9, 'std of {0..n-1}');
  const r = compareNumeric(ref, range(n, (i) => i + 10));
  close(r.stats.wassersteinNormed!, 10 / Math.sqrt((n * n - 1) / 12), 1e-12, 'normed shift');
  const constant = compareNumeric(Float64Array.of(5, 5, 5), Float64Array.of(5, 5, 6));
  close(constant.stats.wassersteinNormed!, (1 / 3) / STD_FLOOR, 1e-9, 'constant reference uses the floor');
});

test('normal vs normal shifted by half a standard deviation: normed W1 ≈ 0.5 and KS D ≈ 2Φ(0.25) - 1', () => {
  const r = compareNumeric(normalSample(100_000, 1, 0, 1), normalSample(100_000, 2, 0.5, 1));
  close(r.stats.wassersteinNormed!, 0.5, 0.02, 'W1 normed');
  close(r.stats.ks!.statistic, 0.19741, 0.01, 'KS D'); // 2Φ(0.25) - 1 = 0.197413
  assert.ok(r.stats.ks!.pValue < 1e-100 || r.stats.ks!.pValue === 0, 'a shift this large is certain at n = 100k');
});

test('PSI closed forms: (25/75 vs 50/50) is ln(3)/4; an empty reference bin uses the epsilon', () => {
  close(psi([50, 50], [25, 75]), Math.log(3) / 4, 1e-15, 'two bins');
  close(psi([100, 0], [50, 50]), 0.5 * Math.log(2) + (0.5 - PSI_EPSILON) * Math.log(0.5 / PSI_EPSILON), 1e-12, 'empty bin');
  assert.equal(psi([10, 20, 30], [20, 40, 60]), 0, 'same proportions');
});

test('Jensen–Shannon distance (base 2): 0 for identical, 1 for disjoint, sqrt(1.5 - 0.75·log2 3) for (1,0) vs (½,½)', () => {
  assert.equal(jensenShannon([3, 1], [6, 2]), 0);
  assert.equal(jensenShannon([5, 0], [0, 7]), 1);
  close(jensenShannon([1, 0], [1, 1]), Math.sqrt(1.5 - 0.75 * Math.log2(3)), 1e-15, 'half overlap');
});

test('reference quantile bins: deciles of 1..100 hold 10 values each; ties merge bins', () => {
  const a = range(100, (i) => i + 1);
  assert.deepEqual(quantileEdges(a, 10), [10, 20, 30, 40, 50, 60, 70, 80, 90]);
  assert.deepEqual(countsAtEdges(a, quantileEdges(a, 10)), Array(10).fill(10));
  const ties = Float64Array.of(0, 0, 0, 0, 0, 0, 1, 1, 2, 3);
  assert.deepEqual(quantileEdges(ties, 10), [0, 1, 2]);
  assert.deepEqual(countsAtEdges(ties, [0, 1, 2]), [6, 2, 1, 1]);
});

test('equal-width histogram shares edges, counts every value once, one bin per integer for small counts, survives a constant column', () => {
  const h = equalWidthHistogram(range(100, (i) => i), range(50, (i) => 50 + i), 10);
  assert.deepEqual(h.edges, [0, 9.9, 19.8, 29.7, 39.6, 49.5, 59.4, 69.3, 79.2, 89.1, 99]);
  assert.deepEqual(h.reference, Array(10).fill(10));
  assert.equal(h.current.reduce((a, b) => a + b, 0), 50);
  const flat = equalWidthHistogram(Float64Array.of(4, 4), Float64Array.of(4));
  assert.deepEqual(flat, { type: 'numeric', edges: [4, 4], reference: [2], current: [1] });
  const counts = equalWidthHistogram(Float64Array.of(0, 0, 1, 3), Float64Array.of(1, 2, 2, 9));
  assert.deepEqual(counts.edges, [-0.5, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5]);
  assert.deepEqual(counts.reference, [2, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(counts.current, [0, 1, 2, 0, 0, 0, 0, 0, 0, 1]);
});

test('a numeric column with at most 5 distinct values is counted per value and gets the categorical tests', () => {
  const r = compareNumeric(Float64Array.of(0, 0, 0, 1, 1, 2), Float64Array.of(0, 1, 1, 2, 2, 2));
  assert.equal(r.distinct, 3);
  assert.equal(r.histogram.type, 'categorical');
  // Columns 0:(3,1) 1:(2,2) 2:(1,3); every expected count is 2, so χ² = (1+0+1+1+0+1)/2 = 2, p = e^{-1}.
  close(r.stats.chiSquare!.statistic, 2, 1e-12, 'chi2');
  close(r.stats.chiSquare!.pValue, Math.exp(-1), 1e-12, 'p');
});
