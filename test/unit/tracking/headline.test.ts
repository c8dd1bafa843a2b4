import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headlineMetrics } from '../../../server/src/core/tracking/headline';

test('headline metrics: validation scores before training scores and losses, only ones some run has', () => {
  // A binary classifier's run next to an older run that only logged a loss.
  const binary = { loss: 0.41, val_loss: 0.45, auc: 0.83, val_auc: 0.8, accuracy: 0.76, val_accuracy: 0.74 };
  assert.deepEqual(headlineMetrics([binary, { loss: 0.5 }]), ['val_auc', 'val_accuracy', 'val_loss']);
  // Regression: rmse and r2 lead; a metric only one run has still counts.
  assert.deepEqual(headlineMetrics([{ val_rmse: 1.2, loss: 1.4 }, { val_r2: 0.6 }], 4), ['val_rmse', 'val_r2', 'loss']);
  // NaN (written as null in run.json) is no headline; nothing known gives nothing.
  assert.deepEqual(headlineMetrics([{ val_auc: null, val_accuracy: Number.NaN, loss: 0.3 }]), ['loss']);
  assert.deepEqual(headlineMetrics([{ custom: 1 }]), []);
});
