// The whole lifecycle as one DAG in a real git repository: generate (cmd) -> check -> train -> drift,
// register, each built-in step on the same engine as its CLI command. Real DuckDB, TensorFlow.js, git.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { mlops } from '../helpers/cli';
import { churnDir } from '../unit/training/workspace';
import { sandbox } from '../git/helpers';

const STAGES = `stages:
  generate:
    cmd: node scripts/generate-data.mjs
    deps: [scripts/generate-data.mjs]
    outs: [data/train.csv, data/current.csv]
  validate-data:
    uses: check
    with: { report: reports/check.json }
  train:
    uses: train
    needs: [validate-data]
    with: { set: { training.epochs: 8 }, model: models/churn, metrics: reports/metrics.json }
    resources: { cpu: 2, memory: 2Gi }
  watch:
    uses: drift
    with: { out: reports/drift.json }
  publish:
    uses: register
    with: { message: from the pipeline }
`;

function lifecycleRepo() {
  const s = sandbox();
  for (const d of ['data', 'contracts', 'scripts']) cpSync(join(churnDir, d), join(s.dir, d), { recursive: true });
  const spec = readFileSync(join(churnDir, 'mlops.yaml'), 'utf8').replace(/^stages:\n(?: {2}.*\n)+/m, STAGES);
  writeFileSync(join(s.dir, 'mlops.yaml'), spec);
  s.git('add', '.');
  s.git('commit', '-q', '-m', 'pipeline');
  return s;
}

interface RunJson { stages: Array<{ name: string; status: string; reason: string }>; ok: boolean }

test('uses: check, train, drift and register run in one DAG; a second run does nothing', () => {
  const s = lifecycleRepo();
  try {
    const first = mlops(['run', '--format', 'json'], s.dir, s.env);
    assert.equal(first.code, 0, first.stderr);
    const result = JSON.parse(first.stdout) as RunJson;
    assert.deepEqual(result.stages.map((x) => [x.name, x.status]),
      [['generate', 'ran'], ['validate-data', 'ran'], ['watch', 'ran'], ['train', 'ran'], ['publish', 'ran']]);
    assert.match(first.stderr, /^\[train\] run \S+: training on \w+, 8 epochs$/m);
    assert.match(first.stderr, /^\[publish\] registered churn-classifier v1 \(churn-classifier@v1\)/m);

    // The check step's report is what `mlops check` says about the same files.
    const cli = JSON.parse(mlops(['check', '--contract', 'contracts/customers.odcs.yaml', '--data', 'data/train.csv', '--schema', 'customers', '--format', 'json'], s.dir, s.env).stdout);
    const step = JSON.parse(readFileSync(join(s.dir, 'reports/check.json'), 'utf8'));
    assert.deepEqual(step.checks.map((c: { id: string; passed: boolean; failures: number }) => [c.id, c.passed, c.failures]),
      cli.checks.map((c: { id: string; passed: boolean; failures: number }) => [c.id, c.passed, c.failures]));
    // So is the drift step's report, against `mlops drift --spec`.
    const drift = JSON.parse(mlops(['drift', '--spec', 'mlops.yaml', '--format', 'json'], s.dir, s.env).stdout);
    const stepDrift = JSON.parse(readFileSync(join(s.dir, 'reports/drift.json'), 'utf8'));
    assert.deepEqual(stepDrift.features.map((f: { name: string; drifted: boolean }) => [f.name, f.drifted]), drift.features.map((f: { name: string; drifted: boolean }) => [f.name, f.drifted]));

    const lock = parse(readFileSync(join(s.dir, 'mlops.lock'), 'utf8')) as { stages: Record<string, { cmd: string; run?: string }> };
    const runId = lock.stages.train!.run!;
    const record = JSON.parse(readFileSync(join(s.dir, '.mlops/runs', runId, 'run.json'), 'utf8'));
    assert.equal(record.params.training.epochs, 8);
    assert.deepEqual(JSON.parse(readFileSync(join(s.dir, 'reports/metrics.json'), 'utf8')).metrics, record.metrics);
    assert.ok(existsSync(join(s.dir, 'models/churn/model.json')));
    assert.equal(lock.stages.train!.cmd, 'mlops train mlops.yaml --set training.epochs=8');
    assert.equal(lock.stages.publish!.cmd, `mlops register ${runId} --model churn-classifier --message 'from the pipeline'`);
    assert.match(s.git('tag', '--list'), /churn-classifier@v1/);

    const second = mlops(['run', '--format', 'json'], s.dir, s.env);
    assert.equal(second.code, 0, second.stderr);
    assert.ok((JSON.parse(second.stdout) as RunJson).stages.every((x) => x.status === 'skipped'));
    assert.doesNotMatch(s.git('tag', '--list'), /churn-classifier@v2/);
  } finally {
    s.cleanup();
  }
});
