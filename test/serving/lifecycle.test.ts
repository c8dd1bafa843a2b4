// Following the alias, in process: a request waiting in the old version's batch finishes on it while
// newer ones go to the new version; a tag moved by git and a `git pull` in a clone are both followed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promoteVersion } from '../../server/src/core/registry/promote';
import type { ServingServer } from '../../server/src/core/serving/server';
import { referenceModel } from '../helpers/referenceModel';
import { exampleRows, MODEL, servingWorkspace, v2Body, type ServingWorkspace } from '../helpers/serving';
import { post, startInProcess } from './inprocess';

let ws: ServingWorkspace;
const servers: ServingServer[] = [];

before(async () => { ws = await servingWorkspace(2); });
after(async () => { for (const s of servers) await s.close(0); ws?.cleanup(); });

const INFER = `/v2/models/${MODEL}/infer`;

test('a request waiting in v1\'s batch when the alias moves is answered by v1; the next one by v2; v1 is freed after it', async () => {
  // A 4-row request waits for the (long) window; a 5-row one fills a batch and goes at once.
  const server = await startInProcess(ws.dir, ws.env, { batchWindowMs: 600_000, maxBatch: 5 });
  servers.push(server);
  const rows = exampleRows(ws.dir, 0, 5);
  const old = server.primary.current!;
  const waiting = post(server, INFER, v2Body(rows.slice(0, 4)));
  while (old.busy === 0) await new Promise((r) => setTimeout(r, 5));
  await promoteVersion({ workspace: ws.dir, model: MODEL, version: 'v2', alias: 'production', env: ws.env });
  await server.primary.check();
  assert.equal(server.primary.current!.version, 2, 'swapped');
  const next = post(server, INFER, v2Body(rows));
  const [a, b] = await Promise.all([waiting, next]);
  assert.equal(a.status, 200);
  assert.equal(a.body.model_version, 'v1');
  assert.equal(b.body.model_version, 'v2');
  const v1 = referenceModel(join(ws.dir, 'models', MODEL, 'v1', 'model'));
  const v2 = referenceModel(join(ws.dir, 'models', MODEL, 'v2', 'model'));
  rows.forEach((row, i) => {
    if (i < 4) assert.ok(Math.abs(a.body.outputs[0].data[i] - v1.score(row)[0]!) < 5e-6, 'v1 numbers');
    assert.ok(Math.abs(b.body.outputs[0].data[i] - v2.score(row)[0]!) < 5e-6, 'v2 numbers');
  });
  assert.equal(old.busy, 0);
});

test('an alias tag moved by git alone (no aliases.jsonl change) is followed when it is the newer promotion', async () => {
  const server = servers[0]!;
  // Tag dates have one-second resolution: make sure the tag is newer than the promotion above.
  await new Promise((r) => setTimeout(r, 1100));
  const v1Commit = ws.git('rev-parse', `${MODEL}@v1^{commit}`).trim();
  ws.git('tag', '-f', '-a', `${MODEL}#production`, v1Commit, '-m', 'rolled back by hand');
  await server.primary.check();
  assert.equal(server.primary.current!.version, 1);
  // Five rows fill this server's batch (maxBatch 5), so the answer does not wait for its long window.
  assert.equal((await post(server, INFER, v2Body(exampleRows(ws.dir, 0, 5)))).body.model_version, 'v1');
});

test('a `git pull` that brings a promotion into a clone swaps the clone\'s server', async () => {
  await new Promise((r) => setTimeout(r, 1100));
  await promoteVersion({ workspace: ws.dir, model: MODEL, version: 'v1', alias: 'production', reason: 'before the clone', env: ws.env });
  const clone = join(ws.dir, '..', 'clone');
  execFileSync('git', ['clone', '-q', ws.dir, clone], { env: ws.env });
  const server = await startInProcess(clone, ws.env);
  servers.push(server);
  assert.equal(server.primary.current!.version, 1);
  await new Promise((r) => setTimeout(r, 1100));
  await promoteVersion({ workspace: ws.dir, model: MODEL, version: 'v2', alias: 'production', reason: 'pull test', env: ws.env });
  await server.primary.check();
  assert.equal(server.primary.current!.version, 1, 'nothing moves before the pull');
  // A plain pull fast-forwards aliases.jsonl but leaves the clone's existing tag where it was.
  execFileSync('git', ['pull', '-q', '--ff-only'], { cwd: clone, env: ws.env });
  await server.primary.check();
  assert.equal(server.primary.current!.version, 2);
  assert.deepEqual(server.primary.events.map((e) => e.event), ['loaded', 'swapped']);
});

test('an alias moved to a version that cannot be loaded keeps the old one serving and says why', async () => {
  const server = servers[0]!;
  const serving = server.primary.current!.version;
  // Point the alias at a version whose folder is missing from this checkout.
  const { appendFileSync } = await import('node:fs');
  appendFileSync(join(ws.dir, 'models', MODEL, 'aliases.jsonl'), `${JSON.stringify({ alias: 'production', version: 9, from: serving, by: 'test', at: new Date(Date.now() + 60_000).toISOString(), reason: null })}\n`);
  await server.primary.check();
  assert.equal(server.primary.current!.version, serving);
  const failed = server.primary.events.at(-1)!;
  assert.equal(failed.event, 'load-failed');
  assert.match(failed.error!, /v9 is not in this workspace/);
  assert.equal((await post(server, INFER, v2Body(exampleRows(ws.dir, 0, 5)))).status, 200);
});
