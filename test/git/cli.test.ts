// `mlops register`, `promote` and `models` through the CLI: output shapes, exit codes and messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cli, makeRun, sandbox } from './helpers';

test('register, promote and models speak JSON with the documented fields and exit 0', async () => {
  const s = sandbox();
  try {
    makeRun(s.dir, 'run-1');
    makeRun(s.dir, 'run-2', { seed: 3, metrics: { auc: 0.9, loss: 0.3 } });
    const ambiguous = await cli(s, 'register', 'run-', '--model', 'churn');
    assert.equal(ambiguous.code, 2);
    assert.match(ambiguous.err, /run id "run-" is ambiguous: run-1, run-2/);
    const reg = await cli(s, 'register', 'run-1', '--model', 'churn', '--format', 'json');
    assert.equal(reg.code, 0, reg.err);
    const r = JSON.parse(reg.out);
    assert.deepEqual(Object.keys(r).sort(), ['branch', 'commit', 'files', 'forced', 'initialized', 'model', 'path', 'runId', 'tag', 'version', 'warnings']);
    assert.equal(r.tag, 'churn@v1');
    const text = await cli(s, 'register', 'run-2', '--model', 'churn', '-m', 'lower loss');
    assert.match(text.out, /^Registered churn v2 from run run-2: commit [0-9a-f]{7} on main, tag churn@v2\n/);

    const pro = await cli(s, 'promote', 'churn', 'v2', 'production', '--reason', 'better', '--format', 'json');
    assert.equal(pro.code, 0, pro.err);
    assert.deepEqual(Object.keys(JSON.parse(pro.out)).sort(), ['alias', 'at', 'by', 'changed', 'commit', 'from', 'model', 'reason', 'tag', 'version', 'warnings']);

    const models = JSON.parse((await cli(s, 'models', '--format', 'json')).out);
    assert.equal(models.models.length, 1);
    const m = models.models[0];
    assert.deepEqual([m.name, m.path, m.latest, m.aliases], ['churn', 'models/churn', 2, { production: 2 }]);
    assert.deepEqual(m.versions.map((v: { version: number; aliases: string[]; runId: string; path: string }) => [v.version, v.aliases, v.runId, v.path]),
      [[1, [], 'run-1', 'models/churn/v1'], [2, ['production'], 'run-2', 'models/churn/v2']]);

    const history = JSON.parse((await cli(s, 'models', 'history', 'churn', '--format', 'json')).out);
    assert.deepEqual(history.history.map((e: { alias: string; version: number; reason: string }) => [e.alias, e.version, e.reason]), [['production', 2, 'better']]);
    const diff = JSON.parse((await cli(s, 'models', 'diff', 'churn', 'v1', 'v2', '--format', 'json')).out);
    assert.deepEqual(diff.changes.find((c: { key: string }) => c.key === 'metrics.auc'), { key: 'metrics.auc', from: 0.82, to: 0.9, delta: 0.08 });
    assert.equal((await cli(s, 'models', '--workspace', s.dir)).out.split('\n')[0], 'churn  (2 versions, models/churn/)');
  } finally {
    s.cleanup();
  }
});

test('exit codes: 2 for bad usage and states we must not touch, 1 for failed gates; messages without stack traces', async () => {
  const s = sandbox({ init: false });
  try {
    makeRun(s.dir, 'run-1', { gates: [{ metric: 'auc', condition: '>= 0.9', value: 0.82, passed: false }] });
    makeRun(s.dir, 'run-2');
    const usage = await cli(s, 'register');
    assert.equal(usage.code, 2);
    assert.match(usage.err, /expected one run id\nusage: mlops register <runId>/);
    const notRepo = await cli(s, 'register', 'run-2', '--model', 'churn');
    assert.equal(notRepo.code, 2);
    assert.match(notRepo.err, /^mlops register: .* is not in a git repository.*--init/);
    assert.doesNotMatch(notRepo.err, /\n\s+at /);
    const gates = await cli(s, 'register', 'run-1', '--model', 'churn', '--init');
    assert.equal(gates.code, 1);
    assert.match(gates.err, /failed its gates/);
    assert.equal(existsSync(join(s.dir, '.git')), false, 'refused before --init ran');
    assert.equal((await cli(s, 'register', 'run-2', '--lfs-threshold-mb', 'big')).code, 2);
    assert.equal((await cli(s, 'models', 'diff', 'churn', 'v1')).code, 2);
    assert.match((await cli(s, 'models', 'history', 'nope')).err, /no model "nope" is registered/);
    assert.match((await cli(s, 'promote', 'churn', 'v1', 'production')).err, /is not in a git repository/);
    s.env.PATH = join(s.dir, 'no-such-bin');
    const noGit = await cli(s, 'register', 'run-2', '--model', 'churn');
    assert.equal(noGit.code, 2);
    assert.match(noGit.err, /^mlops register: git could not be run \(spawn git ENOENT\)\. Install git/);
    assert.doesNotMatch(noGit.err, /\n\s+at /);
  } finally {
    s.cleanup();
  }
});

const cliJs = resolve('dist/cli.js');

test('two CLI processes registering at once: every outcome is clean (versions, tags and folders agree)', {
  skip: existsSync(cliJs) ? false : 'dist/cli.js is not built (npm run build)',
}, async () => {
  const s = sandbox();
  try {
    for (const id of ['run-1', 'run-2', 'run-3']) makeRun(s.dir, id);
    const run = (id: string): Promise<{ code: number; err: string }> => new Promise((done) => {
      const child = spawn(process.execPath, [cliJs, 'register', id, '--model', 'churn'], { cwd: s.dir, env: s.env });
      let err = '';
      child.stderr.on('data', (d) => { err += d; });
      child.on('close', (code) => done({ code: code ?? -1, err }));
    });
    const results = await Promise.all(['run-1', 'run-2', 'run-3'].map(run));
    const ok = results.filter((r) => r.code === 0).length;
    assert.ok(ok >= 1, JSON.stringify(results));
    for (const r of results.filter((x) => x.code !== 0)) {
      assert.equal(r.code, 1, r.err);
      assert.match(r.err, /nothing was changed/i);
    }
    const tags = s.git('tag').trim().split('\n').sort();
    assert.deepEqual(tags, Array.from({ length: ok }, (_, i) => `churn@v${i + 1}`));
    assert.equal(s.git('status', '--porcelain').trim(), '');
    for (const tag of tags) assert.equal(s.git('cat-file', '-t', `${tag}:models/churn/${tag.split('@')[1]}/card.json`).trim(), 'blob');
  } finally {
    s.cleanup();
  }
});
