// Registering runs in real temporary repositories: what is committed, and what is left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerRun } from '../../server/src/core/registry/register';
import { headPaths, makeRun, sandbox, snapshot } from './helpers';

const ours = (p: string): boolean => p.startsWith('models/');

test('register commits exactly the version folder, tags it and leaves staged and unstaged user changes as they were', async () => {
  const s = sandbox();
  try {
    makeRun(s.dir, 'run-1');
    writeFileSync(join(s.dir, 'README.md'), '# project\nwork in progress\n');
    writeFileSync(join(s.dir, 'notes.txt'), 'staged version\n');
    s.git('add', 'notes.txt');
    writeFileSync(join(s.dir, 'notes.txt'), 'staged version\nplus an unstaged line\n');
    writeFileSync(join(s.dir, 'scratch.py'), 'print(1)\n');
    const stagedBlob = s.git('rev-parse', ':notes.txt').trim();
    const before = snapshot(s, ours);

    const r = await registerRun({ workspace: s.dir, runId: 'run-1', model: 'churn', env: s.env });

    assert.equal(r.version, 1);
    assert.equal(r.tag, 'churn@v1');
    assert.equal(r.path, 'models/churn/v1');
    assert.deepEqual(headPaths(s), ['models/churn/v1/card.json', 'models/churn/v1/card.md',
      'models/churn/v1/model/model.json', 'models/churn/v1/model/preprocessing.json', 'models/churn/v1/model/weights.bin']);
    assert.equal(s.git('rev-parse', 'HEAD').trim(), r.commit);
    assert.equal(s.git('cat-file', '-t', 'churn@v1').trim(), 'tag');
    assert.equal(s.git('rev-parse', 'churn@v1^{commit}').trim(), r.commit);
    assert.match(s.git('log', '-1', '--format=%B'), /^model\(churn\): v1 from run run-1\n\nmetrics: accuracy=0\.77 auc=0\.82 loss=0\.41 val_auc=0\.8\n/);
    const after = snapshot(s, ours);
    assert.deepEqual(after.files, before.files);
    assert.equal(after.status, before.status);
    assert.equal(after.index, before.index);
    assert.equal(s.git('rev-parse', ':notes.txt').trim(), stagedBlob, 'the staged file is still staged, byte-identical');
    assert.equal(s.git('status', '--porcelain', '--', 'models').trim(), '', 'our files are committed and clean');
    const weights = readFileSync(join(s.dir, 'models/churn/v1/model/weights.bin'));
    assert.deepEqual(weights, readFileSync(join(s.dir, '.mlops/runs/run-1/model/weights.bin')));
  } finally {
    s.cleanup();
  }
});

test('the next registration becomes v2 and its card records lineage, metrics and files', async () => {
  const s = sandbox();
  try {
    makeRun(s.dir, 'run-1');
    makeRun(s.dir, 'run-2', { seed: 9, sweepId: 'sweep-1', metrics: { auc: 0.85, loss: 0.39 } });
    await registerRun({ workspace: s.dir, runId: 'run-1', model: 'churn', env: s.env });
    const r = await registerRun({ workspace: s.dir, runId: 'run-2', model: 'churn', message: 'wider first layer', env: s.env,
      now: () => new Date('2025-02-03T04:05:06Z') });
    assert.equal(r.version, 2);
    const card = JSON.parse(readFileSync(join(s.dir, 'models/churn/v2/card.json'), 'utf8'));
    assert.equal(card.createdAt, '2025-02-03T04:05:06.000Z');
    assert.equal(card.createdBy, 'Test User <test@example.com>');
    assert.deepEqual(card.lineage, { runId: 'run-2', sweepId: 'sweep-1', trial: 2, sourceCommit: 'c'.repeat(40), sourceDirty: false });
    assert.deepEqual(card.metrics, { auc: 0.85, loss: 0.39 });
    assert.equal(card.message, 'wider first layer');
    assert.deepEqual(card.files.map((f: { path: string }) => f.path), ['model/model.json', 'model/preprocessing.json', 'model/weights.bin']);
    const md = readFileSync(join(s.dir, 'models/churn/v2/card.md'), 'utf8');
    assert.match(md, /^# churn v2\n/);
    assert.match(md, /- Sweep: `sweep-1`, trial 2/);
    assert.ok(existsSync(join(s.dir, 'models/churn/v1/card.json')));
    assert.equal(s.git('rev-list', '--count', 'HEAD').trim(), '3');
  } finally {
    s.cleanup();
  }
});

test('a repository with no commits yet: the first commit holds only the version, the user\'s staged file stays staged', async () => {
  const s = sandbox({ commit: false });
  try {
    makeRun(s.dir, 'run-1');
    writeFileSync(join(s.dir, 'train.py'), 'print("hi")\n');
    s.git('add', 'train.py');
    const staged = s.git('rev-parse', ':train.py').trim();
    const r = await registerRun({ workspace: s.dir, runId: 'run-1', model: 'churn', env: s.env });
    assert.equal(r.branch, 'main');
    assert.equal(s.git('rev-list', '--count', 'HEAD').trim(), '1');
    assert.ok(headPaths(s).every((p) => p.startsWith('models/churn/v1/')));
    assert.equal(s.git('diff', '--cached', '--name-status').trim(), 'A\ttrain.py');
    assert.equal(s.git('rev-parse', ':train.py').trim(), staged);
  } finally {
    s.cleanup();
  }
});

test('a workspace in a sub-folder of the repository, with models/ ignored, still gets its files committed under that folder', async () => {
  const s = sandbox();
  try {
    const ws = join(s.dir, 'projects', 'churn');
    makeRun(ws, 'run-1');
    writeFileSync(join(s.dir, '.gitignore'), '.mlops/\nmodels/\n*.bin\n');
    s.git('commit', '-q', '-am', 'ignore models');
    const r = await registerRun({ workspace: ws, runId: 'run-1', model: 'churn', env: s.env });
    assert.equal(r.path, 'models/churn/v1');
    assert.ok(headPaths(s).includes('projects/churn/models/churn/v1/model/weights.bin'), 'ignored weights are part of the version');
    assert.equal(s.git('status', '--porcelain').trim(), '');
    assert.equal(existsSync(join(s.dir, 'models')), false);
  } finally {
    s.cleanup();
  }
});
