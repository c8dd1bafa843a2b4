import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { churnWorkspace, quick, repoRoot } from '../unit/training/workspace';

const cli = join(repoRoot, 'dist/cli.js');
const mlops = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

test('runs, runs show, runs diff (only what differs) and reproduce (data hashes checked first)', () => {
  const ws = churnWorkspace((s) => quick(s, 3));
  try {
    const a = JSON.parse(mlops(['train', 'mlops.yaml', '--format', 'json'], ws.dir).stdout);
    const b = JSON.parse(mlops(['train', 'mlops.yaml', '--format', 'json', '--set', 'training.learningRate=0.01'], ws.dir).stdout);
    const list = JSON.parse(mlops(['runs', '--format', 'json'], ws.dir).stdout);
    assert.deepEqual(list.map((r: any) => r.id).sort(), [a.runId, b.runId].sort());
    assert.ok(list.every((r: any) => r.status === 'completed' && r.gatesPassed === true));

    const text = mlops(['runs'], ws.dir).stdout;
    assert.match(text, /^ID\s+STATUS\s+STARTED \(UTC\)\s+BACKEND\s+val_auc/);
    const show = mlops(['runs', 'show', a.runId.slice(0, 20)], ws.dir);
    assert.equal(show.status, 0, show.stderr);
    assert.match(show.stdout, new RegExp(`run ${a.runId}  completed`));
    assert.match(show.stdout, /data {6}train: data\/train.csv \(5000 rows, sha256 [0-9a-f]{12}\)/);

    const diff = JSON.parse(mlops(['runs', 'diff', a.runId, b.runId, '--format', 'json'], ws.dir).stdout);
    const sections = new Set(diff.differences.map((d: any) => d.section));
    assert.deepEqual(diff.differences.filter((d: any) => d.section === 'params'), [{ section: 'params', key: 'training.learningRate', a: 0.003, b: 0.01 }]);
    assert.ok(sections.has('metrics'));
    assert.ok(!sections.has('data'), 'same data: no data lines');
    assert.ok(diff.differences.every((d: any) => JSON.stringify(d.a) !== JSON.stringify(d.b)));
    const diffText = mlops(['runs', 'diff', a.runId, b.runId], ws.dir).stdout;
    assert.match(diffText, /params:\n {2}training.learningRate {2}0.003 -> 0.01\nmetrics:/);
    assert.doesNotMatch(diffText, /seed|backend|sha256/);

    const again = mlops(['reproduce', a.runId, '--format', 'json'], ws.dir);
    assert.equal(again.status, 0, again.stderr);
    const rep = JSON.parse(again.stdout);
    assert.equal(rep.reproduced, true);
    assert.deepEqual(rep.metrics, a.metrics);
    assert.equal(rep.reproducedFrom, a.runId);

    appendFileSync(join(ws.dir, 'data/train.csv'), 'C999999,2024-01-01,30,3,basic,monthly,north,30.00,1,0\n');
    const refused = mlops(['reproduce', a.runId], ws.dir);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /cannot reproduce .*: train data data\/train.csv changed: recorded sha256 [0-9a-f]{12}, now [0-9a-f]{12}/);
    assert.equal(JSON.parse(mlops(['runs', '--format', 'json'], ws.dir).stdout).length, 3, 'no run was started');
  } finally {
    ws.cleanup();
  }
});

test('runs: unknown ids and subcommands are usage errors with a clear message', () => {
  const ws = churnWorkspace();
  try {
    const show = mlops(['runs', 'show', 'nope'], ws.dir);
    assert.equal(show.status, 2);
    assert.match(show.stderr, /mlops runs show: run "nope" not found/);
    assert.equal(mlops(['runs', 'frobnicate'], ws.dir).status, 2);
    assert.equal(mlops(['runs'], ws.dir).stdout, 'no runs yet (mlops train <spec> records one)\n');
  } finally {
    ws.cleanup();
  }
});
