// Shadow scoring and micro-batching, in process on a real registered model: the caller only ever
// sees the primary; agreement metrics match an independent computation; a full shadow queue drops
// (counted) instead of slowing the primary; concurrent requests share model calls with the same numbers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServingServer } from '../../server/src/core/serving/server';
import { referenceModel } from '../helpers/referenceModel';
import { exampleRows, MODEL, servingWorkspace, v2Body, type ServingWorkspace } from '../helpers/serving';
import { metricValue, post, startInProcess } from './inprocess';

let ws: ServingWorkspace;
const servers: ServingServer[] = [];

before(async () => { ws = await servingWorkspace(2); });
after(async () => { for (const s of servers) await s.close(0); ws?.cleanup(); });

const INFER = `/v2/models/${MODEL}/infer`;

test('with --shadow staging the caller sees only v1 while v2 scores the same rows; agreement matches an independent computation', async () => {
  const logDir = join(ws.dir, 'shadow-log');
  const server = await startInProcess(ws.dir, ws.env, {}, { shadow: 'staging', logDir });
  servers.push(server);
  const rows = exampleRows(ws.dir, 0, 200);
  for (let i = 0; i < 200; i += 50) {
    const r = await post(server, INFER, v2Body(rows.slice(i, i + 50)));
    assert.equal(r.status, 200);
    assert.equal(r.body.model_version, 'v1', 'only the primary answers');
  }
  await server.shadowQueue!.idle();
  const v1 = referenceModel(join(ws.dir, 'models', MODEL, 'v1', 'model'));
  const v2 = referenceModel(join(ws.dir, 'models', MODEL, 'v2', 'model'));
  let agree = 0, diff = 0;
  for (const row of rows) {
    const p1 = v1.score(row)[0]!, p2 = v2.score(row)[0]!;
    if ((p1 >= 0.5) === (p2 >= 0.5)) agree++;
    diff += Math.abs(p1 - p2);
  }
  const labels = { version: 'v1', shadow_version: 'v2' };
  const ratio = await metricValue(server, 'mlops_shadow_agreement_ratio', labels);
  assert.ok(Math.abs(ratio - agree / 200) <= 1 / 200, `agreement ${ratio} vs ${agree / 200}`);
  assert.ok(agree < 200, 'the two versions disagree on some rows (a real comparison)');
  assert.ok(Math.abs(await metricValue(server, 'mlops_shadow_mean_abs_diff', labels) - diff / 200) < 1e-5);
  assert.equal(await metricValue(server, 'mlops_shadow_predictions_total', { shadow_version: 'v2' }), 200);
  assert.equal(await metricValue(server, 'mlops_model_version_info', { alias: 'staging', version: 'v2' }), 1);
  await server.log.flush();
  const records = readdirSync(logDir).flatMap((f) => readFileSync(join(logDir, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l)));
  const requests = records.filter((r) => r.type === 'request');
  const shadows = records.filter((r) => r.type === 'shadow');
  assert.equal(requests.length, 4);
  assert.deepEqual(shadows.map((s) => s.id).sort(), requests.map((r) => r.id).sort(), 'each logged request has its shadow record');
  assert.ok(shadows.every((s) => s.version === 1 && s.shadowVersion === 2 && s.outputs.prediction.length === 50));
});

test('a full shadow queue drops shadow work (counted) while every primary request is answered', async () => {
  const server = await startInProcess(ws.dir, ws.env, { shadowQueue: 1, batchWindowMs: 0 }, { shadow: 'staging', logSample: 0 });
  servers.push(server);
  const body = v2Body(exampleRows(ws.dir, 0, 20));
  const answers = await Promise.all(Array.from({ length: 40 }, () => post(server, INFER, body)));
  assert.ok(answers.every((a) => a.status === 200 && a.body.model_version === 'v1'));
  await server.shadowQueue!.idle();
  const dropped = await metricValue(server, 'mlops_shadow_dropped_total');
  const scored = await metricValue(server, 'mlops_shadow_predictions_total');
  assert.ok(dropped > 0, 'some shadow work was dropped');
  assert.equal(dropped, server.shadowQueue!.dropped);
  assert.equal(scored / 20 + dropped, 40, 'every request was either shadowed or counted as dropped');
});

test('concurrent requests share model calls (at most maxBatch rows each) and get the same numbers as unbatched scoring', async () => {
  const batched = await startInProcess(ws.dir, ws.env, { maxBatch: 16, batchWindowMs: 50 }, { logSample: 0 });
  const single = await startInProcess(ws.dir, ws.env, { maxBatch: 1 }, { logSample: 0 });
  servers.push(batched, single);
  const rows = exampleRows(ws.dir, 300, 40);
  const viaBatch = await Promise.all(rows.map((r) => post(batched, INFER, v2Body([r]))));
  const alone = await Promise.all(rows.map((r) => post(single, INFER, v2Body([r]))));
  assert.deepEqual(viaBatch.map((a) => a.body.outputs[0].data[0]), alone.map((a) => a.body.outputs[0].data[0]), 'bit for bit');
  const calls = await metricValue(batched, 'mlops_batch_rows_count');
  assert.equal(await metricValue(batched, 'mlops_batch_rows_sum'), 40);
  assert.ok(calls < 40, `40 requests in ${calls} model calls`);
  assert.equal(await metricValue(batched, 'mlops_batch_rows_bucket', { le: '16' }), calls, 'no call above maxBatch');
  assert.equal(await metricValue(single, 'mlops_batch_rows_count'), 40, 'maxBatch 1: one call per request');
});
