// compat: evidently, statistic by statistic, against Evidently's definitions re-derived here by hand on
// small tables (its legacy stattests and get_binned_data, numpy's Sturges rule and linspace, scipy's
// jensenshannon, chisquare and norm.cdf): closed forms and plain loops, not the product's helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jensenShannon } from '../../../server/src/core/drift/statistics/binned';
import { histogramCounts, perValueCounts, sturgesEdges } from '../../../server/src/core/drift/statistics/evidently/binning';
import { codePointCompare, evidentlyCategoricalStats } from '../../../server/src/core/drift/statistics/evidently/categorical';
import { chiSquareGoodnessOfFit, evidentlyJensenShannon, evidentlyPsi, evidentlyZTest } from '../../../server/src/core/drift/statistics/evidently/tests';
import { compareNumeric } from '../../../server/src/core/drift/statistics/numeric';
import { chooseEvidentlyMethod } from '../../../server/src/core/drift/verdict/methods';

const near = (actual: number, expected: number, rtol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= rtol * Math.abs(expected), `${what}: ${actual} vs ${expected}`);

/** Φ(x) by the Taylor series of erf (exact to ~1e-15 for |x| < 4), independent of the product's erfc. */
function phi(x: number): number {
  const t = x / Math.SQRT2;
  let term = t;
  let sum = t;
  for (let n = 1; n < 200; n++) {
    term *= (-t * t) / n;
    sum += term / (2 * n + 1);
  }
  return 0.5 + sum / Math.sqrt(Math.PI);
}

test('Sturges bins as numpy: ceil(range / (range / (log2 n + 1))) equal bins, linspace edges, last bin closed', () => {
  // 55 values from 0.5 to 39.5: log2(55) + 1 = 6.78, so 7 bins of width 39/7.
  const reference = Float64Array.from({ length: 25 }, (_, i) => i + 0.5);
  const current = Float64Array.from({ length: 30 }, (_, i) => i + 9.5);
  const edges = sturgesEdges(0.5, 39.5, 55, false);
  assert.equal(edges.length, 8);
  edges.forEach((e, i) => assert.equal(e, i === 7 ? 39.5 : i * (39 / 7) + 0.5, `edge ${i}`));
  const count = (xs: Float64Array) => edges.slice(0, -1).map((lo, i) => [...xs].filter((x) => x >= lo && (i === 6 ? x <= edges[7]! : x < edges[i + 1]!)).length);
  assert.deepEqual(histogramCounts(reference, edges), count(reference));
  assert.deepEqual(histogramCounts(current, edges), count(current));
  assert.equal(histogramCounts(current, edges).reduce((a, b) => a + b), 30, 'the maximum lands in the last bin');
  // numpy widens the bin to 1 for an integer dtype: 2^20 values over 0..10 give 10 bins, not 21.
  assert.equal(sturgesEdges(0, 10, 2 ** 20, true).length - 1, 10);
  assert.equal(sturgesEdges(0, 10, 2 ** 20, false).length - 1, 21);
  assert.deepEqual(sturgesEdges(3, 3, 10, false), [2.5, 3.5], 'one value: numpy widens the range by 0.5 each side');
});

test('PSI: Σ (r - c) ln(r/c) with empty shares filled by 0.0001, or a millionth of the smallest share below it', () => {
  near(evidentlyPsi([5, 5, 0], [0, 5, 5]), 2 * (0.5 - 1e-4) * Math.log(0.5 / 1e-4), 1e-14, 'fill 0.0001');
  // Smallest reference share 1e-5 <= 0.0001: its empty bin becomes 1e-11; the current's stays 0.0001.
  const r = [1 / 1e5, 99_999 / 1e5, 1e-11];
  const c = [0.5, 0.5, 1e-4];
  const expected = r.reduce((s, ri, i) => s + (ri - c[i]!) * Math.log(ri / c[i]!), 0);
  near(evidentlyPsi([1, 99_999, 0], [5000, 5000, 0]), expected, 1e-12, 'fill a millionth');
});

test('Jensen–Shannon in base e (scipy default): sqrt of the mean KL divergence from the midpoint; ours is base 2', () => {
  const kl = (p: number[], q: number[]) => p.reduce((s, pi, i) => (pi > 0 ? s + pi * Math.log(pi / q[i]!) : s), 0);
  const expected = Math.sqrt((kl([0.5, 0.5], [0.75, 0.25]) + kl([1, 0], [0.75, 0.25])) / 2);
  near(evidentlyJensenShannon([10, 10], [7, 0]), expected, 1e-14, 'JS');
  // The same distance in base 2 is larger by 1/sqrt(ln 2): at the shared 0.1 threshold ours is 17% stricter.
  near(jensenShannon([10, 10], [7, 0]) * Math.sqrt(Math.LN2), expected, 1e-14, 'base 2 vs base e');
});

