import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeMetrics, higherIsBetter, rocAuc } from '../../../server/src/core/training/metrics';
import { createRng } from '../../../server/src/core/training/rng';

/** AUC by definition: the share of (positive, negative) pairs ranked correctly, ties counting half. */
function pairAuc(scores: number[], labels: number[]): number {
  let good = 0, pairs = 0;
  scores.forEach((sp, i) => scores.forEach((sn, j) => {
    if (labels[i] !== 1 || labels[j] !== 0) return;
    pairs++;
    good += sp > sn ? 1 : sp === sn ? 0.5 : 0;
  }));
  return good / pairs;
}

test('rocAuc equals the pairwise definition, ties included', () => {
  const rng = createRng(3);
  for (let trial = 0; trial < 5; trial++) {
    const labels = Array.from({ length: 120 }, () => rng.int(2));
    // Scores rounded to one decimal so many of them tie.
    const scores = labels.map((l) => Math.round((rng.next() + l * 0.3) * 10) / 10);
    assert.ok(Math.abs(rocAuc(scores, labels)! - pairAuc(scores, labels)) < 1e-12);
  }
  assert.equal(rocAuc([0.1, 0.2], [1, 1]), null);
});

test('binary metrics from a confusion matrix worked by hand', () => {
  // predictions at 0.5: TP=2 (rows 0,1), FN=1 (row 2), FP=1 (row 3), TN=2 (rows 4,5)
  const prob = Float32Array.from([0.9, 0.6, 0.4, 0.7, 0.2, 0.1]);
  const y = Float32Array.from([1, 1, 1, 0, 0, 0]);
  const m = computeMetrics('binary', prob, y, 1);
  assert.equal(m.accuracy, 4 / 6);
  assert.equal(m.precision, 2 / 3);
  assert.equal(m.recall, 2 / 3);
  assert.ok(Math.abs(m.f1! - 2 / 3) < 1e-12);
  const expectedLoss = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.4) + Math.log(0.3) + Math.log(0.8) + Math.log(0.9)) / 6;
  assert.ok(Math.abs(m.logloss! - expectedLoss) < 1e-6);
  assert.equal(m.auc, 7 / 9); // pairs ranked right: 0.9 over all three, 0.6 and 0.4 over 0.2 and 0.1
});

test('regression metrics, and undefined values are left out rather than NaN', () => {
  const m = computeMetrics('regression', Float32Array.from([1, 2, 4]), Float32Array.from([1, 3, 3]), 1, 'val_');
  assert.equal(m.val_mae, 2 / 3);
  assert.ok(Math.abs(m.val_rmse! - Math.sqrt(2 / 3)) < 1e-12);
  assert.ok(Math.abs(m.val_r2! - (1 - 2 / (8 / 3))) < 1e-12);
  const constant = computeMetrics('regression', Float32Array.from([1, 2]), Float32Array.from([2, 2]), 1);
  assert.equal('r2' in constant, false);
  const oneClass = computeMetrics('binary', Float32Array.from([0.2, 0.8]), Float32Array.from([1, 1]), 1);
  assert.equal('auc' in oneClass, false);
  assert.ok(Object.values(oneClass).every(Number.isFinite));
});

test('multiclass metrics are macro averages over the classes present', () => {
  const prob = Float32Array.from([0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8, 0.6, 0.3, 0.1]);
  const y = Float32Array.from([0, 1, 2, 2]);
  const m = computeMetrics('multiclass', prob, y, 3);
  assert.equal(m.accuracy, 0.75);
  // class 0: P=1/2 R=1; class 1: P=1 R=1; class 2: P=1 R=1/2
  assert.ok(Math.abs(m.precision! - (0.5 + 1 + 1) / 3) < 1e-12);
  assert.ok(Math.abs(m.recall! - (1 + 1 + 0.5) / 3) < 1e-12);
});

test('loss-like metrics are minimised, the others maximised', () => {
  assert.deepEqual(['val_loss', 'logloss', 'rmse', 'val_mae', 'auc', 'val_r2', 'f1'].map(higherIsBetter), [false, false, false, false, true, true, true]);
});
