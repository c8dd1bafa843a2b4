// Issue 11: `npm run demo` wrote a run into examples/churn/.mlops of the clone. It works in a copy:
// a temporary one (removed) or a named, new --out folder (kept); the example is left as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { demoWorkspace } from '../../server/src/cli/demo/workspace';
import { mlops } from '../helpers/cli';
import { EXAMPLE } from '../helpers/workspace';

/** Every file under a folder with its size and modification time: what "left as it was" means. */
function listing(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else { const s = statSync(p); out[relative(dir, p)] = `${s.size}:${s.mtimeMs}`; }
    }
  };
  walk(dir);
  return out;
}

test('the demo copies the example without its runs, git data or packages; a temporary copy is removed, a named one kept', () => {
  const base = mkdtempSync(join(tmpdir(), 'mlops-demo-ws-'));
  try {
    const source = join(base, 'churn');
    mkdirSync(join(source, '.mlops', 'runs', 'r1'), { recursive: true });
    mkdirSync(join(source, 'node_modules', 'x'), { recursive: true });
    mkdirSync(join(source, 'data'));
    writeFileSync(join(source, 'mlops.yaml'), 'kind: Pipeline\n');
    writeFileSync(join(source, 'data', 'train.csv'), 'a\n1\n');
    writeFileSync(join(source, '.mlops', 'runs', 'r1', 'run.json'), '{}');
    const temp = demoWorkspace(source, undefined, false);
    assert.deepEqual(Object.keys(listing(temp.dir)).sort(), ['data/train.csv', 'mlops.yaml']);
    temp.dispose();
    assert.equal(existsSync(temp.dir), false, 'the temporary copy is removed');

    const out = join(base, 'out');
    const named = demoWorkspace(source, out, false);
    assert.equal(named.dir, out);
    named.dispose();
    assert.equal(readFileSync(join(out, 'mlops.yaml'), 'utf8'), 'kind: Pipeline\n', 'a named copy is kept');
    assert.throws(() => demoWorkspace(source, out, false), /--out .* is not empty; name a new or empty folder/);
  } finally { rmSync(base, { recursive: true, force: true }); }
});

test('mlops demo refuses a non-empty --out with exit 2 before touching anything, and the example is left as it was', () => {
  const before = listing(EXAMPLE);
  const base = mkdtempSync(join(tmpdir(), 'mlops-demo-out-'));
  try {
    writeFileSync(join(base, 'keep.txt'), 'mine');
    const r = mlops(['demo', EXAMPLE, '--out', base], base);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /is not empty/);
    assert.deepEqual(readdirSync(base), ['keep.txt']);
    assert.deepEqual(listing(EXAMPLE), before);
  } finally { rmSync(base, { recursive: true, force: true }); }
});
