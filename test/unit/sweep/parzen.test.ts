import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandwidths, buildParzen, defaultWeights, parzenLogPdf } from '../../../server/src/core/sweep/parzen';
import type { ParamSpace } from '../../../server/src/core/sweep/space';

// An independent truncated-normal density: the Gaussian divided by its mass on [lo, hi], with the
// mass found by Simpson's rule (no erf), so the estimator's CDF code is checked, not reused.
const gauss = (x: number, mu: number, s: number) => Math.exp(-0.5 * ((x - mu) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
function simpson(f: (x: number) => number, a: number, b: number, n = 2000): number {
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}
const truncPdf = (x: number, mu: number, s: number, lo: number, hi: number) => gauss(x, mu, s) / simpson((t) => gauss(t, mu, s), lo, hi);
const truncMass = (a: number, b: number, mu: number, s: number, lo: number, hi: number) => simpson((t) => gauss(t, mu, s), a, b) / simpson((t) => gauss(t, mu, s), lo, hi);

test('observation weights: 1 each below 25, a ramp from 1/n for the older ones from 25 on (Optuna default_weights)', () => {
  assert.deepEqual(defaultWeights(3), [1, 1, 1]);
  const w = defaultWeights(27);
  assert.equal(w.length, 27);
  assert.ok(Math.abs(w[0]! - 1 / 27) < 1e-12);
  assert.ok(Math.abs(w[1]! - 1) < 1e-12, 'linspace(1/27, 1, 2) ends at 1');
  assert.deepEqual(w.slice(2), Array.from({ length: 25 }, () => 1));
});

test('bandwidths on [0, 10] follow the neighbour-gap rule with end fix and magic clip (worked by hand)', () => {
  // Below group {1} with the prior at 5: sorted 1, 5 between ends 0 and 10. Kernel 1: inner gap 4
  // (end points not considered). Clip to [10 / min(100, 1 + 2), 10] = [3.33, 10] -> 4.
  assert.deepEqual(bandwidths([1], 0, 10, null), [4]);
  // Above group {2, 8, 9} with the prior at 5: sorted 2 5 8 9. 2 -> inner gap 3; 8 -> max(3, 1) = 3;
  // 9 -> inner gap 1, clipped up to 10 / min(100, 3 + 2) = 2.
  assert.deepEqual(bandwidths([2, 8, 9], 0, 10, null), [3, 3, 2]);
  // Order of the observations does not matter to each one's bandwidth.
  assert.deepEqual(bandwidths([9, 2, 8], 0, 10, null), [2, 3, 3]);
});

test('l(x) and g(x) on a float range equal the hand-built mixtures of truncated normals', () => {
  const space: ParamSpace = { kind: 'float', low: 0, high: 10, log: false };
  const l = buildParzen(space, [1]);
  const g = buildParzen(space, [2, 8, 9]);
  // l = 1/2 TN(1, 4) + 1/2 TN(5, 10) (the prior: centre of the range, width of the range).
  const lRef = (x: number) => 0.5 * truncPdf(x, 1, 4, 0, 10) + 0.5 * truncPdf(x, 5, 10, 0, 10);
  const gRef = (x: number) => 0.25 * (truncPdf(x, 2, 3, 0, 10) + truncPdf(x, 8, 3, 0, 10) + truncPdf(x, 9, 2, 0, 10) + truncPdf(x, 5, 10, 0, 10));
  for (const x of [0, 0.5, 1, 3.7, 5, 8.5, 10]) {
    assert.ok(Math.abs(parzenLogPdf(l, x) - Math.log(lRef(x))) < 1e-7, `l(${x})`);
    assert.ok(Math.abs(parzenLogPdf(g, x) - Math.log(gRef(x))) < 1e-7, `g(${x})`);
  }
  // The ratio prefers the good trial's region.
  assert.ok(parzenLogPdf(l, 1) - parzenLogPdf(g, 1) > parzenLogPdf(l, 8.5) - parzenLogPdf(g, 8.5));
});

test('an int range is a discretised truncated normal: bins of width 1 on [low - 0.5, high + 0.5], summing to 1', () => {
  const space: ParamSpace = { kind: 'int', low: 1, high: 5, log: false, step: 1 };
  const p = buildParzen(space, [2]);
  // Kernel 2 with the prior at 3, ends 0.5 and 5.5: inner gap 1, clipped up to 5 / min(100, 3) = 5/3.
  // Prior width: 5 - 1 + 1 = 5.
  const ref = (k: number) => 0.5 * truncMass(k - 0.5, k + 0.5, 2, 5 / 3, 0.5, 5.5) + 0.5 * truncMass(k - 0.5, k + 0.5, 3, 5, 0.5, 5.5);
  let total = 0;
  for (let k = 1; k <= 5; k++) {
    const pk = Math.exp(parzenLogPdf(p, k));
    assert.ok(Math.abs(pk - ref(k)) < 1e-7, `P(${k})`);
    total += pk;
  }
  assert.ok(Math.abs(total - 1) < 1e-9);
});

test('a log range is estimated on log(x): the density there matches the hand-built mixture', () => {
  const space: ParamSpace = { kind: 'float', low: 1e-4, high: 1, log: true };
  const p = buildParzen(space, [1e-2]);
  const [lo, hi, mu] = [Math.log(1e-4), 0, Math.log(1e-2)];
  // Sorted: log 1e-2 and the prior at the centre, both = -4.605: the tie's inner gap is 0, clipped to range/3.
  const range = hi - lo;
  const s = Math.max(range / 3, 0);
  const ref = (x: number) => 0.5 * truncPdf(Math.log(x), mu, s, lo, hi) + 0.5 * truncPdf(Math.log(x), (lo + hi) / 2, range, lo, hi);
  for (const x of [1e-4, 3e-3, 0.5]) assert.ok(Math.abs(parzenLogPdf(p, x) - Math.log(ref(x))) < 1e-7, `at ${x}`);
});

test('categorical: each kernel puts 1 + prior/n_kernels on its choice, the prior kernel is uniform', () => {
  const space: ParamSpace = { kind: 'categorical', choices: ['adam', 'sgd', 'rmsprop'] };
  const p = buildParzen(space, ['adam']);
  // Kernel rows: adam (1.5, 0.5, 0.5) / 2.5 and prior (1/3 each), mixed half and half.
  const expected = { adam: 0.5 * 0.6 + 0.5 / 3, sgd: 0.5 * 0.2 + 0.5 / 3, rmsprop: 0.5 * 0.2 + 0.5 / 3 };
  for (const [c, v] of Object.entries(expected)) assert.ok(Math.abs(Math.exp(parzenLogPdf(p, c)) - v) < 1e-12, c);
  const empty = buildParzen(space, []);
  assert.ok(Math.abs(Math.exp(parzenLogPdf(empty, 'sgd')) - 1 / 3) < 1e-12, 'no observations: the prior alone');
});
