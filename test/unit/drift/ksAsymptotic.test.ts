// Above 10,000 values in the larger sample the two-sample p-value comes from the one-sample
// distribution kstwo at n·m/(n+m), as SciPy's ks_2samp(method='auto') does. Checked against the
// reference table of Simard and L'Ecuyer (2011, Table 1, recomputed with 500-bit arithmetic in SciPy's
// test suite), the exact one-sided Birnbaum–Tingey sum in BigInt, the Ruben–Gambino closed forms,
// SciPy's published two-sample values, and the switch itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { durbinCdf } from '../../../server/src/core/drift/statistics/ks/durbin';
import { kolmogorovNSf } from '../../../server/src/core/drift/statistics/ks/oneSample';
import { KS_EXACT_MAX_N, ksExactPValue, ksPValue, roundHalfEven } from '../../../server/src/core/drift/statistics/ks/pValue';
import { smirnovSf } from '../../../server/src/core/drift/statistics/ks/smirnov';
import { bigRatio, smirnovExact } from './reference/ksReference';

function near(actual: number, expected: number, rtol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= rtol * Math.abs(expected), `${what}: ${actual} vs ${expected}`);
}

// P(D_n <= x) at x = r·ln2·sqrt(π/(2n)) for r in RATIOS (rows: n in TABLE_N).
const TABLE_N = [10, 50, 100, 200, 500, 1000];
const RATIOS = [1 / 4, 1 / 3, 1 / 2, 1, 2, 3];
const TABLE = [
  [1.92155292e-08, 5.72933228e-05, 2.15233226e-02, 6.31566589e-01, 9.97685592e-01, 9.99999942e-01],
  [2.28096224e-09, 1.99142563e-05, 1.42617934e-02, 5.95345542e-01, 9.96177701e-01, 9.99998662e-01],
  [1.00201886e-09, 1.32673079e-05, 1.24608594e-02, 5.86163220e-01, 9.95866877e-01, 9.99998240e-01],
  [4.93313022e-10, 9.52658029e-06, 1.12123138e-02, 5.79486872e-01, 9.95661824e-01, 9.99997964e-01],
  [2.37049293e-10, 6.85002458e-06, 1.01309221e-02, 5.73427224e-01, 9.95491207e-01, 9.99997750e-01],
  [1.56990874e-10, 5.71738276e-06, 9.59725430e-03, 5.70322692e-01, 9.95409545e-01, 9.99997657e-01],
];

test('Durbin\'s matrix reproduces the Simard–L\'Ecuyer table to its 9 digits', () => {
  TABLE_N.forEach((n, i) => RATIOS.forEach((r, j) => {
    near(durbinCdf(n, r * Math.log(2) * Math.sqrt(Math.PI / 2 / n)), TABLE[i]![j]!, 1e-8, `n=${n} r=${r}`);
  }));
});

test('kstwo: each method region agrees with the table (Pelz–Good within its 2e-6, the rest to the table\'s 9 digits)', () => {
  TABLE_N.forEach((n, i) => RATIOS.forEach((r, j) => {
    const x = r * Math.log(2) * Math.sqrt(Math.PI / 2 / n);
    const expected = TABLE[i]![j]!;
    const sf = kolmogorovNSf(n, x);
    // The table holds 9 significant digits of the distribution function; the Pelz–Good expansion (used
    // by SciPy for n > 140 between the Durbin and the tail regions) is good to about 2e-6.
    const pelzGood = n > 140 && n * x * x < 2.2 && n * x ** 1.5 > 1.4;
    const tolerance = pelzGood ? 2e-6 : 1e-15 + 6e-9 * expected;
    assert.ok(Math.abs(1 - sf - expected) <= tolerance, `n=${n} r=${r}: ${1 - sf} vs ${expected}`);
  }));
});

