// The git index reader against git itself: `git ls-files` in real temporary repositories, for every
// index format version git writes (2, 3 with an intent-to-add entry, and 4 with prefix compression).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findIndex, parseIndex, trackedFiles } from '../../../server/src/core/git/trackedFiles';
import { sandbox } from '../../git/helpers';

function populate(dir: string): void {
  for (const d of ['src/deep/er', 'data', 'naïve dir']) mkdirSync(join(dir, d), { recursive: true });
  const files = ['src/a.ts', 'src/deep/b.ts', 'src/deep/er/c.ts', 'data/train.csv', 'naïve dir/ü.txt', 'top.md'];
  for (let i = 0; i < 40; i++) files.push(`src/deep/er/file-with-a-long-shared-prefix-${i}.json`);
  for (const f of files) writeFileSync(join(dir, f), f);
}

for (const version of ['2', '3', '4']) {
  test(`parseIndex reads index version ${version} as git ls-files lists it`, () => {
    const s = sandbox();
    try {
      populate(s.dir);
      s.git('add', '.');
      if (version === '3') { writeFileSync(join(s.dir, 'later.txt'), 'x'); s.git('add', '-N', 'later.txt'); }
      s.git('update-index', '--index-version', version);
      const index = findIndex(s.dir)!;
      const buf = readFileSync(index.index);
      assert.equal(buf.readUInt32BE(4), Number(version));
      const expected = s.git('-c', 'core.quotePath=false', 'ls-files', '-z').split('\0').filter(Boolean);
      assert.deepEqual(parseIndex(buf), expected);
    } finally {
      s.cleanup();
    }
  });
}

test('trackedFiles: tracked files and their folders count, untracked and outside files do not; a new index is re-read', () => {
  const s = sandbox();
  try {
    populate(s.dir);
    s.git('add', 'src', 'top.md');
    const t = trackedFiles(join(s.dir, 'src'))!;
    assert.equal(t.root, s.dir);
    assert.equal(t.has(join(s.dir, 'src/deep/b.ts')), true);
    assert.equal(t.has(join(s.dir, 'src/deep')), true);
    assert.equal(t.has(join(s.dir, 'data/train.csv')), false);
    assert.equal(t.has('/etc/passwd'), false);
    s.git('add', 'data');
    assert.equal(trackedFiles(s.dir)!.has(join(s.dir, 'data/train.csv')), true);
  } finally {
    s.cleanup();
  }
});

test('findIndex follows the .git file of a linked worktree', () => {
  const s = sandbox();
  try {
    s.git('worktree', 'add', '-q', join(s.dir, '..', 'wt'));
    const found = findIndex(join(s.dir, '..', 'wt'))!;
    assert.equal(found.root, join(s.dir, '..', 'wt'));
    assert.match(found.index, /\.git\/worktrees\/wt\/index$/);
  } finally {
    s.cleanup();
  }
});
