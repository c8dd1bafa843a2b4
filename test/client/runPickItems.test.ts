/**
 * What the run pickers show: the key metric (sweep's, else gate's as the gate read it) first, no
 * metric repeated under another name, and the sweep's best trial marked. Run records are written here
 * in the run.json shape; the expected best trial is worked out by hand from their values.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunRecord } from '../../server/src/protocol';
import { keyMetricOf } from '../../client/src/experiments/rows';
import { bestTrials, pickerMetrics, runPickItems, sweepFacts } from '../../client/src/experiments/runPickItems';

function run(id: string, metrics: Record<string, number>, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    id, specPath: 'mlops.yaml', specHash: 'a'.repeat(64), params: {}, backend: 'wasm', seed: 42, status: 'completed',
    startedAt: '2026-11-30T10:00:00.000Z', data: {}, gates: [{ metric: 'auc', condition: '>= 0.75', value: metrics.val_auc ?? null, passed: true }],
    metrics, ...extra,
  };
}

const m = (auc: number, loss: number) => ({ loss: loss + 0.01, logloss: loss + 0.01, auc: auc + 0.01, val_loss: loss, val_logloss: loss, val_accuracy: 0.74, val_f1: 0.55, val_auc: auc });

describe('run pickers', () => {
  it('reads a gate on a bare metric as its validation value, better in the direction of the condition', () => {
    assert.deepEqual(keyMetricOf(run('a', m(0.8, 0.5)), new Map()), { name: 'val_auc', goal: 'maximize', source: 'gate' });
    const lossGate = run('b', m(0.8, 0.5), { gates: [{ metric: 'loss', condition: '<= 0.6', value: 0.5, passed: true }] });
    assert.deepEqual(keyMetricOf(lossGate, new Map()), { name: 'val_loss', goal: 'minimize', source: 'gate' });
    const sweepRun = run('c', m(0.8, 0.5), { sweepId: 's1', trial: 2 });
    assert.deepEqual(keyMetricOf(sweepRun, new Map([['s1', { metric: 'val_f1', goal: 'maximize' }]])), { name: 'val_f1', goal: 'maximize', source: 'sweep' });
    assert.equal(keyMetricOf(run('d', m(0.8, 0.5), { gates: [] }), new Map()), undefined);
  });

  it('shows the key metric first and drops a metric that repeats an earlier one', () => {
    assert.deepEqual(pickerMetrics(m(0.8, 0.5), 'val_auc'), [['val_auc', 0.8], ['val_loss', 0.5], ['val_accuracy', 0.74], ['val_f1', 0.55]]);
    assert.deepEqual(pickerMetrics({ val_loss: 0.5, val_logloss: 0.5 }, undefined), [['val_loss', 0.5]]);
  });

  it('marks the best completed trial of each sweep: the record\'s best, else the best value in the gate\'s direction', () => {
    const runs = [
      run('t1', m(0.79, 0.50), { sweepId: 's1', trial: 1 }),
      run('t2', m(0.81, 0.49), { sweepId: 's1', trial: 2 }),
      run('t3', m(0.90, 0.40), { sweepId: 's1', trial: 3, status: 'failed' }),
      run('u1', m(0.70, 0.45), { sweepId: 's2', trial: 1, gates: [{ metric: 'loss', condition: '<= 0.6', value: 0.45, passed: true }] }),
      run('u2', m(0.75, 0.55), { sweepId: 's2', trial: 2, gates: [{ metric: 'loss', condition: '<= 0.6', value: 0.55, passed: true }] }),
      run('single', m(0.99, 0.1)),
    ];
    assert.deepEqual([...bestTrials(runs, new Map())].sort(), ['t2', 'u1'], 'highest val_auc in s1 (failed t3 aside), lowest val_loss in s2');
    const facts = sweepFacts([{ id: 's1', metric: 'val_auc', goal: 'maximize', best: { runId: 't1' } }]);
    assert.deepEqual([...bestTrials(runs, facts)].sort(), ['t1', 'u1'], 'the sweep record decides when there is one');
    const items = runPickItems(runs, new Map());
    const t2 = items.find((i) => i.runId === 't2')!;
    assert.equal(t2.label, '$(star-full) t2');
    assert.match(t2.description, /trial 2 of s1 · best of sweep$/);
    assert.match(t2.detail, /^val_auc 0\.81 {2}val_loss 0\.49/);
    assert.ok(!t2.detail.includes('val_logloss'));
    assert.equal(items.find((i) => i.runId === 't1')!.label, 't1');
  });
});
