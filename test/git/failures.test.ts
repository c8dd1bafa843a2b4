// Half-way failures and races, simulated with real concurrent writers at the exact step where they
// hurt: the repository ends as before (or the message says exactly how to finish, and that works).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import { registerRun } from '../../server/src/core/registry/register';
import { RegistryError } from '../../server/src/core/registry/errors';
import { makeRun, sandbox, snapshot, type Sandbox } from './helpers';

/** Resolves for everyone once `count` callers have arrived: the racers all stop at the same step. */
function barrier(count: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((r) => { open = r; });
  return async () => {
    if (++arrived === count) open();
    await opened;
  };
}

function stageUserFile(s: Sandbox): string {
  writeFileSync(join(s.dir, 'notes.txt'), 'staged\n');
  s.git('add', 'notes.txt');
  writeFileSync(join(s.dir, 'notes.txt'), 'staged\nand edited\n');
  return s.git('rev-parse', ':notes.txt').trim();
}

function tagExists(s: Sandbox, tag: string): boolean {
  return s.git('tag', '--list', tag).trim() === tag;
}

test('tag creation fails (someone made the tag meanwhile): nothing of ours remains, their tag is untouched', async () => {
  const s = sandbox();
  try {
    makeRun(s.dir, 'run-1');
    stageUserFile(s);
    const before = snapshot(s);
    let theirs = '';
    await assert.rejects(registerRun({ workspace: s.dir, runId: 'run-1', model: 'churn', env: s.env, hooks: {
      beforeRefs: async () => { s.git('tag', 'churn@v1', 'HEAD'); theirs = s.git('rev-parse', 'churn@v1').trim(); },
    } }), (e: unknown) => e instanceof RegistryError && e.kind === 'conflict' && /Tag churn@v1 already exists.*Nothing was changed/.test(e.message));
    assert.deepEqual(snapshot(s), before);
    assert.equal(s.git('rev-parse', 'churn@v1').trim(), theirs);
    assert.equal(existsSync(join(s.dir, 'models')), false);
  } finally {
    s.cleanup();
  }
});

test('HEAD moves under us (the user commits meanwhile): our tag is undone, our files removed, their commit kept', async () => {
  const s = sandbox();
  try {
    makeRun(s.dir, 'run-1');
    let afterUserCommit = snapshot(s);
    await assert.rejects(registerRun({ workspace: s.dir, runId: 'run-1', model: 'churn', env: s.env, hooks: {
      beforeRefs: async () => {
        writeFileSync(join(s.dir, 'other.txt'), 'x\n');
        s.git('add', 'other.txt');
        s.git('commit', '-q', '-m', 'user work');
        afterUserCommit = snapshot(s, (p) => p.startsWith('models'));
      },
    } }), (e: unknown) => e instanceof RegistryError && e.kind === 'conflict' && /Another commit landed on main/.test(e.message));
    assert.deepEqual(snapshot(s), afterUserCommit);
    assert.equal(tagExists(s, 'churn@v1'), false, 'our tag was deleted again');
    assert.equal(s.git('log', '-1', '--format=%s').trim(), 'user work');
    assert.equal(existsSync(join(s.dir, 'models')), false);
  } finally {
    s.cleanup();
  }
});

test('the index is locked after the commit landed: the message says how to finish, and following it gives a clean state', async () => {
  const s = sandbox();
  try {
    makeRun(s.dir, 'run-1');
    const staged = stageUserFile(s);
    const ours = (p: string): boolean => p.startsWith('models');
    const before = snapshot(s, ours);
    const lock = join(s.dir, '.git', 'index.lock');
    let message = '';
    await assert.rejects(registerRun({ workspace: s.dir, runId: 'run-1', model: 'churn', env: s.env, hooks: {
      beforeRefs: async () => writeFileSync(lock, ''),
    } }), (e: unknown) => {
      message = (e as Error).message;
      return e instanceof RegistryError && e.kind === 'incomplete';
    });
    assert.match(message, /^Commit [0-9a-f]{7} was made, but updating git's index failed/);
    assert.equal(s.git('log', '-1', '--format=%s').trim(), 'model(churn): v1 from run run-1');
    assert.ok(tagExists(s, 'churn@v1'));
    rmSync(lock);
    const command = /\n {2}(git restore .*)$/.exec(message)?.[1];
    assert.ok(command, message);
    execSync(command, { cwd: s.dir, env: s.env });
    const after = snapshot(s, ours);
    assert.equal(after.status, before.status, 'only the user\'s own changes remain');
    assert.equal(after.index, before.index);
    assert.deepEqual(after.files, before.files);
    assert.equal(s.git('status', '--porcelain', '--', 'models').trim(), '');
    assert.equal(s.git('rev-parse', ':notes.txt').trim(), staged);
  } finally {
    s.cleanup();
  }
});

test('two registrations of one model racing for the same version: one wins, the other fails cleanly', async () => {
  const s = sandbox();
  try {
    makeRun(s.dir, 'run-1');
    makeRun(s.dir, 'run-2', { seed: 2 });
    const planned = barrier(2);
    const results = await Promise.allSettled(['run-1', 'run-2'].map((runId) =>
      registerRun({ workspace: s.dir, runId, model: 'churn', env: s.env, hooks: { afterPlan: planned } })));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost.length, 1);
    assert.ok(lost[0]!.reason instanceof RegistryError && lost[0]!.reason.kind === 'conflict', String(lost[0]!.reason));
    assert.match(lost[0]!.reason.message, /models\/churn\/v1 was just created by another registration/);
    assert.equal(s.git('status', '--porcelain').trim(), '');
    assert.deepEqual(s.git('tag').trim().split('\n'), ['churn@v1']);
  } finally {
    s.cleanup();
  }
});

test('two registrations of different models racing for the branch: one commit lands, the other undoes its tag and files', async () => {
  const s = sandbox();
  try {
    makeRun(s.dir, 'run-1');
    const ready = barrier(2);
    const results = await Promise.allSettled(['churn', 'upsell'].map((model) =>
      registerRun({ workspace: s.dir, runId: 'run-1', model, env: s.env, hooks: { beforeRefs: ready } })));
    const winner = results.findIndex((r) => r.status === 'fulfilled');
    const loser = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.notEqual(winner, -1);
    assert.ok(loser && loser.reason instanceof RegistryError && loser.reason.kind === 'conflict', String(loser?.reason));
    const [won, lost] = winner === 0 ? ['churn', 'upsell'] : ['upsell', 'churn'];
    assert.deepEqual(s.git('tag').trim().split('\n'), [`${won}@v1`]);
    assert.equal(existsSync(join(s.dir, 'models', lost)), false);
    assert.equal(s.git('status', '--porcelain').trim(), '');
    assert.equal(s.git('rev-list', '--count', 'HEAD').trim(), '2');
  } finally {
    s.cleanup();
  }
});
