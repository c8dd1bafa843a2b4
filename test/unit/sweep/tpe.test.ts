import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SweepParameter } from '../../../server/src/core/pipeline/spec';
import { buildParzen, parzenLogPdf } from '../../../server/src/core/sweep/parzen';
import { paramSpace, type ParamSpace } from '../../../server/src/core/sweep/space';
import { pipelineSchema } from '../../../server/src/core/training/overrides';
import { planTrials } from '../../../server/src/core/training/sweep';
import { defaultGamma, splitTrials, suggestParam, suggestTrial, trialRng, type TpeObservation } from '../../../server/src/core/sweep/tpe';

const done = (number: number, x: number, value: number): TpeObservation => ({ number, params: { x }, state: 'completed', value, intermediate: [] });
const cut = (number: number, x: number, epoch: number, value: number): TpeObservation => ({ number, params: { x }, state: 'pruned', value: null, intermediate: Array.from({ length: epoch }, (_, i) => ({ epoch: i + 1, value: i + 1 === epoch ? value : 0 })) });

test('gamma: the good group is ceil(10%) of the finished trials, at most 25 (Optuna default_gamma)', () => {
  assert.deepEqual([1, 9, 10, 11, 20, 21, 250, 1000].map(defaultGamma), [1, 1, 1, 2, 2, 3, 25, 25]);
});

test('split: best completed trials first, then pruned ones by how far they got and their last value', () => {
  // 4 trials -> 1 good: the lowest value (minimize).
  const four = [done(1, 1, 0.1), done(2, 2, 0.3), done(3, 8, 0.9), done(4, 9, 0.8)];
  assert.deepEqual(splitTrials(four, 'minimize').below.map((t) => t.number), [1]);
  assert.deepEqual(splitTrials(four, 'maximize').below.map((t) => t.number), [3]);
  // 12 trials -> 2 good; only one completed, so the best pruned one joins: the one that reached
  // epoch 3 (trial 7) beats those stopped at epoch 1 whatever their values.
  const twelve = [done(1, 5, 0.5), cut(2, 1, 1, 0.99), cut(3, 2, 1, 0.2), ...[4, 5, 6].map((n) => cut(n, n, 1, 0.1)), cut(7, 7, 3, 0.3), cut(8, 8, 3, 0.4), ...[9, 10, 11, 12].map((n) => cut(n, n, 1, 0.05))];
  const { below, above } = splitTrials(twelve, 'maximize');
  assert.deepEqual(below.map((t) => t.number), [1, 8], 'the epoch-3 trial with the higher last value');
  assert.equal(above.length, 10);
  assert.deepEqual(above.map((t) => t.number), [2, 3, 4, 5, 6, 7, 9, 10, 11, 12], 'groups keep trial order');
});

test('the suggestion is the candidate with the largest l(x)/g(x), scored with the two estimators', () => {
  const space: ParamSpace = { kind: 'float', low: 0, high: 10, log: false };
  const s = suggestParam(space, [1], [2, 8, 9], trialRng(7, 3));
  assert.equal(s.candidates.length, 24, 'n_ei_candidates');
  const l = buildParzen(space, [1]);
  const g = buildParzen(space, [2, 8, 9]);
  const scores = s.candidates.map((x) => parzenLogPdf(l, x) - parzenLogPdf(g, x));
  assert.deepEqual(s.scores, scores);
  assert.equal(s.value, s.candidates[scores.indexOf(Math.max(...scores))]);
  for (const x of s.candidates as number[]) assert.ok(x >= 0 && x <= 10);
  // l(x) = 1/2 TN(1, 4) + 1/2 TN(5, 10): over many draws, the mean is well below the middle of the range.
  const rng = trialRng(1, 1);
  const draws = Array.from({ length: 4000 }, () => suggestParam(space, [1], [2, 8, 9], rng, 1).candidates[0] as number);
  const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
  // Mean of TN(1, 4) on [0, 10]: 1 + 4 (phi(-0.25) - phi(2.25)) / (Phi(2.25) - Phi(-0.25)) = 3.4207;
  // TN(5, 10) is symmetric on [0, 10]: 5. The mixture's mean: 4.2104 (standard error of 4000 draws ~0.045).
  assert.ok(Math.abs(mean - 4.2104) < 0.15, `mean ${mean}`);
});

