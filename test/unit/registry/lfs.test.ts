import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attributePattern, lfsAttributes, planLargeFiles } from '../../../server/src/core/registry/lfs';

const files = [{ path: 'model/model.json', bytes: 2_000 }, { path: 'model/group1-shard1of1.bin', bytes: 60_000_000 }];

test('files over the threshold go to LFS when it is ready', () => {
  assert.deepEqual(planLargeFiles(files, 50e6, 'ready'), { lfs: ['model/group1-shard1of1.bin'], warnings: [] });
  assert.deepEqual(planLargeFiles(files, 100e6, 'ready'), { lfs: [], warnings: [] });
});

test('without LFS a large file is never committed silently: the warning names the size and the fix', () => {
  const missing = planLargeFiles(files, 50e6, 'not-installed');
  assert.deepEqual(missing.lfs, []);
  assert.equal(missing.warnings.length, 1);
  assert.match(missing.warnings[0]!, /model\/group1-shard1of1\.bin is 60\.0 MB \(over the 50\.0 MB LFS threshold\)/);
  assert.match(missing.warnings[0]!, /install git-lfs/);
  assert.match(planLargeFiles(files, 50e6, 'not-configured').warnings[0]!, /run "git lfs install"/);
});

test('attribute patterns are anchored and literal', () => {
  assert.equal(attributePattern('model/w.bin'), '/model/w.bin');
  assert.equal(attributePattern('model/a b*[1].bin'), '/model/a[[:space:]]b\\*\\[1\\].bin');
  assert.equal(lfsAttributes(['model/w.bin']).split('\n')[1], '/model/w.bin filter=lfs diff=lfs merge=lfs -text');
});
