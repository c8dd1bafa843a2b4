import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SweepTrialRecord } from '../../../server/src/core/sweep/record';
import { best, epochsToComplete, epochsToReach, rungForesight, spearman } from '../../bench/hpoMeasure';

// Issue 16's bench measure: "epochs spent to reach within 1% of random search's final best", counted
// over the epochs every trial trained, in order, up to the first report within 1%; the final best is the
// best completed trial in the sweep's direction. Expected counts below are worked out by hand.

function trial(number: number, status: SweepTrialRecord['status'], curve: number[], value: number | null = null): SweepTrialRecord {
  return { number, runId: null, params: {}, status, intermediate: curve.map((v, i) => ({ epoch: i + 1, value: v })), value };
}

const maximize = {
  goal: 'maximize' as const,
  trials: [
    trial(1, 'completed', [0.60, 0.65, 0.70], 0.70), // 3 epochs, never within 1% of 0.80 (>= 0.792)
    trial(2, 'pruned', [0.70, 0.793]), // epoch 2 of this trial reports 0.793: 3 + 2 = 5 epochs
    trial(3, 'completed', [0.75, 0.79, 0.80], 0.80), // completes within 1% after 5 + 3 = 8 epochs
  ],
};

test('counts every epoch in trial order up to the first report within 1%, a pruned trial\'s reports included', () => {
  assert.equal(epochsToReach(maximize, 0.8), 5);
});

test('the completed-trial reading waits for a trial that completes within 1%', () => {
  assert.equal(epochsToComplete(maximize, 0.8), 8);
});

test('1% is relative to the target: 0.7921 is within 1% of 0.8 (0.792 and up), 0.7919 is not', () => {
  assert.equal(epochsToReach({ goal: 'maximize', trials: [trial(1, 'completed', [0.7919, 0.7921], 0.7921)] }, 0.8), 2);
  assert.equal(epochsToReach({ goal: 'maximize', trials: [trial(1, 'completed', [79.19, 79.21], 79.21)] }, 80), 2);
});

test('never within 1% is Infinity', () => {
  assert.equal(epochsToReach({ goal: 'maximize', trials: [trial(1, 'completed', [0.5, 0.6], 0.6)] }, 0.8), Infinity);
  assert.equal(epochsToComplete({ goal: 'maximize', trials: [trial(1, 'pruned', [0.8])] }, 0.8), Infinity);
});

test('minimize: within 1% means at most 1% above the target, and the best is the smallest', () => {
  const r = { goal: 'minimize' as const, trials: [trial(1, 'completed', [0.5, 0.3], 0.3), trial(2, 'completed', [0.25, 0.2], 0.2), trial(3, 'pruned', [0.1])] };
  // target 0.2: within 1% is <= 0.202; trial 2's second epoch (0.2) is the 4th epoch trained.
  assert.equal(epochsToReach(r, 0.2), 4);
  // The pruned trial's 0.1 is not a final value: the best completed trial is 0.2.
  assert.equal(best(r), 0.2);
  assert.equal(best(maximize), 0.8);
});

test('Spearman\'s rank correlation with ties: SciPy\'s spearmanr([1,2,3,4,5], [5,6,7,8,7]) = 0.820782681668', () => {
  assert.ok(Math.abs(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) - 0.820782681668) < 1e-9);
  assert.equal(spearman([1, 2, 3], [30, 20, 10]), -1);
});

test('a rung\'s foresight pairs each completed trial\'s value at that epoch with its final value; pruned trials are left out', () => {
  const r = { trials: [trial(1, 'completed', [0.6, 0.9], 0.9), trial(2, 'completed', [0.7, 0.8], 0.8), trial(3, 'completed', [0.8, 0.7], 0.7), trial(4, 'pruned', [0.1])] };
  assert.equal(rungForesight(r, 1), -1, 'epoch-1 order is the reverse of the final order');
  assert.equal(rungForesight(r, 2), 1);
  assert.ok(Number.isNaN(rungForesight({ trials: r.trials.slice(0, 2) }, 1)), 'fewer than 3 trials');
});
