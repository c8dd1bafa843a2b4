// `mlops stage`: what each pod of an exported workflow runs, here on this machine. A sweep spread over
// "pods" (one process per trial) and the pick-best step choose the trial with the best metric.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mlops } from '../helpers/cli';
import { churnWorkspace } from '../unit/training/workspace';

test('trials in separate processes, then --pick-best: the run with the best sweep metric becomes the stage output', () => {
  const ws = churnWorkspace((s) => {
    s.stages = { fit: { uses: 'train', with: { sweep: true, set: { 'training.epochs': 3, 'sweep.trials': 2 }, model: 'models/best', metrics: 'reports/metrics.json' } } };
    delete s.evaluation.gates;
  });
  try {
    for (const trial of ['1', '2']) {
      const r = mlops(['stage', 'fit', '--trial', trial, '--sweep-id', 'sweep-pods'], ws.dir);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`\\[fit\\] done: trial ${trial}: run \\S+ completed`));
    }
    const pick = mlops(['stage', 'fit', '--pick-best', '--sweep-id', 'sweep-pods', '--run-id-file', 'out/run.txt'], ws.dir);
    assert.equal(pick.code, 0, pick.stderr);
    // The best trial, worked out here from the run records: val_auc is the sweep metric, maximized.
    const records = readdirSync(join(ws.dir, '.mlops/runs')).map((id) => JSON.parse(readFileSync(join(ws.dir, '.mlops/runs', id, 'run.json'), 'utf8')));
    const trials = records.filter((r) => r.sweepId === 'sweep-pods');
    assert.equal(trials.length, 2);
    const best = trials.reduce((a, b) => (b.metrics.val_auc > a.metrics.val_auc ? b : a));
    assert.equal(readFileSync(join(ws.dir, 'out/run.txt'), 'utf8'), best.id);
    assert.ok(existsSync(join(ws.dir, 'models/best/model.json')));
    assert.equal(JSON.parse(readFileSync(join(ws.dir, 'reports/metrics.json'), 'utf8')).run, best.id);
    assert.equal(existsSync(join(ws.dir, 'mlops.lock')), false, 'a pod records nothing in the lock');
    const wrong = mlops(['stage', 'fit', '--trial', '3', '--sweep-id', 'sweep-pods'], ws.dir);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /plans trials 1 to 2, not 3/);
    assert.equal(mlops(['stage', 'fit', '--trial', '1'], ws.dir).code, 2, '--trial needs --sweep-id');
  } finally {
    ws.cleanup();
  }
});
