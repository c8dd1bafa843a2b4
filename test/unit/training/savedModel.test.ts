import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '@tensorflow/tfjs';
import { join } from 'node:path';
import { loadBackend } from '../../../server/src/core/training/backend';
import { featureColumns } from '../../../server/src/core/training/columns';
import { readTrainingTable, splitRows } from '../../../server/src/core/training/dataset';
import { computeMetrics } from '../../../server/src/core/training/metrics';
import { transformRows } from '../../../server/src/core/training/preprocess';
import { runTraining } from '../../../server/src/core/training/run';
import { loadModel } from '../../../server/src/core/training/savedModel';
import { loadRunnableSpec } from '../../../server/src/core/pipeline/load';
import { churnWorkspace, quick } from './workspace';

test('the saved tfjs model and preprocessing reproduce the recorded validation metrics', async () => {
  const ws = churnWorkspace((s) => quick(s, 4));
  try {
    const { spec, hash } = loadRunnableSpec(ws.spec);
    const r = await runTraining({ workspace: ws.dir, specPath: ws.spec, specHash: hash, spec });
    assert.equal(r.status, 'completed', r.error);
    const { tf } = await loadBackend('wasm');
    const { model, prep } = await loadModel(tf, r.artifacts.model!);
    // Raw columns as a new reader would see them; the features come only from preprocessing.json.
    const table = await readTrainingTable(join(ws.dir, 'data/train.csv'), spec);
    const values = new Map(featureColumns(spec.features!, table).map((c) => [c.name, c.values as ArrayLike<unknown>]));
    const all = Array.from({ length: table.rows }, (_, i) => i);
    const { val } = splitRows(all, spec.training!.validationSplit!, spec.training!.seed!);
    const x = transformRows(prep, values, val);
    const prob = tf.tidy(() => (model.predict(tf.tensor2d(x, [val.length, prep.featureNames.length])) as Tensor).dataSync() as Float32Array);
    const labels = Float32Array.from(val, (i) => Number(table.columns.get('churned')!.values[i]));
    const m = computeMetrics('binary', prob, labels, 1, 'val_');
    assert.ok(Math.abs(m.val_auc! - r.metrics.val_auc!) < 1e-6, `${m.val_auc} vs ${r.metrics.val_auc}`);
    assert.ok(Math.abs(m.val_loss! - r.metrics.val_loss!) < 1e-5);
    model.dispose();
  } finally {
    ws.cleanup();
  }
});

test('new data with a category the model never saw goes to the unknown bucket', async () => {
  const ws = churnWorkspace((s) => { quick(s, 1); s.data.train.contract = undefined; });
  try {
    const { spec, hash } = loadRunnableSpec(ws.spec);
    const r = await runTraining({ workspace: ws.dir, specPath: ws.spec, specHash: hash, spec });
    const { tf } = await loadBackend('wasm');
    const { model, prep } = await loadModel(tf, r.artifacts.model!);
    const row = new Map<string, unknown[]>([['age', [40]], ['tenure_months', [12]], ['plan', ['enterprise']], ['contract_type', ['monthly']], ['monthly_charges', [70]], ['support_calls', [1]]]);
    const x = transformRows(prep, row, [0]);
    assert.equal(x[prep.featureNames.indexOf('plan=<unknown>')], 1);
    assert.equal(x[prep.featureNames.indexOf('plan=basic')], 0);
    assert.equal(x[prep.featureNames.indexOf('contract_type=monthly')], 1);
    model.dispose();
  } finally {
    ws.cleanup();
  }
});