test('one-sided Smirnov sum equals the Birnbaum–Tingey sum in whole numbers, from 1e-3 to 1e-246', () => {
  for (const [n, a, b] of [[150, 1, 5], [300, 1, 10], [1000, 3, 40], [141, 1, 2], [500, 7, 10]] as const) {
    near(smirnovSf(n, a / b), smirnovExact(n, a, b), 1e-13, `n=${n} x=${a}/${b}`);
  }
});

test('kstwo at its edges: Ruben–Gambino closed forms and 2·P(D+ >= x) for x >= 1/2', () => {
  for (const n of [3, 10, 20]) {
    // P(D_n <= 1/n) = n!/n^n; P(D_n >= 1 - 1/n) = 2/n^n; for x >= 1/2 the two one-sided events exclude each other.
    let factorial = 1n;
    for (let i = 2; i <= n; i++) factorial *= BigInt(i);
    const cdf = bigRatio(factorial, BigInt(n) ** BigInt(n));
    assert.ok(Math.abs(1 - kolmogorovNSf(n, 1 / n) - cdf) < 1e-15, `n=${n} x=1/n`); // p is near 1: absolute
    near(kolmogorovNSf(n, 1 - 1 / n), 2 * (1 / n) ** n, 1e-12, `n=${n} x=1-1/n`);
    assert.equal(kolmogorovNSf(n, 0.5 / n), 1);
    assert.equal(kolmogorovNSf(n, 1), 0);
  }
  for (const [n, a, b] of [[10, 1, 2], [141, 3, 5], [400, 7, 10]] as const) near(kolmogorovNSf(n, a / b), 2 * smirnovExact(n, a, b), 1e-13, `n=${n}`);
});

test('the switch sits where SciPy\'s auto mode puts it: exact up to 10,000 values in the larger sample', () => {
  assert.equal(KS_EXACT_MAX_N, 10_000);
  assert.equal(ksPValue(0.01, 10_000, 10_000).exact, true);
  assert.equal(ksPValue(0.01, 10_000, 3).exact, true);
  assert.equal(ksPValue(0.01, 10_001, 3).exact, false);
  // Above it: kstwo at the effective size, rounded half to even as numpy (10001·10001/20002 = 5000.5 -> 5000).
  assert.equal(roundHalfEven(5000.5), 5000);
  assert.equal(roundHalfEven(5001.5), 5002);
  assert.equal(ksPValue(0.012, 10_001, 10_001).pValue, kolmogorovNSf(5000, 0.012));
  assert.notEqual(kolmogorovNSf(5000, 0.012), kolmogorovNSf(5001, 0.012));
  assert.deepEqual(ksPValue(0.5, 0, 10), { pValue: 1, exact: true });
});

test('either side of the switch against SciPy\'s published 10000 x 11000 values (auto = asymp there)', () => {
  const d = 563 / 110000;
  const auto = ksPValue(d, 10000, 11000);
  assert.equal(auto.exact, false);
  near(auto.pValue, 0.9990660108966576, 1e-13, 'auto (Pelz–Good region of kstwo)');
  near(ksExactPValue(d, 10000, 11000), 0.9990456491488628, 1e-13, 'exact');
});

test('asymptotic tail: 11000 x 1100 (effective size 1000) is 2·P(D+ >= D) by the exact sum', () => {
  for (const [a, b] of [[1, 20], [1, 15], [1, 8]] as const) {
    const got = ksPValue(a / b, 11000, 1100);
    assert.equal(got.exact, false);
    near(got.pValue, 2 * smirnovExact(1000, a, b), 1e-12, `D=${a}/${b}`);
  }
  // The exact and asymptotic answers stay within a few percent of each other where both apply.
  const exact = ksExactPValue(0.04, 10000, 2500);
  const asymptotic = kolmogorovNSf(2000, 0.04);
  assert.ok(Math.abs(exact / asymptotic - 1) < 0.1, `${exact} vs ${asymptotic}`);
});
