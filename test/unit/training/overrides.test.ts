import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyOverrides, parseOverride, pipelineSchema } from '../../../server/src/core/training/overrides';
import { loadRunnableSpec } from '../../../server/src/core/pipeline/load';
import { bestTrial, planTrials } from '../../../server/src/core/training/sweep';
import { TRAINING_DEFAULTS } from '../../../server/src/core/training/params';
import type { SweepSpec } from '../../../server/src/core/pipeline/spec';
import { join } from 'node:path';
import { churnDir } from './workspace';

const schema = pipelineSchema();
const { spec } = loadRunnableSpec(join(churnDir, 'mlops.yaml'));

test('--set values are read as YAML and applied at their spec path without touching the original', () => {
  const out = applyOverrides(spec, ['training.learningRate=0.01', 'model.layers[0].units=64', 'features.transforms.age=normalize', 'training.earlyStopping.monitor=val_auc'], schema).spec;
  assert.equal(out.training!.learningRate, 0.01);
  assert.deepEqual(out.model!.layers![0], { units: 64, activation: 'relu' });
  assert.equal(out.features!.transforms!.age, 'normalize');
  assert.equal(out.training!.earlyStopping!.monitor, 'val_auc');
  assert.equal(spec.training!.learningRate, 0.003);
  assert.deepEqual(parseOverride('model.layers[1]={dropout: 0.3}').value, { dropout: 0.3 });
});

test('a mistyped --set key is an error naming the nearest key, never a new param', () => {
  assert.throws(() => applyOverrides(spec, ['training.learningrate=0.1'], schema), /training.learningrate: unknown key; did you mean "learningRate"\?/);
  assert.throws(() => applyOverrides(spec, ['trainng.epochs=3'], schema), /trainng: unknown key; did you mean "training"\?/);
  assert.throws(() => applyOverrides(spec, ['model.layers[0].unit=3'], schema), /model.layers\[0\].unit: unknown key; did you mean "units"\?/);
  assert.throws(() => applyOverrides(spec, ['training.epochs[0]=3'], schema), /training.epochs: is not a list/);
  assert.throws(() => applyOverrides(spec, ['training..epochs=3'], schema), /is not a spec path/);
  assert.throws(() => applyOverrides(spec, ['training.epochs'], schema), /write --set as path=value/);
});

test('--set values are checked against the schema: types, enums and ranges', () => {
  assert.throws(() => applyOverrides(spec, ['training.epochs=many'], schema), /training.epochs: "many" is not allowed: must be integer/);
  assert.throws(() => applyOverrides(spec, ['training.validationSplit=1'], schema), /must be < 1/);
  assert.throws(() => applyOverrides(spec, ['model.task=ranking'], schema), /allowed values \(binary, multiclass, regression\)/);
  assert.throws(() => applyOverrides(spec, ['model.layers[9].units=4'], schema), /index 9 is past the end of a list of 3/);
});

test('training defaults are the schema\'s defaults', () => {
  const training = (schema.properties!.training as any).properties;
  for (const key of ['epochs', 'batchSize', 'optimizer', 'learningRate', 'validationSplit', 'seed', 'backend'] as const) {
    assert.equal(TRAINING_DEFAULTS[key], training[key].default, key);
  }
  assert.equal(TRAINING_DEFAULTS.patience, training.earlyStopping.properties.patience.default);
});

test('grid sweeps try every combination; random sweeps are seeded and stay in range', () => {
  const grid: SweepSpec = { strategy: 'grid', metric: 'val_auc', goal: 'maximize', parameters: { 'training.learningRate': { values: [0.001, 0.01] }, 'model.layers[0].units': { min: 8, max: 32, step: 8, type: 'int' } } };
  const trials = planTrials(grid, schema, 1);
  assert.equal(trials.length, 8);
  assert.deepEqual(trials.map((t) => t.values['model.layers[0].units']), [8, 16, 24, 32, 8, 16, 24, 32]);
  assert.equal(planTrials({ ...grid, trials: 3 }, schema, 1).length, 3);
  const random = spec.sweep!;
  const a = planTrials(random, schema, 42).map((t) => t.values);
  assert.deepEqual(planTrials(random, schema, 42).map((t) => t.values), a);
  assert.notDeepEqual(planTrials(random, schema, 43).map((t) => t.values), a);
  assert.equal(a.length, 6);
  for (const v of a) {
    assert.ok([0.001, 0.003, 0.01].includes(v['training.learningRate'] as number));
    const units = v['model.layers[0].units'] as number;
    assert.ok(Number.isInteger(units) && units >= 16 && units <= 128, String(units));
  }
});

test('sweep parameters are checked like --set, and the best trial follows the goal', () => {
  assert.throws(() => planTrials({ strategy: 'grid', metric: 'val_auc', goal: 'maximize', parameters: { 'training.lr': { values: [1] } } }, schema, 1), /sweep.parameters.training.lr: training.lr: unknown key/);
  assert.throws(() => planTrials({ strategy: 'random', metric: 'val_auc', goal: 'maximize', parameters: { 'training.optimizer': { values: ['adam', 'nadam'] } } }, schema, 1), /training.optimizer: "nadam" is not allowed/);
  const results = [{ status: 'completed', metrics: { val_loss: 0.5 } }, { status: 'failed', metrics: { val_loss: 0.1 } }, { status: 'completed', metrics: { val_loss: 0.4 } }];
  assert.equal(bestTrial(results, { metric: 'val_loss', goal: 'minimize' }), results[2]);
  assert.equal(bestTrial(results, { metric: 'val_loss', goal: 'maximize' }), results[0]);
});
