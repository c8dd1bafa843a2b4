// Categorical tests against hand-worked tables and closed-form p-values, and the choice of test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignCounts, categoricalHistogram, chiSquareHomogeneity, proportionZTest, smallExpectedCells, unseenShare } from '../../../server/src/core/drift/statistics/categorical';
import { autoMethod, chooseMethod, verdict } from '../../../server/src/core/drift/verdict/methods';
import { erfc } from '../../../server/src/core/drift/statistics/special';

const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected} (tolerance ${tol})`);

test('chi-squared homogeneity on a 2×2 table: expected 25 per cell, χ² = 4, p = erfc(√2)', () => {
  const r = chiSquareHomogeneity([20, 30], [30, 20]);
  close(r.statistic, 4, 1e-12, 'chi2');
  assert.equal(r.dof, 1);
  close(r.pValue, erfc(Math.SQRT2), 1e-12, 'p'); // 0.0455, the textbook "just significant" 2×2 table
});

test('chi-squared on a 2×3 table: expected 20 per cell, χ² = 20, p = e^{-10} (dof 2)', () => {
  const r = chiSquareHomogeneity([10, 20, 30], [30, 20, 10]);
  close(r.statistic, 20, 1e-12, 'chi2');
  assert.equal(r.dof, 2);
  close(r.pValue / Math.exp(-10), 1, 1e-9, 'p');
});

test('a category only the current sample has keeps the statistic finite', () => {
  // Totals 40 vs 60 over columns (20,0),(20,40),(0,20): expected 8|12, 24|36, 8|12.
  const r = chiSquareHomogeneity([20, 20, 0], [0, 40, 20]);
  const expected = (20 - 8) ** 2 / 8 + (0 - 12) ** 2 / 12 + (20 - 24) ** 2 / 24 + (40 - 36) ** 2 / 36 + (0 - 8) ** 2 / 8 + (20 - 12) ** 2 / 12;
  close(r.statistic, expected, 1e-12, 'chi2');
  close(unseenShare([20, 20, 0], [0, 40, 20]), 1 / 3, 1e-15, 'unseen share');
  assert.equal(smallExpectedCells([20, 20, 0], [0, 40, 20]), 0);
  // Totals 10 vs 10 over columns (9,1),(1,9),(0,0): expected 5|5, 5|5, and the empty column is ignored.
  assert.equal(smallExpectedCells([9, 1, 0], [1, 9, 0]), 0);
  assert.equal(smallExpectedCells([3, 1], [1, 3]), 4);
});

test('pooled two-proportion z-test: 50% of 100 vs 30% of 100 gives z = 0.2/√0.0048 = 2.8868, p = 0.00389', () => {
  const r = proportionZTest([50, 50], [30, 70]);
  close(r.statistic, 0.2 / Math.sqrt(0.0048), 1e-12, 'z');
  close(r.pValue, 0.003892, 5e-6, 'p (normal table: 2 × 0.001946)');
  assert.deepEqual(proportionZTest([10, 0], [7, 0]), { statistic: 0, pValue: 1 }, 'one value on both sides: nothing to test');
});

test('aligned counts and the histogram: most frequent first, tail summed into other', () => {
  const a = alignCounts(new Map([['a', 5], ['b', 1]]), new Map([['b', 9], ['c', 2]]));
  assert.deepEqual(a, { categories: ['b', 'a', 'c'], reference: [1, 5, 0], current: [9, 0, 2] });
  const many = alignCounts(new Map(Array.from({ length: 30 }, (_, i) => [`k${i}`, 100 - i])), new Map());
  const h = categoricalHistogram(many);
  assert.equal(h.categories.length, 20);
  assert.equal(h.otherReference, Array.from({ length: 10 }, (_, i) => 100 - 20 - i).reduce((x, y) => x + y, 0));
});

test('auto picks as Evidently does by default', () => {
  assert.equal(autoMethod('numeric', 1000, 6), 'ks');
  assert.equal(autoMethod('numeric', 1000, 5), 'chisquare');
  assert.equal(autoMethod('numeric', 500, 2), 'ztest');
  assert.equal(autoMethod('categorical', 1000, 3), 'chisquare');
  assert.equal(autoMethod('categorical', 20, 2), 'ztest');
  assert.equal(autoMethod('numeric', 1001, 6), 'wasserstein');
  assert.equal(autoMethod('numeric', 1001, 5), 'jensenshannon');
  assert.equal(autoMethod('categorical', 5000, 2), 'jensenshannon');
});

test('an explicit method that cannot run on the column falls back to auto with a note', () => {
  assert.deepEqual(chooseMethod('psi', 'categorical', 50, 3), { method: 'psi' });
  const ks = chooseMethod('ks', 'categorical', 5000, 3);
  assert.equal(ks.method, 'jensenshannon');
  assert.match(ks.note!, /ks needs a numeric column/);
  assert.match(chooseMethod('ztest', 'categorical', 100, 3).note!, /at most two distinct values/);
});

test('thresholds: KS drifts at p <= t, chi-squared at p < t, distances at >= t', () => {
  const ks = { ks: { statistic: 0.2, pValue: 0.05, exact: true } };
  assert.equal(verdict('ks', ks, 0.05).drifted, true);
  const chi = { chiSquare: { statistic: 3, dof: 1, pValue: 0.05 } };
  assert.equal(verdict('chisquare', chi, 0.05).drifted, false);
  assert.deepEqual(verdict('wasserstein', { wassersteinNormed: 0.1 }, 0.1), { statistic: 0.1, pValue: null, drifted: true, ran: true });
  assert.equal(verdict('jensenshannon', { jensenShannon: 0.0999 }, 0.1).drifted, false);
});
