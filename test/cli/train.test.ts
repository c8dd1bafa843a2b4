import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { churnWorkspace, quick, repoRoot } from '../unit/training/workspace';

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
