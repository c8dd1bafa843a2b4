// The git state recorded with each run, read through the registry's executor in real repositories.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitExecutor } from '../../server/src/core/registry/git';
import { gitState } from '../../server/src/core/tracking/provenance';
import { sandbox } from './helpers';

test('gitState: the commit of HEAD, dirty only when a tracked file changed, nothing outside a repository', async () => {
  const s = sandbox();
  try {
    const git = new GitExecutor(s.dir, s.env);
    const head = s.git('rev-parse', 'HEAD').trim();
    assert.deepEqual(await gitState(git), { commit: head, dirty: false });
    writeFileSync(join(s.dir, 'untracked.txt'), 'not added\n');
    assert.deepEqual(await gitState(git), { commit: head, dirty: false });
    writeFileSync(join(s.dir, 'README.md'), '# changed\n');
    assert.deepEqual(await gitState(git), { commit: head, dirty: true });
  } finally { s.cleanup(); }
  const bare = sandbox({ init: false });
  try {
    assert.equal(await gitState(new GitExecutor(bare.dir, bare.env)), undefined);
  } finally { bare.cleanup(); }
});

test('gitState: a repository without commits has no commit yet', async () => {
  const s = sandbox({ commit: false });
  try {
    assert.deepEqual(await gitState(new GitExecutor(s.dir, s.env)), { commit: null, dirty: false });
  } finally { s.cleanup(); }
});
