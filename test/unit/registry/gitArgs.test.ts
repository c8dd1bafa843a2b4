// The git argument builders: paths always follow "--" (so a file named "-rf" is never an option),
// refs are compared-and-swapped, and git's output formats are parsed exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MUST_NOT_EXIST, addArgs, commitTreeArgs, deleteRefArgs, hashBlobArgs, listIndexArgs, listTreeArgs, parseIndexEntries,
  parseStatus, statusArgs, tagObjectText, updateIndexArgs, updateRefArgs,
} from '../../../server/src/core/registry/gitArgs';

const tricky = ['models/m/v1', '-rf', ':(glob)*', 'a b/c'];

test('every path-taking builder puts the paths after "--" and reads them literally', () => {
  for (const args of [addArgs(tricky), listIndexArgs(tricky), statusArgs(tricky)]) {
    const sep = args.indexOf('--');
    assert.ok(sep > 0, `no "--" in ${args.join(' ')}`);
    assert.deepEqual(args.slice(sep + 1), tricky);
    assert.ok(args.slice(0, 2).includes('--literal-pathspecs'), 'a global option before the sub-command: pathspec magic like :(glob) must not apply');
    assert.ok(!args.slice(0, sep).some((a) => tricky.includes(a)), 'no path before "--"');
  }
  assert.deepEqual(listTreeArgs('abc', 'models/m').slice(-2), ['--', 'models/m/']);
  assert.deepEqual(hashBlobArgs('/tmp/x', 'models/m/aliases.jsonl').slice(-2), ['--', '/tmp/x']);
});

test('the user-visible status read never takes git\'s optional index lock', () => {
  assert.ok(statusArgs(['x']).includes('--no-optional-locks'));
});

test('add forces our own paths in even when an ignore rule matches them', () => {
  assert.ok(addArgs(['models/m/v1']).includes('--force'));
});

test('ref updates always carry the expected old value; "must not exist" is the empty string', () => {
  assert.deepEqual(updateRefArgs('HEAD', 'new', 'old', 'why'), ['update-ref', '-m', 'why', 'HEAD', 'new', 'old']);
  assert.equal(updateRefArgs('refs/tags/m@v1', 'new', MUST_NOT_EXIST, 'why').at(-1), '');
  assert.deepEqual(deleteRefArgs('refs/tags/m@v1', 'obj'), ['update-ref', '-d', 'refs/tags/m@v1', 'obj']);
});

test('commit-tree gets a parent only when HEAD exists', () => {
  assert.deepEqual(commitTreeArgs('t', 'p', '/m'), ['commit-tree', 't', '-p', 'p', '-F', '/m']);
  assert.deepEqual(commitTreeArgs('t', null, '/m'), ['commit-tree', 't', '-F', '/m']);
});

test('update-index gets one --cacheinfo per entry, commas in paths kept', () => {
  const args = updateIndexArgs([{ mode: '100644', oid: 'a'.repeat(40), path: 'x,y.bin' }, { mode: '100755', oid: 'b'.repeat(40), path: 'run.sh' }]);
  assert.deepEqual(args, ['update-index', '--add', '--cacheinfo', `100644,${'a'.repeat(40)},x,y.bin`, '--cacheinfo', `100755,${'b'.repeat(40)},run.sh`]);
});

test('tag object text has the header git requires and ends with a newline', () => {
  const text = tagObjectText({ object: 'f'.repeat(40), tag: 'm@v1', tagger: 'A <a@b> 1 +0000', message: 'hello' });
  assert.equal(text, `object ${'f'.repeat(40)}\ntype commit\ntag m@v1\ntagger A <a@b> 1 +0000\n\nhello\n`);
});

test('ls-files --stage -z output parses into stage-0 entries, including paths with tabs and newlines', () => {
  const oid = '0123456789abcdef0123456789abcdef01234567';
  const out = `100644 ${oid} 0\tmodels/m/v1/card.json\x00100644 ${oid} 0\todd\tname\nx\x00100644 ${oid} 2\tconflicted\x00`;
  assert.deepEqual(parseIndexEntries(out), [
    { mode: '100644', oid, path: 'models/m/v1/card.json' },
    { mode: '100644', oid, path: 'odd\tname\nx' },
  ]);
  assert.deepEqual(parseIndexEntries(''), []);
});

test('status --porcelain -z parses codes and skips the source of a rename', () => {
  const out = 'M  a.txt\x00R  new.txt\x00old.txt\x00?? models/m/aliases.jsonl\x00';
  assert.deepEqual(parseStatus(out), [
    { code: 'M ', path: 'a.txt' }, { code: 'R ', path: 'new.txt' }, { code: '??', path: 'models/m/aliases.jsonl' },
  ]);
});
