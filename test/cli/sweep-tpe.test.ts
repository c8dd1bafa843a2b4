import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { churnWorkspace, repoRoot } from '../unit/training/workspace';

const cli = join(repoRoot, 'dist/cli.js');
const mlops = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

/** A grid sweep over learning rates with SGD, minimizing val_loss and pruned by ASHA from epoch 1 (factor 2). */
function gridAsha(parallel: number, maxEpochs: number, learningRates: number[]): ReturnType<typeof churnWorkspace> {
  return churnWorkspace((s) => {
    delete s.training.earlyStopping;
    s.training.optimizer = 'sgd';
    s.sweep = {
      strategy: 'grid', parallel, metric: 'val_loss', goal: 'minimize', budget: { maxEpochs },
      pruner: { type: 'asha', minEpochs: 1, reductionFactor: 2 },
      parameters: { 'training.learningRate': { values: learningRates } },
    };
  });
}

test('a trial that trails at the first rung is pruned there (deterministic: a learning rate too small to learn)', () => {
  const ws = gridAsha(1, 3, [0.1, 0.0000001]);
  try {
    const r = mlops(['sweep', 'mlops.yaml', '--format', 'json'], ws.dir);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.trials.map((t: any) => t.status), ['completed', 'pruned']);
    const rec = JSON.parse(mlops(['sweeps', 'show', out.sweepId, '--format', 'json'], ws.dir).stdout);
    assert.ok(rec.trials[1].intermediate[0].value > rec.trials[0].intermediate[0].value, 'the pruned trial had the higher val_loss at epoch 1');
    assert.equal(rec.trials[1].intermediate.length, 1);
    const run = JSON.parse(readFileSync(join(ws.dir, '.mlops/runs', rec.trials[1].runId, 'run.json'), 'utf8'));
    assert.equal(run.status, 'pruned');
    assert.equal(existsSync(join(ws.dir, '.mlops/runs', rec.trials[1].runId, 'model')), false);
    assert.deepEqual(Object.keys(rec).filter((k) => ['id', 'spec', 'strategy', 'seed', 'metric', 'goal', 'pruner', 'budget', 'status', 'parameters', 'trials', 'best', 'startedAt', 'endedAt'].includes(k)).length, 14);
    assert.equal(rec.best.number, 1);
    const text = mlops(['sweeps'], ws.dir).stdout;
    assert.match(text, new RegExp(`${out.sweepId}\\s+grid\\s+completed\\s+2\\s+1`));
  } finally {
    ws.cleanup();
  }
});

