// Stage paths: normalizePath and inFolder skip Node's normalizing for paths already normal (a start-up
// cost of `mlops status`); the result must be the very string the full computation gives, for every
// path built from the awkward parts (dots, slashes, backslashes, newlines), checked against
// posix.normalize and path.join written out here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, posix } from 'node:path';
import { inFolder, normalizePath } from '../../../server/src/core/stages/steps/step';

const PARTS = ['', '.', '..', 'a', '.a', '..a', 'a.', '...', '/', '//', '\\', 'x\ny', ' '];

/** Every string of four parts: 28,561 paths. */
function* paths(): Generator<string> {
  for (const a of PARTS) for (const b of PARTS) for (const c of PARTS) for (const d of PARTS) yield a + b + c + d;
}

test('normalizePath gives what posix.normalize, then dropping ./ and trailing slashes, gives', () => {
  const reference = (p: string) => posix.normalize(p.replace(/\\/g, '/')).replace(/^\.\//, '').replace(/\/+$/, '') || '.';
  let checked = 0;
  for (const p of paths()) {
    assert.equal(normalizePath(p), reference(p), JSON.stringify(p));
    checked++;
  }
  assert.equal(checked, PARTS.length ** 4);
  assert.equal(normalizePath('data/train.csv'), 'data/train.csv');
  assert.equal(normalizePath('./data//x/../train.csv/'), 'data/train.csv');
});

test('inFolder(dir, rel) is path.join(dir, rel), in a folder and at the root', () => {
  for (const dir of ['/work/project', '/']) {
    for (const p of paths()) assert.equal(inFolder(dir, p), join(dir, p), `${dir} + ${JSON.stringify(p)}`);
  }
});
