// The exact two-sample Kolmogorov–Smirnov p-value against path counts in whole numbers (BigInt), over
// a grid of sizes (equal, unequal, coprime, one tiny sample) and every lattice value of D, the cases
// issue 12 reports (2000×3000, 2400×2400, 3000×3333 with a 0.5 SD shift), ties, and SciPy's published
// test values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ecdfDistances } from '../../../server/src/core/drift/statistics/ecdf';
import { ksExactPValue, ksPValue } from '../../../server/src/core/drift/statistics/ks/pValue';
import { verdict } from '../../../server/src/core/drift/verdict/methods';
import { normal, rng } from '../../bench/driftRandom';
import { equalSizesClosedForm, naiveKsStatistic, twoSampleByCounting } from './reference/ksReference';

/** Relative agreement (absolute below 1e-300, where doubles lose digits anyway). */
function near(actual: number, expected: number, rtol: number, what: string): void {
  const ok = Math.abs(actual - expected) <= rtol * Math.abs(expected) || Math.abs(actual - expected) < 1e-300;
  assert.ok(ok, `${what}: ${actual} vs ${expected} (relative ${(Math.abs(actual - expected) / expected).toExponential(2)})`);
}
const f64 = (xs: number[]) => Float64Array.from(xs);
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

test('exact p equals path counting for every D on a grid of small sizes', () => {
  const sizes = [[1, 1], [1, 5], [2, 3], [3, 3], [4, 6], [5, 7], [7, 7], [6, 9], [10, 13], [12, 18], [20, 20], [9, 31]];
  for (const [n, m] of sizes as [number, number][]) {
    // Every attainable D is a multiple of 1/lcm(n, m), i.e. of gcd(n, m) in units of 1/(n·m); the float
    // h/(n·m) must land on its own cell.
    for (let h = gcd(n, m); h <= n * m; h += gcd(n, m)) {
      near(ksExactPValue(h / (n * m), n, m), twoSampleByCounting(n, m, h), 1e-12, `${n}x${m} h=${h}`);
      near(ksExactPValue(h / (n * m), m, n), twoSampleByCounting(n, m, h), 1e-12, `${m}x${n} h=${h} (order)`);
    }
  }
});

test('exact p equals path counting on medium sizes, from p = 1 to p below 1e-100', () => {
  for (const [n, m] of [[100, 110], [150, 151], [64, 200], [250, 400], [37, 1000]] as const) {
    for (const d of [0.02, 0.05, 0.1, 0.2, 0.35, 0.6, 0.9]) {
      const h = Math.round((d * n * m) / gcd(n, m)) * gcd(n, m);
      near(ksExactPValue(h / (n * m), n, m), twoSampleByCounting(n, m, h), 1e-11, `${n}x${m} D=${d}`);
    }
  }
});

test('equal sizes up to 2400 agree with the Gnedenko–Korolyuk sum (the issue: p 0.024 at 2400x2400, not 0.039)', () => {
  for (const n of [5, 60, 500, 2400]) {
    for (const k of [1, 2, Math.ceil(n / 40), Math.ceil(n / 10), Math.ceil(n / 4), n]) {
      near(ksExactPValue(k / n, n, n), equalSizesClosedForm(n, k), 1e-12, `n=${n} k=${k}`);
    }
  }
  // D = 0.043 at 2400x2400 (103 of 2400): the case the issue measured.
  const p = ksExactPValue(103 / 2400, 2400, 2400);
  near(p, equalSizesClosedForm(2400, 103), 1e-12, '2400x2400 D=103/2400');
  assert.ok(p > 0.02 && p < 0.03, `p ${p}`);
});

test('2000x3000: no error floor, p right down to 1e-37 (the issue saw a 4e-8 floor)', () => {
  for (const d of [0.03, 0.08, 0.1, 0.19]) {
    const h = Math.round(d * 6000) * 1000; // D on the lattice of lcm 6000, in units of 1/(n·m)
    near(ksExactPValue(h / 6e6, 2000, 3000), twoSampleByCounting(2000, 3000, h), 1e-11, `D=${d}`);
  }
});