test('mlops sweep --resume continues a cancelled tpe sweep without redoing finished trials', async () => {
  const ws = churnWorkspace((s) => {
    delete s.training.earlyStopping;
    // Small batches: an epoch lasts long enough for Ctrl-C to land inside trial 3's first one.
    s.training.batchSize = 16;
    s.sweep = {
      strategy: 'tpe', parallel: 1, seed: 5, startupTrials: 2, metric: 'val_auc', goal: 'maximize', budget: { trials: 5, maxEpochs: 2 },
      pruner: { type: 'asha', minEpochs: 1, reductionFactor: 2 },
      parameters: { 'training.learningRate': { min: 0.0005, max: 0.05, scale: 'log' }, 'model.layers[0].units': { min: 4, max: 32, type: 'int' } },
    };
  });
  try {
    const child = spawn(process.execPath, [cli, 'sweep', 'mlops.yaml', '--events'], { cwd: ws.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let sweepId = '';
    const third = new Promise<void>((resolve) => createInterface({ input: child.stdout! }).on('line', (l) => {
      const e = JSON.parse(l);
      if (e.type === 'started') sweepId = e.sweepId;
      if (e.type === 'started' && e.trial === 3) resolve();
    }));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await third;
    child.kill('SIGINT');
    assert.equal(await exited, 130);
    const before = JSON.parse(mlops(['sweeps', 'show', sweepId, '--format', 'json'], ws.dir).stdout);
    assert.equal(before.status, 'cancelled');
    assert.deepEqual(before.trials.map((t: any) => t.status).slice(2), ['cancelled']);
    const kept = before.trials.slice(0, 2);
    assert.ok(kept.every((t: any) => t.status === 'completed' || t.status === 'pruned'));

    const r = mlops(['sweep', '--resume', sweepId, '--format', 'json'], ws.dir);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const after = JSON.parse(mlops(['sweeps', 'show', sweepId, '--format', 'json'], ws.dir).stdout);
    assert.equal(after.status, 'completed');
    assert.deepEqual(after.trials.map((t: any) => t.number), [1, 2, 3, 4, 5]);
    assert.deepEqual(after.trials.slice(0, 2), kept, 'finished trials kept as they were');
    assert.deepEqual(after.trials[2].params, before.trials[2].params, 'the cancelled trial reruns with its parameters');
    assert.equal(after.resumedAt.length, 1);
    // One run per finished trial: trials 1 and 2 were not trained again; trial 3 has its cancelled run and its new one.
    const runs = JSON.parse(mlops(['runs', '--format', 'json', '--sweep', sweepId], ws.dir).stdout);
    const perTrial = (n: number) => runs.filter((x: any) => x.trial === n).map((x: any) => x.status).sort();
    assert.deepEqual([perTrial(1).length, perTrial(2).length], [1, 1]);
    assert.deepEqual(perTrial(3), ['cancelled', after.trials[2].status].sort());
    const again = mlops(['sweep', '--resume', sweepId], ws.dir);
    assert.equal(again.status, 2, 'a completed sweep cannot be resumed');
    assert.match(again.stderr, /only a cancelled or timed-out sweep can be resumed/);
  } finally {
    ws.cleanup();
  }
});

test('bad sweep input is exit 2 with the file and what to do', () => {
  const ws = churnWorkspace((s) => {
    s.sweep = { strategy: 'tpe', metric: 'val_auc', goal: 'maximize', budget: { maxEpochs: 2 }, pruner: { type: 'asha', minEpochs: 2 }, parameters: { 'training.learningRate': { min: 0.001, max: 0.01 } } };
  });
  try {
    const r = mlops(['sweep', 'mlops.yaml'], ws.dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /mlops\.yaml: sweep\.pruner\.minEpochs: must be below the epochs a trial trains \(2\)/);
    const missing = mlops(['sweep', '--resume', 'sweep-nope'], ws.dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /sweep "sweep-nope" not found/);
    const show = mlops(['sweeps', 'show', 'sweep-nope'], ws.dir);
    assert.equal(show.status, 2);
  } finally {
    ws.cleanup();
  }
});

test('budget.minutes ends the sweep timed-out: running trials cancelled, exit 0, listed by mlops sweeps', () => {
  const ws = churnWorkspace((s) => {
    delete s.training.earlyStopping;
    s.training.batchSize = 16;
    s.sweep = {
      strategy: 'random', parallel: 1, metric: 'val_auc', goal: 'maximize', budget: { trials: 3, maxEpochs: 100000, minutes: 0.05 },
      parameters: { 'training.learningRate': { values: [0.001, 0.01] } },
    };
  });
  try {
    const started = performance.now();
    const r = mlops(['sweep', 'mlops.yaml', '--format', 'json'], ws.dir);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const out = JSON.parse(r.stdout);
    assert.equal(out.status, 'timed-out');
    assert.ok(out.trials.every((t: any) => t.status === 'cancelled'), JSON.stringify(out.trials));
    assert.ok(performance.now() - started < 60_000, 'stopped by the budget, not by 100000 epochs');
    const list = JSON.parse(mlops(['sweeps', '--format', 'json'], ws.dir).stdout);
    assert.deepEqual(list.map((x: any) => [x.id, x.status, x.budget.minutes]), [[out.sweepId, 'timed-out', 0.05]]);
  } finally {
    ws.cleanup();
  }
});

test('ASHA with two trials at a time: workers wait for each epoch verdict; pruned trials stop at a rung with their runs marked pruned', () => {
  const ws = gridAsha(2, 4, [0.1, 0.0000001, 0.05, 0.0000002, 0.0000003]);
  try {
    const r = mlops(['sweep', 'mlops.yaml', '--format', 'json'], ws.dir);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const out = JSON.parse(r.stdout);
    const rec = JSON.parse(mlops(['sweeps', 'show', out.sweepId, '--format', 'json'], ws.dir).stdout);
    assert.equal(rec.parallel, 2);
    for (const t of rec.trials) {
      const run = JSON.parse(readFileSync(join(ws.dir, '.mlops/runs', t.runId, 'run.json'), 'utf8'));
      assert.equal(run.status, t.status);
      const epochs = readFileSync(join(ws.dir, '.mlops/runs', t.runId, 'metrics.jsonl'), 'utf8').trim().split('\n').length;
      assert.equal(epochs, t.intermediate.length, 'the curve in the record is the run\'s');
      if (t.status === 'pruned') assert.ok([1, 2].includes(epochs), `pruned at a rung (1 or 2), not after epoch ${epochs}`);
      else assert.equal(t.status === 'completed' && epochs, 4);
    }
    // Trials 4 and 5 barely learn and reach rung 1 after at least two others, one of them a good one (lr 0.1 or 0.05),
    // so they are behind the top floor(n / 2) there whatever the timing: at least two trials are pruned.
    assert.ok(rec.trials.filter((t: any) => t.status === 'pruned').length >= 2, JSON.stringify(rec.trials.map((t: any) => t.status)));
  } finally {
    ws.cleanup();
  }
});
