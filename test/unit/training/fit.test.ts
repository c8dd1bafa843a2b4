import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBackend } from '../../../server/src/core/training/backend';
import { CancelledError } from '../../../server/src/core/training/errors';
import { evaluate, fit, type Dataset, type FitConfig } from '../../../server/src/core/training/fit';
import { buildNetwork } from '../../../server/src/core/training/network';
import { createRng } from '../../../server/src/core/training/rng';
import type { ModelSpec } from '../../../server/src/core/pipeline/spec';

/** Seeded synthetic data: y depends on the first three of `width` features (plus noise). */
function synthetic(task: ModelSpec['task'], rows: number, seed: number, width = 6): Dataset {
  const rng = createRng(seed);
  const x = Float32Array.from({ length: rows * width }, () => rng.next() * 2 - 1);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const s = 2 * x[r * width]! - 1.5 * x[r * width + 1]! + x[r * width + 2]! + (rng.next() - 0.5) * 0.4;
    y[r] = task === 'binary' ? (s > 0 ? 1 : 0) : task === 'multiclass' ? (s < -0.7 ? 0 : s < 0.7 ? 1 : 2) : s;
  }
  return { x, y, rows };
}

const base: FitConfig = { epochs: 6, batchSize: 32, optimizer: 'adam', learningRate: 0.01, seed: 7 };
const mlp: ModelSpec = { type: 'mlp', task: 'binary', layers: [{ units: 16, activation: 'relu' }, { dropout: 0.2 }, { units: 8, activation: 'tanh' }] };

test('the same seed, data and backend give identical metrics every epoch; another seed does not', async () => {
  const { tf } = await loadBackend('wasm');
  const train = synthetic('binary', 600, 1);
  const val = synthetic('binary', 200, 2);
  const run = async (seed: number) => (await fit(tf, buildNetwork(mlp, 6, 1), train, val, { ...base, seed })).history.map((h) => h.metrics);
  const a = await run(7);
  const b = await run(7);
  const c = await run(8);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.ok(a[a.length - 1]!.val_accuracy! > 0.85, `val_accuracy ${a[a.length - 1]!.val_accuracy}`);
});

test('multiclass and regression models learn their synthetic targets', async () => {
  const { tf } = await loadBackend('wasm');
  const multi = await fit(tf, buildNetwork({ type: 'mlp', task: 'multiclass', layers: [{ units: 16 }] }, 6, 3), synthetic('multiclass', 900, 3), synthetic('multiclass', 300, 4), { ...base, epochs: 15 });
  const mm = multi.history[multi.history.length - 1]!.metrics;
  assert.ok(mm.val_accuracy! > 0.8, `multiclass val_accuracy ${mm.val_accuracy}`);
  assert.ok(mm.val_auc! > 0.9, `multiclass val_auc ${mm.val_auc}`);
  const reg = await fit(tf, buildNetwork({ type: 'linear', task: 'regression' }, 6, 1), synthetic('regression', 800, 5), synthetic('regression', 200, 6), { ...base, epochs: 20, optimizer: 'sgd', learningRate: 0.05 });
  const rm = reg.history[reg.history.length - 1]!.metrics;
  assert.ok(rm.val_r2! > 0.95, `regression val_r2 ${rm.val_r2}`);
  assert.ok(rm.val_rmse! < 0.25, `regression val_rmse ${rm.val_rmse}`);
});

test('early stopping stops after `patience` epochs without improvement and keeps the best epoch\'s weights', async () => {
  const { tf } = await loadBackend('wasm');
  // Labels that are pure noise: the validation loss stops improving quickly.
  const rng = createRng(11);
  const noise = (rows: number): Dataset => ({ ...synthetic('binary', rows, rows), y: Float32Array.from({ length: rows }, () => rng.int(2)) });
  const val = noise(300);
  const net = buildNetwork({ type: 'mlp', task: 'binary', layers: [{ units: 64 }] }, 6, 1);
  const r = await fit(tf, net, noise(300), val, { ...base, epochs: 60, learningRate: 0.05, earlyStopping: { monitor: 'val_loss', patience: 3, minDelta: 0, mode: 'min' } });
  assert.ok(r.stoppedEarly, `ran ${r.history.length} epochs`);
  assert.equal(r.history.length, r.bestEpoch + 3);
  const best = Math.min(...r.history.map((h) => h.metrics.val_loss!));
  assert.equal(r.history[r.bestEpoch - 1]!.metrics.val_loss, best);
  assert.deepEqual(evaluate(tf, net, r.params, val, 'val_'), Object.fromEntries(Object.entries(r.history[r.bestEpoch - 1]!.metrics).filter(([k]) => k.startsWith('val_'))));
});

test('an aborted signal stops training between epochs with CancelledError', async () => {
  const { tf } = await loadBackend('wasm');
  const controller = new AbortController();
  const seen: number[] = [];
  await assert.rejects(fit(tf, buildNetwork(mlp, 6, 1), synthetic('binary', 300, 1), null, {
    ...base, epochs: 50, signal: controller.signal,
    onEpoch: (e) => { seen.push(e.epoch); if (e.epoch === 2) controller.abort(); },
  }), CancelledError);
  assert.deepEqual(seen, [1, 2]);
});

test('a learning rate that blows up fails with a clear "diverged" error instead of NaN metrics', async () => {
  const { tf } = await loadBackend('wasm');
  const data = { ...synthetic('regression', 200, 1), y: Float32Array.from({ length: 200 }, (_, i) => i * 1e6) };
  await assert.rejects(fit(tf, buildNetwork({ type: 'linear', task: 'regression' }, 6, 1), data, null, { ...base, optimizer: 'sgd', learningRate: 9 }), /training diverged at epoch \d+: the loss is not a finite number/);
});