test('3000x3333 with a 0.5 SD shift: p = 2e-47 as counted (the issue got 1 for its sample), so KS reports drift', () => {
  const rand = rng(20240612);
  const a = Array.from({ length: 3000 }, () => normal(rand));
  const b = Array.from({ length: 3333 }, () => 0.5 + normal(rand));
  const { d, h } = naiveKsStatistic(a, b);
  const sorted = (xs: number[]) => f64(xs).sort();
  assert.equal(ecdfDistances(sorted(a), sorted(b)).ks, d);
  const expected = twoSampleByCounting(3000, 3333, h);
  const got = ksPValue(d, 3000, 3333);
  assert.equal(got.exact, true);
  near(got.pValue, expected, 1e-11, '3000x3333');
  assert.ok(got.pValue < 1e-46 && got.pValue > 1e-48, `p ${got.pValue}`);
  assert.equal(verdict('ks', { ks: { statistic: d, ...got } }, 0.05).drifted, true);
});

test('ties: D counts tied values together and p matches SciPy\'s published values and the path count', () => {
  // SciPy test_stats.py TestKSTwoSamples.testRepeatedValues.
  const x2233 = [...Array(3).fill(2), ...Array(4).fill(3), ...Array(5).fill(5), ...Array(4).fill(6)];
  const x3344 = x2233.map((x) => x + 1);
  const x2356 = [...Array(3).fill(2), ...Array(4).fill(3), ...Array(10).fill(5), ...Array(4).fill(6)];
  const x3467 = [...Array(10).fill(3), ...Array(2).fill(4), ...Array(10).fill(6), ...Array(4).fill(7)];
  for (const [a, b, dWant, pWant] of [[x2233, x3344, 5 / 16, 0.4262934613454952], [x2356, x3467, 190 / 21 / 26, 0.0919245790168125]] as const) {
    const d = ecdfDistances(f64(a), f64(b)).ks;
    assert.equal(d, naiveKsStatistic(a, b).d);
    near(d, dWant, 1e-15, 'D');
    near(ksPValue(d, a.length, b.length).pValue, pWant, 1e-13, 'p vs SciPy');
    near(ksPValue(d, a.length, b.length).pValue, twoSampleByCounting(a.length, b.length, naiveKsStatistic(a, b).h), 1e-13, 'p vs count');
  }
});

test('SciPy\'s published two-sided values (TestKSTwoSamples)', () => {
  near(ksPValue(2 / 4, 2, 4).pValue, 14 / 15, 1e-15, '2 vs 4, D=2/4');
  near(ksPValue(3 / 4, 2, 4).pValue, 6 / 15, 1e-15, '2 vs 4, D=3/4');
  near(ksPValue(3 / 100, 100, 100).pValue, 0.999999999996206, 1e-14, '100 vs 100');
  near(ksPValue(232 / 1100, 100, 110).pValue, 0.015739183865607353, 1e-12, '100 vs 110, D=232/1100');
  near(ksPValue(229 / 1100, 100, 110).pValue, 0.017803803861026313, 1e-12, '100 vs 110, D=229/1100');
  near(ksExactPValue(563 / 110000, 10000, 11000), 0.9990456491488628, 1e-13, '10000 vs 11000, exact');
});

test('the largest exact case, 10000 vs 110: the path count, 6.3e-26 (SciPy publishes 4.2e-15 under an absolute tolerance of 1e-14)', () => {
  const h = 55275 * 10; // D = 55275/110000 in units of 1/(n·m)
  const got = ksPValue(55275 / 110000, 10000, 110);
  assert.equal(got.exact, true);
  near(got.pValue, twoSampleByCounting(110, 10000, h), 1e-11, '10000x110');
  assert.ok(Math.abs(got.pValue - 4.2188474935755949e-15) < 1e-14);
});