test('start-up trials are uniform draws; after them TPE; the same seed and history give the same trial', () => {
  const spaces: Record<string, ParamSpace> = {
    lr: { kind: 'float', low: 1e-4, high: 1, log: true }, units: { kind: 'int', low: 4, high: 64, log: true, step: 1 },
    opt: { kind: 'categorical', choices: ['adam', 'sgd'] }, drop: { kind: 'float', low: 0, high: 0.5, log: false, step: 0.1 },
  };
  const history: TpeObservation[] = [];
  const f = (p: Record<string, unknown>) => Math.abs(Math.log10(p.lr as number) + 2) + Math.abs((p.units as number) - 32) / 32 + (p.opt === 'adam' ? 0 : 1);
  for (let n = 1; n <= 14; n++) {
    const p = suggestTrial(spaces, history, n, 42, { goal: 'minimize', startupTrials: 5 });
    assert.deepEqual(suggestTrial(spaces, history, n, 42, { goal: 'minimize', startupTrials: 5 }), p, 'reproducible');
    assert.ok((p.lr as number) >= 1e-4 && (p.lr as number) <= 1);
    assert.ok(Number.isInteger(p.units) && (p.units as number) >= 4 && (p.units as number) <= 64);
    assert.ok(['adam', 'sgd'].includes(p.opt as string));
    assert.ok([0, 0.1, 0.2, 0.3, 0.4, 0.5].includes(p.drop as number), `stepped float on its grid: ${p.drop}`);
    history.push({ number: n, params: p, state: 'completed', value: f(p), intermediate: [] });
  }
  assert.notDeepEqual(suggestTrial(spaces, history, 15, 43, { goal: 'minimize' }), suggestTrial(spaces, history, 15, 42, { goal: 'minimize' }));
});

test('TPE\'s start-up trials are random search\'s first trials for the same seed and space (Optuna: RandomSampler on the sampler\'s generator)', () => {
  const parameters: Record<string, SweepParameter> = {
    'training.learningRate': { min: 1e-5, max: 1e-1, scale: 'log' }, 'model.layers[0].units': { min: 8, max: 256, type: 'int', scale: 'log' },
    'model.layers[1].dropout': { min: 0, max: 0.5, step: 0.05 }, 'training.batchSize': { values: [32, 64, 128, 256] },
    'training.optimizer': { values: ['adam', 'sgd', 'rmsprop'] },
  };
  const spaces = Object.fromEntries(Object.entries(parameters).map(([k, p]) => [k, paramSpace(p)]));
  const startupTrials = 4;
  const random = planTrials({ strategy: 'random', trials: 8, metric: 'val_auc', goal: 'maximize', seed: 11, parameters }, pipelineSchema(), 1).map((t) => t.values);
  const history: TpeObservation[] = [];
  const tpe: Array<Record<string, unknown>> = [];
  for (let n = 1; n <= startupTrials + 1; n++) {
    const p = suggestTrial(spaces, history, n, 11, { goal: 'maximize', startupTrials });
    tpe.push(p);
    history.push({ number: n, params: p, state: n % 2 ? 'completed' : 'pruned', value: n % 2 ? n / 10 : null, intermediate: [{ epoch: 1, value: n / 10 }] });
  }
  assert.deepEqual(tpe.slice(0, startupTrials), random.slice(0, startupTrials));
  assert.notDeepEqual(tpe[startupTrials], random[startupTrials], 'after the start-up trials TPE draws from its estimators');
  // The trials of random search differ from one another and from another seed's (the stream moves on per trial).
  assert.equal(new Set(random.map((v) => JSON.stringify(v))).size, random.length);
  assert.notDeepEqual(suggestTrial(spaces, [], 1, 12, { goal: 'maximize', startupTrials }), tpe[0]);
  // In parallel a trial can be drawn before the start-up trials have finished: it is random search's trial of that number.
  assert.deepEqual(suggestTrial(spaces, history.slice(0, 2), 6, 11, { goal: 'maximize', startupTrials }), random[5]);
});

test('ranges random and tpe cannot draw from are refused before a trial runs, naming the parameter', () => {
  const plan = (strategy: 'random' | 'tpe' | 'grid', p: SweepParameter) => planTrials({ strategy, trials: 2, metric: 'val_auc', goal: 'maximize', parameters: { 'training.learningRate': p } }, pipelineSchema(), 1);
  // log-uniform over [min - step/2, max + step/2] would start below 0.
  assert.throws(() => plan('random', { min: 0.01, max: 1, step: 0.1, scale: 'log' }), /sweep\.parameters\.training\.learningRate\.step: a log range with a step needs min > step \/ 2/);
  assert.throws(() => plan('tpe', { min: 0.01, max: 1, step: 0.1, scale: 'log' }), /min > step \/ 2/);
  assert.throws(() => plan('random', { min: 0.5, max: 3, type: 'int' }), /sweep\.parameters\.training\.learningRate: an int range needs whole-number min, max and step/);
  // A grid lists its points and never draws: the same ranges stay accepted there.
  assert.equal(plan('grid', { min: 0.01, max: 0.21, step: 0.1, scale: 'log' }).length, 2);
  for (const t of plan('random', { min: 0.06, max: 1, step: 0.1, scale: 'log' })) {
    const v = t.values['training.learningRate'] as number;
    assert.ok(Math.abs(v - 0.06 - Math.round((v - 0.06) / 0.1) * 0.1) < 1e-9 && v >= 0.06 && v <= 1, `on the step grid from min: ${v}`);
  }
});
