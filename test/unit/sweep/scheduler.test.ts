import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SweepRecord } from '../../../server/src/core/sweep/record';
import { schedule, type RunOneTrial } from '../../../server/src/core/sweep/scheduler';
import type { ParamSpace } from '../../../server/src/core/sweep/space';

function record(over: Partial<SweepRecord>): SweepRecord {
  return {
    id: 'sweep-test', spec: 'mlops.yaml', specHash: 'h', strategy: 'tpe', seed: 42, metric: 'm', goal: 'maximize', pruner: null, budget: null,
    status: 'running', parameters: {}, trials: [], best: null, startedAt: '2026-01-01T00:00:00Z', endedAt: null, parallel: 1, resumedAt: [], ...over,
  };
}

/** A learning curve per trial: value(epoch) = final - gap * 0.5^epoch, the trial stopping when told to. */
function curves(final: (p: Record<string, unknown>) => number, maxEpochs: number, onStart?: (n: number) => void): RunOneTrial {
  return async (t, hooks, signal) => {
    onStart?.(t.number);
    hooks.started(`run-${t.number}`);
    for (let e = 1; e <= maxEpochs; e++) {
      await new Promise((r) => setImmediate(r));
      if (signal?.aborted) return { status: 'cancelled', runId: `run-${t.number}`, value: null };
      const v = final(t.params) - 0.2 * 0.5 ** e;
      if (hooks.epoch(e, { m: v })) return { status: 'pruned', runId: `run-${t.number}`, value: null };
    }
    return { status: 'completed', runId: `run-${t.number}`, value: final(t.params) };
  };
}

test('ASHA in a sweep: a trial stops exactly at the rung where it falls out of the top 1/eta, its curve kept', async () => {
  const rec = record({ strategy: 'grid', pruner: { type: 'asha', minEpochs: 1, reductionFactor: 2, metric: 'm' } });
  const bases = [0.5, 0.4, 0.6, 0.3];
  await schedule({
    record: rec, spaces: {}, planned: bases.map((b) => ({ b })), trials: 4, parallel: 1, maxEpochs: 4, save() {},
    runTrial: curves((p) => p.b as number, 4),
  });
  // Rungs at epochs 1 and 2. Trial 2 (0.3 at epoch 1) is behind trial 1 (0.4): n=2 keeps 1 -> pruned at 1.
  // Trial 3 leads both rungs. Trial 4: n=4 keeps 2 {0.5, 0.4} at epoch 1 -> pruned.
  assert.deepEqual(rec.trials.map((t) => t.status), ['completed', 'pruned', 'completed', 'pruned']);
  assert.deepEqual(rec.trials.map((t) => t.intermediate.length), [4, 1, 4, 1]);
  assert.deepEqual(rec.trials.map((t) => t.value), [0.5, null, 0.6, null]);
  assert.ok(Math.abs(rec.trials[1]!.intermediate[0]!.value - (0.4 - 0.1)) < 1e-12);
  assert.deepEqual(rec.best, { number: 3, runId: 'run-3', value: 0.6, params: { b: 0.6 } });
});

const spaces: Record<string, ParamSpace> = { x: { kind: 'float', low: -5, high: 5, log: false }, k: { kind: 'categorical', choices: ['a', 'b', 'c'] } };
const objective = (p: Record<string, unknown>) => 1 - ((p.x as number) - 1.5) ** 2 / 50 - (p.k === 'b' ? 0 : 0.2);
const shape = (r: SweepRecord) => r.trials.map((t) => ({ number: t.number, params: t.params, status: t.status, value: t.value, intermediate: t.intermediate }));

test('a tpe sweep is reproducible from its seed (one trial at a time)', async () => {
  const run = async (seed: number) => {
    const rec = record({ seed, pruner: { type: 'asha', minEpochs: 1, reductionFactor: 3, metric: 'm' } });
    await schedule({ record: rec, spaces, trials: 16, parallel: 1, maxEpochs: 9, startupTrials: 5, save() {}, runTrial: curves(objective, 9) });
    return rec;
  };
  const [a, b, c] = [await run(1), await run(1), await run(2)];
  assert.deepEqual(shape(a), shape(b));
  assert.notDeepEqual(shape(a), shape(c));
  assert.equal(a.trials.length, 16);
  assert.ok(a.trials.some((t) => t.status === 'pruned'));
});

test('resume: a cancelled sweep continues where it stopped, keeps finished trials and ends as if never stopped', async () => {
  const make = () => record({ pruner: { type: 'asha', minEpochs: 1, reductionFactor: 3, metric: 'm' } });
  const whole = make();
  await schedule({ record: whole, spaces, trials: 12, parallel: 1, maxEpochs: 9, startupTrials: 4, save() {}, runTrial: curves(objective, 9) });

  const stopped = make();
  const cancel = new AbortController();
  await schedule({
    record: stopped, spaces, trials: 12, parallel: 1, maxEpochs: 9, startupTrials: 4, signal: cancel.signal, save() {},
    runTrial: curves(objective, 9, (n) => { if (n === 7) cancel.abort(); }),
  });
  assert.deepEqual(stopped.trials.map((t) => t.status).slice(-1), ['cancelled']);
  assert.equal(stopped.trials.length, 7);
  const finished = structuredClone(stopped.trials.slice(0, 6));
  const started: number[] = [];
  await schedule({ record: stopped, spaces, trials: 12, parallel: 1, maxEpochs: 9, startupTrials: 4, save() {}, runTrial: curves(objective, 9, (n) => started.push(n)) });
  assert.deepEqual(started, [7, 8, 9, 10, 11, 12], 'only the cancelled trial and new ones ran');
  assert.deepEqual(stopped.trials.slice(0, 6), finished, 'finished trials untouched');
  assert.deepEqual(shape(stopped), shape(whole));
});

test('parallel lanes: every trial runs once, the budget is never exceeded', async () => {
  const rec = record({ pruner: { type: 'asha', minEpochs: 1, reductionFactor: 2, metric: 'm' } });
  const started: number[] = [];
  await schedule({ record: rec, spaces, trials: 10, parallel: 3, maxEpochs: 8, startupTrials: 3, save() {}, runTrial: curves(objective, 8, (n) => started.push(n)) });
  assert.deepEqual([...started].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.ok(rec.trials.every((t) => t.status === 'completed' || t.status === 'pruned'));
});
