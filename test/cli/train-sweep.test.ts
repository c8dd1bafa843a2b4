import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { churnWorkspace, repoRoot } from '../unit/training/workspace';

const cli = join(repoRoot, 'dist/cli.js');

test('mlops sweep trains each trial as a run linked to the sweep, in parallel workers, and reports the best', () => {
  const ws = churnWorkspace((s) => {
    s.training.epochs = 2;
    s.sweep = { strategy: 'grid', parallel: 2, metric: 'val_auc', goal: 'maximize', parameters: { 'training.learningRate': { values: [0.001, 0.01] }, 'model.layers[0].units': { values: [8, 16] } } };
  });
  try {
    const r = spawnSync(process.execPath, [cli, 'sweep', 'mlops.yaml', '--format', 'json'], { cwd: ws.dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.status, 'completed');
    assert.equal(out.parallel, 2);
    assert.deepEqual(out.trials.map((t: any) => [t.trial, t.status, t.values['training.learningRate'], t.values['model.layers[0].units']]),
      [[1, 'completed', 0.001, 8], [2, 'completed', 0.001, 16], [3, 'completed', 0.01, 8], [4, 'completed', 0.01, 16]]);
    const best = out.trials.reduce((a: any, b: any) => (b.metrics.val_auc > a.metrics.val_auc ? b : a));
    assert.equal(out.best.runId, best.runId);
    const runs = JSON.parse(spawnSync(process.execPath, [cli, 'runs', '--format', 'json', '--sweep', out.sweepId], { cwd: ws.dir, encoding: 'utf8' }).stdout);
    assert.deepEqual(runs.map((x: any) => x.trial).sort(), [1, 2, 3, 4]);
    // A trial records the params it ran with.
    const show = JSON.parse(spawnSync(process.execPath, [cli, 'runs', 'show', best.runId, '--format', 'json'], { cwd: ws.dir, encoding: 'utf8' }).stdout);
    assert.equal(show.params.training.learningRate, best.values['training.learningRate']);
    assert.equal(show.params.model.layers[0].units, best.values['model.layers[0].units']);
  } finally {
    ws.cleanup();
  }
});

test('Ctrl-C stops every trial of a sweep and marks the runs cancelled', async () => {
  const ws = churnWorkspace((s) => {
    delete s.training.earlyStopping;
    s.training.epochs = 100000;
    s.sweep = { strategy: 'grid', parallel: 2, metric: 'val_auc', goal: 'maximize', parameters: { 'training.learningRate': { values: [0.001, 0.002, 0.003] } } };
  });
  try {
    const child = spawn(process.execPath, [cli, 'sweep', 'mlops.yaml', '--events'], { cwd: ws.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const events: any[] = [];
    const trialsTraining = new Set<number>();
    const bothTraining = new Promise<void>((resolve) => createInterface({ input: child.stdout! }).on('line', (l) => {
      events.push(JSON.parse(l));
      if (events.at(-1).type === 'epoch') trialsTraining.add(events.at(-1).trial);
      if (trialsTraining.size === 2) resolve();
    }));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await bothTraining;
    child.kill('SIGINT');
    assert.equal(await exited, 130);
    const result = events.at(-1);
    assert.equal(result.type, 'result');
    assert.equal(result.status, 'cancelled');
    assert.deepEqual(result.trials.map((t: any) => t.status), ['cancelled', 'cancelled', 'cancelled']);
    assert.equal(result.trials[2].runId, null, 'the third trial never started');
    const runs = JSON.parse(spawnSync(process.execPath, [cli, 'runs', '--format', 'json'], { cwd: ws.dir, encoding: 'utf8' }).stdout);
    assert.deepEqual(runs.map((r: any) => r.status), ['cancelled', 'cancelled']);
  } finally {
    ws.cleanup();
  }
});
