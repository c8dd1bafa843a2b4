// Large weights: with git LFS configured they are stored as LFS pointers (through a .gitattributes the
// registry writes inside the version folder); without it the user is warned with the size and the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerRun } from '../../server/src/core/registry/register';
import { makeRun, sandbox, seededBytes } from './helpers';

const lfsInstalled = spawnSync('git', ['lfs', 'version']).status === 0;

test('with git LFS configured, files over the threshold are committed as LFS pointers', {
  skip: lfsInstalled ? false : 'git-lfs is not installed (apt-get install git-lfs); the LFS path cannot be exercised here',
}, async () => {
  const s = sandbox();
  try {
    s.git('lfs', 'install', '--local');
    makeRun(s.dir, 'run-1');
    const odd = seededBytes(11, 3000);
    writeFileSync(join(s.dir, '.mlops/runs/run-1/model/shard [1] a.bin'), odd);
    const r = await registerRun({ workspace: s.dir, runId: 'run-1', model: 'churn', env: s.env, lfsThresholdMB: 0.001 });
    assert.deepEqual(r.files.filter((f) => f.lfs).map((f) => f.path), ['model/shard [1] a.bin', 'model/weights.bin']);
    assert.deepEqual(r.warnings, []);
    for (const [file, bytes] of [['weights.bin', readFileSync(join(s.dir, '.mlops/runs/run-1/model/weights.bin'))], ['shard [1] a.bin', odd]] as const) {
      const pointer = s.git('cat-file', '-p', `HEAD:models/churn/v1/model/${file}`);
      const sha = createHash('sha256').update(bytes).digest('hex');
      assert.equal(pointer, `version https://git-lfs.github.com/spec/v1\noid sha256:${sha}\nsize ${bytes.length}\n`);
      assert.deepEqual(readFileSync(join(s.dir, 'models/churn/v1/model', file)), bytes, 'the working copy keeps the real bytes');
    }
    assert.match(s.git('cat-file', '-p', 'HEAD:models/churn/v1/model/model.json'), /layers-model/, 'small files stay in git');
    assert.match(s.git('show', 'HEAD:models/churn/v1/.gitattributes'), /^\/model\/weights\.bin filter=lfs diff=lfs merge=lfs -text$/m);
    assert.equal(existsSync(join(s.dir, '.gitattributes')), false, 'the user\'s own .gitattributes is not created');
    assert.match(s.git('lfs', 'ls-files'), /models\/churn\/v1\/model\/weights\.bin/);
    assert.equal(s.git('status', '--porcelain').trim(), '');
  } finally {
    s.cleanup();
  }
});

test('without git LFS, a file over the threshold is committed with a warning naming its size and how to enable LFS', async () => {
  const s = sandbox();
  try {
    makeRun(s.dir, 'run-1', { weightsBytes: 4096 });
    const r = await registerRun({ workspace: s.dir, runId: 'run-1', model: 'churn', env: s.env, lfsThresholdMB: 0.002 });
    assert.equal(r.warnings.length, 1);
    assert.match(r.warnings[0]!, /model\/weights\.bin is 4\.1 kB \(over the 2\.0 kB LFS threshold\).*git lfs install/);
    assert.ok(r.files.every((f) => !f.lfs));
    assert.equal(s.git('cat-file', '-s', 'HEAD:models/churn/v1/model/weights.bin').trim(), '4096');
    assert.equal(s.git('status', '--porcelain').trim(), '');
  } finally {
    s.cleanup();
  }
});
