import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Asha, rungEpochs } from '../../../server/src/core/sweep/asha';

// ASHA (Li et al. 2020): rungs at r * eta^k; at a rung, a trial goes on only if it is in the top
// floor(n / eta) of the n values that rung has seen (itself included); the first one always goes on.

test('rungs sit at minEpochs x reductionFactor^k below the last epoch', () => {
  assert.deepEqual(rungEpochs({ minEpochs: 1, reductionFactor: 3 }, 27), [1, 3, 9]);
  assert.deepEqual(rungEpochs({ minEpochs: 2, reductionFactor: 2 }, 16), [2, 4, 8]);
  assert.deepEqual(rungEpochs({ minEpochs: 2, reductionFactor: 2 }, 17), [2, 4, 8, 16]);
  assert.deepEqual(rungEpochs({ minEpochs: 5, reductionFactor: 3 }, 5), []);
});

test('promotion order at one rung follows the top-1/eta rule, value by value (maximize, eta 2)', () => {
  const asha = new Asha({ minEpochs: 1, reductionFactor: 2, metric: 'val_auc' }, 'maximize', 8);
  // n=1 keep 1: 0.5 is best -> on; n=2 keep 1: best 0.7 -> on; n=3 keep 1: 0.6 < 0.7 -> pruned;
  // n=4 keep 2: {0.8, 0.7} -> 0.8 on; n=5 keep 2: 0.65 < 0.7 -> pruned; n=6 keep 3: {0.8, 0.7, 0.69} -> 0.69 on;
  // n=7 keep 3: 0.4 pruned; n=8 keep 4: {0.8, 0.7, 0.69, 0.65} -> 0.65 ties the 4th -> on.
  const values = [0.5, 0.7, 0.6, 0.8, 0.65, 0.69, 0.4, 0.65];
  const expected = [false, false, true, false, true, false, true, false];
  assert.deepEqual(values.map((v) => asha.report(1, v)), expected);
});

test('minimize ranks low values first; epochs between rungs never prune; NaN is the worst', () => {
  const asha = new Asha({ minEpochs: 1, reductionFactor: 3, metric: 'val_loss' }, 'minimize', 27);
  assert.equal(asha.report(1, 0.30), false);
  assert.equal(asha.report(2, 99), false, 'epoch 2 is no rung');
  assert.equal(asha.report(1, 0.50), true);
  assert.equal(asha.report(1, 0.20), false, 'n=3 keeps 1: 0.20 is the lowest');
  assert.equal(asha.report(1, Number.NaN), true);
  // Rung 3 is independent of rung 1.
  assert.equal(asha.report(3, 0.9), false);
});

test('each rung keeps its own history; remembered values count like reported ones (resume)', () => {
  const fresh = new Asha({ minEpochs: 1, reductionFactor: 2, metric: 'm' }, 'maximize', 8);
  const rebuilt = new Asha({ minEpochs: 1, reductionFactor: 2, metric: 'm' }, 'maximize', 8);
  for (const v of [0.9, 0.8]) { fresh.report(1, v); rebuilt.remember(1, v); }
  rebuilt.remember(5, 0.1); // not a rung: ignored
  // n=3 keep 1: 0.85 < 0.9 -> pruned in both.
  assert.equal(fresh.report(1, 0.85), true);
  assert.equal(rebuilt.report(1, 0.85), true);
  // n=4 keep 2 {0.9, 0.88}.
  assert.equal(rebuilt.report(1, 0.88), false);
  assert.equal(rebuilt.report(2, 0.1), false, 'first value at rung 2 always goes on');
});
