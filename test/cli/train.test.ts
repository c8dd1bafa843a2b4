import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { churnWorkspace, editTrainCsv, quick, repoRoot } from '../unit/training/workspace';

const cli = join(repoRoot, 'dist/cli.js');

function mlops(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('mlops train trains the churn example to a sensible AUC and records the run', () => {
  const ws = churnWorkspace((s) => quick(s, 8));
  try {
    const r = mlops(['train', 'mlops.yaml', '--format', 'json'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out).slice(0, 6), ['runId', 'status', 'backend', 'metrics', 'gates', 'artifacts']);
    assert.equal(out.status, 'completed');
    assert.equal(out.backend, 'wasm');
    assert.ok(out.metrics.val_auc > 0.75 && out.metrics.val_auc < 0.95, `val_auc ${out.metrics.val_auc}`);
    assert.deepEqual(out.gates.map((g: any) => [g.metric, g.passed]), [['auc', true]]);
    for (const f of ['model.json', 'weights.bin', 'preprocessing.json']) assert.ok(existsSync(join(out.artifacts.model, f)), f);
    const record = JSON.parse(readFileSync(out.artifacts.record, 'utf8'));
    assert.equal(record.status, 'completed');
    assert.ok(record.endedAt);
    const sha = createHash('sha256').update(readFileSync(join(ws.dir, 'data/train.csv'))).digest('hex');
    assert.deepEqual(record.data.train, { path: 'data/train.csv', sha256: sha, rows: 5000 });
    assert.equal(record.contract.version, '1.2.0');
    const epochs = readFileSync(out.artifacts.metrics, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(epochs.length, record.epochsRun);
    assert.deepEqual(epochs.map((e) => e.epoch), Array.from({ length: epochs.length }, (_, i) => i + 1));
  } finally {
    ws.cleanup();
  }
});

async function captured(args: string[], cwd: string, isTTY: boolean) {
  const { runCli } = await import('../../server/src/cli/main');
  let out = '', err = '';
  const controller = new AbortController();
  const code = await runCli(args, { cwd, isTTY, env: {}, out: (s) => { out += s; }, err: (s) => { err += s; }, signal: controller.signal });
  return { code, out, err };
}

test('a terminal gets a progress bar with an ETA; a pipe gets one plain line per epoch', async () => {
  const ws = churnWorkspace((s) => { quick(s, 3); delete s.training.earlyStopping; });
  try {
    const tty = await captured(['train', 'mlops.yaml'], ws.dir, true);
    assert.equal(tty.code, 0, tty.err);
    assert.match(tty.out, /\r\x1b\[K\[#{7}\.{13}\] 1\/3 {2}loss \d\.\d{4} {2}val_loss \d\.\d{4} {2}val_accuracy \d\.\d{4} .* ETA \d/);
    assert.match(tty.out, /\[#{20}\] 3\/3 .* ETA 0\.0s\n/);
    const pipe = await captured(['train', 'mlops.yaml'], ws.dir, false);
    assert.doesNotMatch(pipe.out, /\r/);
    assert.deepEqual(pipe.out.split('\n').filter((l) => l.startsWith('epoch')).map((l) => l.slice(0, 9)), ['epoch 1/3', 'epoch 2/3', 'epoch 3/3']);
    assert.match(pipe.out, /run \S+ completed \(wasm, best epoch 3 of 3\)\n {2}loss .*\n {2}gate auc >= 0.75: 0\.\d{4} passed\n {2}model: .*model\n$/);
  } finally {
    ws.cleanup();
  }
});

test('a mistyped --set key or a spec the schema refuses stops before any run is recorded', async () => {
  const ws = churnWorkspace((s) => quick(s, 1));
  try {
    const typo = mlops(['train', 'mlops.yaml', '--set', 'training.learningrate=0.1'], ws.dir);
    assert.equal(typo.code, 2);
    assert.equal(typo.stderr, 'mlops train: --set training.learningrate: unknown key; did you mean "learningRate"? (keys here: epochs, batchSize, optimizer, learningRate, validationSplit, seed, earlyStopping, backend, resources)\n');
    const value = mlops(['train', 'mlops.yaml', '--set', 'model.layers[1]={units: 0}'], ws.dir);
    assert.equal(value.code, 2);
    assert.equal(value.stderr, 'mlops train: --set model.layers[1]: {"units":0} is not allowed: /units must be >= 1\n');
    const bad = churnWorkspace((s) => { quick(s, 1); s.training.learningrate = 0.1; });
    const refused = mlops(['train', 'mlops.yaml'], bad.dir);
    bad.cleanup();
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /mlops\.yaml: the spec has 1 error; fix it first \(mlops validate shows every problem\):\n.*mlops\.yaml:\d+:3: error schema Unknown key "learningrate" in training\. Did you mean "learningRate"\?\n$/);
    assert.equal(existsSync(join(ws.dir, '.mlops')), false);
  } finally {
    ws.cleanup();
  }
});

test('bad data: exit 2, the reason on stderr, the run recorded as failed', () => {
  const ws = churnWorkspace((s) => quick(s, 1));
  try {
    editTrainCsv(ws, (rows) => { rows[3]![2] = 'NaN'; return rows; });
    const r = mlops(['train', 'mlops.yaml', '--allow-contract-violations'], ws.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^run \S+ failed: data\/train.csv: column "age": 1 value\(s\) that are not finite numbers at line 4 \("NaN"\); fix or remove them\nNo model was saved.\n$/);
    const runs = JSON.parse(mlops(['runs', '--format', 'json'], ws.dir).stdout);
    assert.deepEqual(runs.map((x: any) => x.status), ['failed']);
  } finally {
    ws.cleanup();
  }
});

test('run from a parent folder, runs are recorded there (where mlops runs, register and the editor look) and reproduce works', () => {
  const ws = churnWorkspace((s) => quick(s, 2));
  try {
    mkdirSync(join(ws.dir, 'proj'));
    for (const f of ['mlops.yaml', 'data', 'contracts']) renameSync(join(ws.dir, f), join(ws.dir, 'proj', f));
    const r = JSON.parse(mlops(['train', 'proj/mlops.yaml', '--format', 'json', '--backend', 'cpu'], ws.dir).stdout);
    assert.equal(r.backend, 'cpu');
    assert.ok(r.artifacts.runDir.startsWith(join(ws.dir, '.mlops', 'runs')), r.artifacts.runDir);
    const record = JSON.parse(readFileSync(r.artifacts.record, 'utf8'));
    assert.equal(record.specPath, 'proj/mlops.yaml');
    assert.equal(record.data.train.path, 'proj/data/train.csv');
    const again = mlops(['reproduce', r.runId, '--format', 'json'], ws.dir);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).reproduced, true);
    const elsewhere = JSON.parse(mlops(['train', 'mlops.yaml', '--format', 'json', '--workspace', '..'], join(ws.dir, 'proj')).stdout);
    assert.ok(elsewhere.artifacts.runDir.startsWith(join(ws.dir, '.mlops', 'runs')));
    const bad = mlops(['train', 'proj/mlops.yaml', '--backend', 'gpu'], ws.dir);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'mlops train: --backend must be one of auto, tensorflow, wasm, cpu (got "gpu")\n');
  } finally {
    ws.cleanup();
  }
});
