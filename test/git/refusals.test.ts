// Every refusal of `register` in a real repository: a clear message, and nothing changed at all
// (status, index, HEAD and every file compared with before).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { registerRun, type RegisterOptions } from '../../server/src/core/registry/register';
import { RegistryError, type RegistryErrorKind } from '../../server/src/core/registry/errors';
import { headPaths, makeRun, sandbox, snapshot, type Sandbox } from './helpers';

async function expectRefusal(s: Sandbox, options: Partial<RegisterOptions>, kind: RegistryErrorKind, message: RegExp): Promise<void> {
  const before = snapshot(s);
  await assert.rejects(registerRun({ workspace: s.dir, runId: 'run-1', model: 'churn', env: s.env, ...options }), (e: unknown) => {
    assert.ok(e instanceof RegistryError, String(e));
    assert.equal(e.kind, kind);
    assert.match(e.message, message);
    return true;
  });
  assert.deepEqual(snapshot(s), before, 'nothing changed');
}

/** Two branches that both change README.md, so merging or rebasing one onto the other stops on a conflict. */
function conflictingBranches(s: Sandbox): void {
  s.git('checkout', '-q', '-b', 'other');
  writeFileSync(join(s.dir, 'README.md'), '# theirs\n');
  s.git('commit', '-q', '-am', 'theirs');
  s.git('checkout', '-q', 'main');
  writeFileSync(join(s.dir, 'README.md'), '# ours\n');
  s.git('commit', '-q', '-am', 'ours');
}

test('not a git repository: refuses and offers --init; with --init the repository is created and the version committed', async () => {
  const s = sandbox({ init: false });
  try {
    makeRun(s.dir, 'run-1');
    await expectRefusal(s, {}, 'refused', /is not in a git repository.*pass --init/s);
    assert.equal(existsSync(join(s.dir, '.git')), false, 'git init is never automatic');
    const r = await registerRun({ workspace: s.dir, runId: 'run-1', model: 'churn', env: s.env, init: true });
    assert.equal(r.initialized, true);
    assert.deepEqual(headPaths(s).filter((p) => !p.startsWith('models/churn/v1/')), []);
    assert.equal(s.git('rev-list', '--count', 'HEAD').trim(), '1');
  } finally {
    s.cleanup();
  }
});

test('merge in progress, rebase in progress and detached HEAD are refused', async () => {
  const s = sandbox();
  try {
    makeRun(s.dir, 'run-1');
    conflictingBranches(s);
    assert.throws(() => s.git('merge', '-q', 'other'));
    await expectRefusal(s, {}, 'refused', /a merge is in progress.*git merge --abort/);
    s.git('merge', '--abort');
    assert.throws(() => s.git('rebase', '-q', 'other'));
    await expectRefusal(s, {}, 'refused', /a rebase is in progress.*git rebase --abort/);
    s.git('rebase', '--abort');
    s.git('checkout', '-q', '--detach', 'HEAD');
    await expectRefusal(s, {}, 'refused', /HEAD is detached \(at [0-9a-f]{7}\).*git switch/);
  } finally {
    s.cleanup();
  }
});

test('an existing tag or an uncommitted version folder is refused, never overwritten', async () => {
  const s = sandbox();
  try {
    makeRun(s.dir, 'run-1');
    s.git('tag', '-a', 'churn@v1', '-m', 'someone else', 'HEAD');
    await expectRefusal(s, {}, 'refused', /tag churn@v1 already exists .*git tag -d churn@v1/);
    s.git('tag', '-d', 'churn@v1');
    mkdirSync(join(s.dir, 'models/churn/v1'), { recursive: true });
    writeFileSync(join(s.dir, 'models/churn/v1/notes.txt'), 'mine\n');
    await expectRefusal(s, {}, 'conflict', /models\/churn\/v1 already exists on disk but is not committed: another registration may be running/);
    assert.equal(readFileSync(join(s.dir, 'models/churn/v1/notes.txt'), 'utf8'), 'mine\n');
    s.git('add', 'models/churn/v1/notes.txt');
    rmSync(join(s.dir, 'models'), { recursive: true });
    await expectRefusal(s, {}, 'refused', /models\/churn\/v1 is staged in git's index but not committed: unstage it/);
  } finally {
    s.cleanup();
  }
});

test('runs that are not completed, missing, or failed their gates are refused; --force needs a reason and lands in the card', async () => {
  const s = sandbox();
  try {
    makeRun(s.dir, 'run-1', { status: 'running' });
    await expectRefusal(s, {}, 'refused', /cannot be registered: it is still running/);
    makeRun(s.dir, 'run-1', { status: 'failed' });
    await expectRefusal(s, {}, 'refused', /its status is "failed"/);
    await expectRefusal(s, { runId: 'nope' }, 'refused', /run "nope" not found in .*\.mlops\/runs\. List runs with "mlops runs"/);
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    makeRun(s.dir, 'run-1', { status: 'running', extra: { pid: gone, host: hostname() } });
    await expectRefusal(s, {}, 'refused', /run "run-1" cannot be registered: it was interrupted \(its process is gone\)/);
    writeFileSync(join(s.dir, '.mlops/runs/run-1/run.json'), '{"id": "run-1", ');
    await expectRefusal(s, {}, 'refused', /\.mlops\/runs\/run-1\/run\.json is not valid JSON .*restore it from a backup or delete the run folder/);
    makeRun(s.dir, 'run-1', { gates: [{ metric: 'auc', condition: '>= 0.9', value: 0.82, passed: false }] });
    await expectRefusal(s, {}, 'gates', /failed its gates \(auc >= 0\.9\).*--force "why"/);
    await expectRefusal(s, { force: ' ' }, 'refused', /--force needs a reason/);
    const r = await registerRun({ workspace: s.dir, runId: 'run-1', model: 'churn', env: s.env, force: 'baseline for the A/B test' });
    assert.deepEqual(r.forced, { reason: 'baseline for the A/B test', failedGates: ['auc >= 0.9'] });
    const card = JSON.parse(readFileSync(join(s.dir, 'models/churn/v1/card.json'), 'utf8'));
    assert.equal(card.forced.reason, 'baseline for the A/B test');
    assert.match(s.git('log', '-1', '--format=%B'), /forced: baseline for the A\/B test/);
  } finally {
    s.cleanup();
  }
});

test('without a committer identity nothing is written', async () => {
  const s = sandbox();
  try {
    makeRun(s.dir, 'run-1');
    writeFileSync(s.env.GIT_CONFIG_GLOBAL!, '[user]\n\tuseConfigOnly = true\n');
    await expectRefusal(s, {}, 'refused', /git does not know who you are.*git config user\.name/s);
  } finally {
    s.cleanup();
  }
});
