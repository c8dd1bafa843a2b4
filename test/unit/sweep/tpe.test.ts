import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildParzen, parzenLogPdf } from '../../../server/src/core/sweep/parzen';
import type { ParamSpace } from '../../../server/src/core/sweep/space';
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
