// p-value machinery against published table values and closed forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chiSquareSf, erfc, lnGamma, normalSf } from '../../../server/src/core/drift/statistics/special';

const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected} (tolerance ${tol})`);

test('lnGamma matches ln((n-1)!) and ln Γ(1/2) = ln √π', () => {
  let factorial = 1;
  for (let n = 1; n <= 20; n++) {
    close(lnGamma(n), Math.log(factorial), 1e-12 * Math.max(1, Math.log(factorial)), `lnGamma(${n})`);
    factorial *= n;
  }
  close(lnGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-13, 'lnGamma(0.5)');
});

test('chi-squared upper tail at the critical values of the standard table', () => {
  // Upper 5% and 1% points of the chi-squared distribution, as printed in statistics tables.
  const table: Array<[number, number, number]> = [[1, 3.841, 0.05], [1, 6.635, 0.01], [2, 5.991, 0.05], [2, 9.21, 0.01],
    [3, 7.815, 0.05], [5, 11.07, 0.05], [10, 18.307, 0.05], [10, 23.209, 0.01], [30, 43.773, 0.05], [100, 124.342, 0.05]];
  for (const [dof, x, p] of table) close(chiSquareSf(x, dof), p, 2e-4 * (p / 0.01), `chi2 dof ${dof} at ${x}`);
});

test('chi-squared closed forms: dof 2 is exp(-x/2), dof 4 is (1 + x/2)·exp(-x/2), far tails included', () => {
  for (const x of [0.1, 1, 5, 20, 100, 600]) close(chiSquareSf(x, 2) / Math.exp(-x / 2), 1, 1e-10, `dof 2 at ${x}`);
  // dof 4: (1 + x/2) e^(-x/2)
  for (const x of [0.5, 3, 40, 300]) close(chiSquareSf(x, 4) / ((1 + x / 2) * Math.exp(-x / 2)), 1, 1e-10, `dof 4 at ${x}`);
  assert.equal(chiSquareSf(0, 3), 1);
  assert.equal(chiSquareSf(5, 0), 1, 'no degrees of freedom: no evidence');
});

test('erfc and the normal tail at known points', () => {
  close(erfc(0), 1, 1e-15, 'erfc(0)');
  close(erfc(1), 0.157299207050285130, 1e-14, 'erfc(1)');
  close(erfc(-1), 1.842700792949714870, 1e-14, 'erfc(-1)');
  close(normalSf(1.959963984540054), 0.025, 1e-12, 'z 97.5%');
  close(normalSf(1.6448536269514722), 0.05, 1e-12, 'z 95%');
  close(normalSf(0), 0.5, 1e-15, 'z 0');
  // Mills ratio: for large z the tail is φ(z)/z · (1 - 1/z² + 3/z⁴ …)
  const z = 20;
  const mills = (Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) / z) * (1 - 1 / z ** 2 + 3 / z ** 4 - 15 / z ** 6);
  close(normalSf(z) / mills, 1, 1e-6, 'z 20 (far tail)');
});