test('chi-squared goodness of fit against the reference proportions; an unseen category is infinite, p = 0', () => {
  const a = chiSquareGoodnessOfFit([10, 20, 30], [15, 15, 30]);
  assert.deepEqual([a.statistic, a.dof], [25 / 10 + 25 / 20, 2]);
  near(a.pValue, Math.exp(-3.75 / 2), 1e-13, 'dof 2: p = e^{-x/2}');
  // Current twice as large: expected counts are the reference's doubled.
  const b = chiSquareGoodnessOfFit([10, 30, 20], [30, 50, 40]);
  near(b.statistic, 100 / 20 + 100 / 60, 1e-14, 'scaled expectation');
  near(b.pValue, Math.exp(-b.statistic / 2), 1e-13, 'p');
  // dof 4: p = e^{-x/2}(1 + x/2).
  const c = chiSquareGoodnessOfFit([10, 10, 10, 10, 10], [14, 6, 10, 10, 10]);
  near(c.statistic, 16 / 10 + 16 / 10, 1e-15, 'dof 4 statistic');
  near(c.pValue, Math.exp(-3.2 / 2) * (1 + 3.2 / 2), 1e-12, 'dof 4');
  assert.deepEqual(chiSquareGoodnessOfFit([10, 20, 0], [5, 5, 5]), { statistic: Infinity, dof: 2, pValue: 0 });
});

test('z-test: the first value in code-point order against the rest, p = 2(1 - Φ(|z|)) rounded as scipy rounds it', () => {
  // Categories in count order [b, a]: "a" sorts first. Reference 70% not-a, current 50%: z = 0.2/sqrt(0.6·0.4·0.02).
  const z = evidentlyZTest([70, 30], [50, 50], 1);
  near(z.statistic, 0.2 / Math.sqrt(0.0048), 1e-13, 'z');
  near(z.pValue, 2 * (1 - phi(z.statistic)), 1e-9, 'p');
  near(z.pValue, 0.003892, 2e-4, 'p (normal table)');
  assert.equal(evidentlyZTest([500, 500], [0, 1000], 0).pValue, 0, 'Φ rounds to 1 in double precision: p is exactly 0, as in Evidently');
  assert.deepEqual(evidentlyZTest([0, 9], [0, 4], 0), { statistic: 0, pValue: 1 }, 'one identical value on both sides');
  assert.ok(codePointCompare('Z', 'a') < 0 && codePointCompare('a', 'ab') < 0 && codePointCompare('\u{1F600}', '\uFFFF') > 0);
  const stats = evidentlyCategoricalStats({ categories: ['b', 'a'], reference: [70, 30], current: [50, 50] });
  assert.equal(stats.zTest!.statistic, z.statistic);
});

test('default test choice as Evidently\'s registry: by column type, reference size (<= 1000) and distinct values', () => {
  const cases: [('numerical' | 'categorical'), number, number, string][] = [
    ['numerical', 1000, 6, 'ks'], ['numerical', 1000, 5, 'chisquare'], ['numerical', 1000, 3, 'chisquare'], ['numerical', 1000, 2, 'ztest'],
    ['numerical', 1001, 6, 'wasserstein'], ['numerical', 1001, 5, 'jensenshannon'], ['numerical', 1001, 2, 'jensenshannon'],
    ['categorical', 1000, 40, 'chisquare'], ['categorical', 1000, 3, 'chisquare'], ['categorical', 10, 2, 'ztest'],
    ['categorical', 1001, 40, 'jensenshannon'], ['categorical', 1001, 2, 'jensenshannon'],
  ];
  for (const [type, size, distinct, want] of cases) assert.deepEqual(chooseEvidentlyMethod('auto', type, size, distinct), { method: want }, `${type} ${size} ${distinct}`);
});

test('Evidently\'s column type: an integer column with at most 10 distinct current values is categorical', () => {
  const ref = Float64Array.of(0, 1, 1, 2, 3, 4, 4);
  const cur = Float64Array.of(0, 1, 2, 5, 6, 7, 8);
  const typed = (options: { integers: boolean; currentIntegers: boolean; inferred: boolean }, current = cur) =>
    compareNumeric(ref, current, { compat: 'evidently', ...options }).evidentlyType;
  assert.equal(typed({ integers: true, currentIntegers: true, inferred: true }), 'categorical');
  assert.equal(typed({ integers: true, currentIntegers: true, inferred: false }), 'numerical', 'typed by a contract (like a DataDefinition)');
  assert.equal(typed({ integers: false, currentIntegers: false, inferred: true }), 'numerical', 'missing current values make it float');
  assert.equal(typed({ integers: false, currentIntegers: true, inferred: true }), 'categorical', 'the type comes from the current data');
  assert.equal(typed({ integers: true, currentIntegers: true, inferred: true }, Float64Array.from({ length: 11 }, (_, i) => i)), 'numerical', '11 current values');
  // As categorical, its statistics are per value over the union of values, unseen values included.
  const c = compareNumeric(ref, cur, { compat: 'evidently', integers: true, currentIntegers: true, inferred: true });
  const v = perValueCounts(ref, cur);
  assert.deepEqual(v.values, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(c.stats.chiSquare!.statistic, Infinity);
  near(c.stats.unseenShare!, 4 / 7, 1e-15, 'unseen share');
});
