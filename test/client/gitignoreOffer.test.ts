// Issue 11: the example ships a .gitignore for run outputs, and the extension offers `.mlops/` to
// .gitignore only where git does not ignore it already. Decided by git itself on real repositories.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMlopsIgnore, mlopsIgnoreState, withIgnoreLine } from '../../client/src/jobs/gitignoreOffer';
import { EXAMPLE } from '../helpers/workspace';

const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const skip = spawnSync('git', ['--version']).status === 0 ? false : 'git is not installed';

function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-ignore-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('offered in a repository that does not ignore .mlops/; not after adding it, not outside a repository', { skip }, async () => {
  const t = tempDir();
  try {
    const outside = join(t.dir, 'plain');
    mkdirSync(outside);
    const repo = join(t.dir, 'repo');
    mkdirSync(join(repo, 'project', '.mlops', 'runs'), { recursive: true });
    git(repo, 'init', '-q');
    // A folder that is not in a repository (no parent of the temp folder is one) gets no offer.
    assert.equal(await mlopsIgnoreState(outside), 'not-a-repo');
    const project = join(repo, 'project');
    writeFileSync(join(project, '.gitignore'), 'node_modules/');
    assert.equal(await mlopsIgnoreState(project), 'not-ignored');
    const path = addMlopsIgnore(project);
    assert.equal(readFileSync(path, 'utf8').split('\n').filter((l) => l === '.mlops/').length, 1);
    assert.ok(readFileSync(path, 'utf8').startsWith('node_modules/\n'), 'the last line is ended, not joined');
    assert.equal(await mlopsIgnoreState(project), 'ignored');
    writeFileSync(join(project, '.mlops', 'runs', 'r.json'), '{}');
    assert.equal(git(repo, 'status', '--porcelain', '--untracked-files=all').includes('.mlops'), false, 'git no longer lists run files');
    addMlopsIgnore(project);
    assert.equal(readFileSync(path, 'utf8').split('\n').filter((l) => l === '.mlops/').length, 1, 'added once');
  } finally { t.cleanup(); }
});

test('an ignore anywhere git reads one counts: a parent folder, .git/info/exclude', { skip }, async () => {
  const t = tempDir();
  try {
    const sub = join(t.dir, 'a', 'b');
    mkdirSync(sub, { recursive: true });
    git(t.dir, 'init', '-q');
    writeFileSync(join(t.dir, '.gitignore'), '.mlops\n');
    assert.equal(await mlopsIgnoreState(sub), 'ignored');
    rmSync(join(t.dir, '.gitignore'));
    assert.equal(await mlopsIgnoreState(sub), 'not-ignored');
    writeFileSync(join(t.dir, '.git', 'info', 'exclude'), '**/.mlops/\n');
    assert.equal(await mlopsIgnoreState(sub), 'ignored');
    assert.equal(withIgnoreLine('.mlops\n'), '.mlops\n', 'the form without the slash counts as present');
  } finally { t.cleanup(); }
});

test('the example, as its own repository, keeps run outputs out of git and versions the spec, contract, data and registry', { skip }, async () => {
  const t = tempDir();
  try {
    const ws = join(t.dir, 'churn');
    cpSync(EXAMPLE, ws, { recursive: true, filter: (src) => !/[\/]\.mlops([\/]|$)/.test(src) });
    git(ws, 'init', '-q');
    assert.equal(await mlopsIgnoreState(ws), 'ignored', 'no offer in the example');
    // What a train, a sweep, a pipeline run and serving leave behind.
    for (const f of ['.mlops/runs/r1/run.json', '.mlops/cache/objects/ab', '.mlops/serving/m/predictions-1.jsonl', 'reports/metrics.json', 'artifacts/churn-best/model.json', 'lifecycle.mlops.lock', 'mlops.lock', 'serve.log', 'models/churn/v1/card.json']) {
      mkdirSync(join(ws, f, '..'), { recursive: true });
      writeFileSync(join(ws, f), '{}');
    }
    const untracked = git(ws, 'status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean).map((l) => l.slice(3)).sort();
    assert.deepEqual(untracked, ['.gitignore', 'contracts/customers.odcs.yaml', 'data/current.csv', 'data/train.csv', 'lifecycle.mlops.yaml',
      'mlops.yaml', 'models/churn/v1/card.json', 'scripts/generate-data.mjs'].sort());
  } finally { t.cleanup(); }
});
