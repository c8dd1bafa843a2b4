// Promotions in real repositories: aliases.jsonl is appended and committed alone, <name>#<alias>
// follows the holder, and refusals or lost races change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerRun } from '../../server/src/core/registry/register';
import { promoteVersion, type PromoteOptions } from '../../server/src/core/registry/promote';
import { aliasHistory, listModels } from '../../server/src/core/registry/catalog';
import { RegistryError } from '../../server/src/core/registry/errors';
import { headPaths, makeRun, sandbox, snapshot, type Sandbox } from './helpers';

async function withTwoVersions(run: (s: Sandbox) => Promise<void>): Promise<void> {
  const s = sandbox();
  try {
    makeRun(s.dir, 'run-1');
    makeRun(s.dir, 'run-2', { seed: 2, metrics: { auc: 0.86, loss: 0.35 } });
    await registerRun({ workspace: s.dir, runId: 'run-1', model: 'churn', env: s.env });
    await registerRun({ workspace: s.dir, runId: 'run-2', model: 'churn', env: s.env });
    await run(s);
  } finally {
    s.cleanup();
  }
}

const promote = (s: Sandbox, version: string, alias: string, extra: Partial<PromoteOptions> = {}) =>
  promoteVersion({ workspace: s.dir, model: 'churn', version, alias, env: s.env, ...extra });

test('promoting moves the alias, records who/when/from/why and commits only aliases.jsonl', () => withTwoVersions(async (s) => {
  writeFileSync(join(s.dir, 'notes.txt'), 'staged\n');
  s.git('add', 'notes.txt');
  const v1 = s.git('rev-parse', 'churn@v1^{commit}').trim();
  const v2 = s.git('rev-parse', 'churn@v2^{commit}').trim();

  const first = await promote(s, 'v1', 'production', { reason: 'first release', now: () => new Date('2025-03-01T00:00:00Z') });
  assert.equal(first.from, null);
  assert.deepEqual(headPaths(s), ['models/churn/aliases.jsonl']);
  assert.equal(s.git('rev-parse', 'churn#production^{commit}').trim(), v1);
  const second = await promote(s, '2', 'production', { reason: 'better auc' });
  assert.equal(second.from, 1);
  assert.equal(s.git('rev-parse', 'churn#production^{commit}').trim(), v2);
  assert.equal(s.git('log', '-1', '--format=%s').trim(), 'model(churn): production -> v2 (from v1)');

  assert.deepEqual(aliasHistory(s.dir, 'churn').map((e) => [e.alias, e.from, e.version, e.by, e.reason]), [
    ['production', null, 1, 'Test User <test@example.com>', 'first release'],
    ['production', 1, 2, 'Test User <test@example.com>', 'better auc'],
  ]);
  assert.equal(aliasHistory(s.dir, 'churn')[0]!.at, '2025-03-01T00:00:00.000Z');
  assert.deepEqual(listModels(s.dir)[0]!.aliases, { production: 2 });
  assert.equal(s.git('status', '--porcelain').trim(), 'A  notes.txt', 'the user\'s staged file is still staged, nothing else changed');

  const again = await promote(s, 'v2', 'production');
  assert.equal(again.changed, false);
  assert.equal(again.commit, null);
}));

test('unknown versions, bad aliases and an edited aliases.jsonl are refused without changing anything', () => withTwoVersions(async (s) => {
  await promote(s, 'v1', 'production');
  const refuse = async (version: string, alias: string, message: RegExp): Promise<void> => {
    const before = snapshot(s);
    const tags = s.git('show-ref', '--tags');
    await assert.rejects(promote(s, version, alias), (e: unknown) => e instanceof RegistryError && e.kind === 'refused' && message.test(e.message));
    assert.deepEqual(snapshot(s), before);
    assert.equal(s.git('show-ref', '--tags'), tags);
  };
  await refuse('v3', 'production', /churn v3 is not registered \(registered versions: v1, v2\)/);
  await refuse('latest', 'production', /"latest" is not a version/);
  await refuse('v2', 'Production', /not a valid alias/);
  const file = join(s.dir, 'models/churn/aliases.jsonl');
  writeFileSync(file, `${readFileSync(file, 'utf8')}{"hand": "edited"}\n`);
  await refuse('v2', 'staging', /models\/churn\/aliases\.jsonl has uncommitted changes \(M\)/);
  s.git('add', file);
  await refuse('v2', 'staging', /aliases\.jsonl has uncommitted changes/);
}));

test('two promotions racing: one lands, the other changes nothing (file, tag and branch as the winner left them)', () => withTwoVersions(async (s) => {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((r) => { open = r; });
  const ready = async (): Promise<void> => { if (++arrived === 2) open(); await opened; };
  const results = await Promise.allSettled([promote(s, 'v1', 'production', { hooks: { beforeRefs: ready } }),
    promote(s, 'v2', 'production', { hooks: { beforeRefs: ready } })]);
  const won = results.find((r) => r.status === 'fulfilled');
  const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  assert.ok(won && won.status === 'fulfilled');
  assert.ok(lost && lost.reason instanceof RegistryError && lost.reason.kind === 'conflict', String(lost?.reason));
  const holder = won.value.version;
  assert.equal(s.git('rev-parse', 'churn#production^{commit}').trim(), s.git('rev-parse', `churn@v${holder}^{commit}`).trim());
  assert.deepEqual(aliasHistory(s.dir, 'churn').map((e) => e.version), [holder]);
  assert.equal(s.git('status', '--porcelain').trim(), '');
}));
