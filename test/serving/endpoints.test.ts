// `mlops serve` as a child process on a real registered model: every endpoint (checked against the
// official Open Inference Protocol schemas), the same numbers as `mlops predict`, every bad request
// answered 4xx without taking the server down, metrics and the prediction log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { csvHead, testRequestBody } from '../../client/src/serving/servingArgs';
import { mlops } from '../helpers/cli';
import { OIP_SKIP, oipValidator } from '../helpers/oip';
import { referenceModel } from '../helpers/referenceModel';
import { exampleRows, MODEL, servingWorkspace, startServe, v2Body, type ServeProcess, type ServingWorkspace } from '../helpers/serving';

let ws: ServingWorkspace;
let srv: ServeProcess;
const validate = oipValidator();

before(async () => {
  ws = await servingWorkspace(2);
  // The contract classifies `plan` as restricted: it must never reach the log in clear.
  const contract = join(ws.dir, 'contracts/customers.odcs.yaml');
  writeFileSync(contract, readFileSync(contract, 'utf8').replace('        description: Subscription tier.\n', '        description: Subscription tier.\n        classification: restricted\n'));
  appendFileSync(join(ws.dir, 'mlops.yaml'), 'serving:\n  maxBodyMB: 1\n');
  srv = await startServe(['--model', MODEL, '--workspace', ws.dir], ws.dir, ws.env);
});
after(async () => { await srv?.stop(); ws?.cleanup(); });

async function call(path: string, init?: RequestInit & { json?: unknown }): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(`${srv.url}${path}`, { ...init, ...(init?.json !== undefined ? { method: 'POST', body: JSON.stringify(init.json), headers: { 'content-type': 'application/json' } } : {}) });
  const text = await res.text();
  let body: unknown;
  try { body = JSON.parse(text); } catch { body = undefined; }
  return { status: res.status, body, text };
}

async function metrics(): Promise<string> {
  return (await call('/metrics')).text;
}

function series(text: string, name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (want.every((w) => line.includes(w))) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

test('the first stdout line says where it listens; health, server and model metadata follow the protocol', async (t) => {
  assert.match(srv.stdout[0]!, /^listening on http:\/\/127\.0\.0\.1:\d+$/);
  assert.deepEqual((await call('/v2/health/live')).status, 200);
  assert.deepEqual((await call('/v2/health/ready')).status, 200);
  const server = await call('/v2');
  const meta = await call(`/v2/models/${MODEL}`);
  assert.equal(meta.status, 200);
  assert.deepEqual(meta.body.versions, ['v1', 'v2']);
  assert.equal(meta.body.parameters.version, 'v1');
  // Datatypes come from the contract: integers INT64, decimals FP64, text BYTES.
  assert.deepEqual(meta.body.inputs.map((i: { name: string; datatype: string }) => `${i.name}:${i.datatype}`),
    ['age:INT64', 'tenure_months:INT64', 'plan:BYTES', 'contract_type:BYTES', 'monthly_charges:FP64', 'support_calls:INT64']);
  assert.deepEqual(meta.body.outputs.map((o: { name: string }) => o.name), ['prediction', 'label']);
  const ready = await call(`/v2/models/${MODEL}/ready`);
  assert.equal(ready.status, 200);
  assert.equal((await call(`/v2/models/${MODEL}/versions/v1/ready`)).status, 200);
  assert.equal((await call(`/v2/models/${MODEL}/versions/1`)).body.parameters.version, 'v1');
  assert.equal((await call(`/v1/models/${MODEL}`)).body.ready, true);
  if (!validate) return t.skip(OIP_SKIP);
  assert.equal(validate('metadata_server_response', server.body), '');
  assert.equal(validate('metadata_model_response', meta.body), '');
});

test('v2 and v1 answers carry exactly the numbers `mlops predict` writes for the same rows, and name the version', async (t) => {
  const r = mlops(['predict', '--model', MODEL, '--data', 'data/current.csv', '--out', 'batch.csv'], ws.dir);
  assert.equal(r.code, 0, r.stderr);
  const batch = parse(readFileSync(join(ws.dir, 'batch.csv'), 'utf8'), { columns: true }) as Array<{ prediction: string; label: string }>;
  const rows = exampleRows(ws.dir, 0, 50);
  const v2 = await call(`/v2/models/${MODEL}/infer`, { json: v2Body(rows, { id: 'req-7', parameters: { note: 'x' } }) });
  assert.equal(v2.status, 200, v2.text);
  assert.equal(v2.body.model_version, 'v1');
  assert.equal(v2.body.id, 'req-7');
  const [prediction, label] = v2.body.outputs;
  assert.deepEqual(prediction.shape, [50]);
  assert.equal(prediction.datatype, 'FP32');
  assert.deepEqual(prediction.data, batch.slice(0, 50).map((b) => Number(b.prediction)), 'bit for bit the batch numbers');
  assert.deepEqual(label.data, batch.slice(0, 50).map((b) => b.label));
  // One row at a time, at an explicit version, and through v1: still the same numbers.
  const one = await call(`/v2/models/${MODEL}/versions/v1/infer`, { json: v2Body(rows.slice(7, 8)) });
  assert.deepEqual(one.body.outputs[0].data, [Number(batch[7]!.prediction)]);
  const v1 = await call(`/v1/models/${MODEL}:predict`, { json: { instances: rows.slice(0, 5).map((x) => Object.fromEntries(['age', 'tenure_months', 'plan', 'contract_type', 'monthly_charges', 'support_calls'].map((k) => [k, x[k]]))) } });
  assert.equal(v1.status, 200, v1.text);
  assert.deepEqual(v1.body.predictions, batch.slice(0, 5).map((b) => Number(b.prediction)));
  assert.deepEqual(v1.body.labels, batch.slice(0, 5).map((b) => b.label));
  const onlyLabel = await call(`/v2/models/${MODEL}/infer`, { json: v2Body(rows.slice(0, 2), { outputs: [{ name: 'label' }] }) });
  assert.deepEqual(onlyLabel.body.outputs.map((o: { name: string }) => o.name), ['label']);
  if (!validate) return t.skip(OIP_SKIP);
  assert.equal(validate('inference_request', v2Body(rows)), '');
  assert.equal(validate('inference_response', v2.body), '');
});

test('the editor\'s Send Test Request (first rows of the current data, typed by the model\'s metadata) is answered like mlops predict', async () => {
  const meta = await call(`/v2/models/${MODEL}`);
  const { body, missing } = testRequestBody(meta.body.inputs, csvHead(readFileSync(join(ws.dir, 'data/current.csv'), 'utf8'), 5));
  assert.deepEqual(missing, []);
  const r = await call(`/v2/models/${MODEL}/infer`, { json: body });
  assert.equal(r.status, 200, r.text);
  const batch = parse(readFileSync(join(ws.dir, 'batch.csv'), 'utf8'), { columns: true }) as Array<{ prediction: string }>;
  assert.deepEqual(r.body.outputs[0].data, batch.slice(0, 5).map((b) => Number(b.prediction)));
});

const ROWS = () => exampleRows(ws.dir, 0, 3);
const withInput = (name: string, change: Record<string, unknown>) => {
  const body = v2Body(ROWS()) as { inputs: Array<Record<string, unknown>> };
  body.inputs = body.inputs.map((i) => (i.name === name ? { ...i, ...change } : i));
  return body;
};

const BAD: Array<{ what: string; path?: string; init: () => RequestInit; status: number; message: RegExp; reason: string }> = [
  { what: 'malformed JSON', init: () => ({ method: 'POST', body: '{"inputs": [' }), status: 400, message: /not valid JSON/, reason: 'malformed_json' },
  { what: 'a missing feature', init: () => ({ method: 'POST', body: JSON.stringify({ inputs: (v2Body(ROWS()) as { inputs: unknown[] }).inputs.slice(1) }) }), status: 400, message: /missing input "age"/, reason: 'missing_input' },
  { what: 'an unknown feature', init: () => ({ method: 'POST', body: JSON.stringify({ inputs: [...(v2Body(ROWS()) as { inputs: unknown[] }).inputs, { name: 'shoe_size', shape: [3], datatype: 'FP64', data: [1, 2, 3] }] }) }), status: 400, message: /input "shoe_size" is not a feature/, reason: 'unknown_input' },
  { what: 'a wrong datatype', init: () => ({ method: 'POST', body: JSON.stringify(withInput('age', { datatype: 'BYTES', data: ['30', '40', '50'] })) }), status: 400, message: /input "age": datatype BYTES does not fit a numeric column/, reason: 'wrong_datatype' },
  { what: 'an unsupported datatype', init: () => ({ method: 'POST', body: JSON.stringify(withInput('age', { datatype: 'FP16' })) }), status: 400, message: /datatype "FP16" is not supported/, reason: 'wrong_datatype' },
  { what: 'a non-numeric value', init: () => ({ method: 'POST', body: JSON.stringify(withInput('monthly_charges', { data: [20.5, 'lots', 30] })) }), status: 400, message: /input "monthly_charges" row 1: "lots" is not a number/, reason: 'bad_value' },
  { what: 'a missing value the model cannot fill', init: () => ({ method: 'POST', body: JSON.stringify(withInput('tenure_months', { data: [1, 2, null] })) }), status: 400, message: /input "tenure_months" row 2: is missing/, reason: 'bad_value' },
  { what: 'a shape that disagrees with the data', init: () => ({ method: 'POST', body: JSON.stringify(withInput('age', { shape: [4] })) }), status: 400, message: /shape \[4\] says 4 values but data has 3/, reason: 'shape_mismatch' },
  { what: 'inputs of different lengths', init: () => ({ method: 'POST', body: JSON.stringify(withInput('age', { shape: [2], data: [30, 40] })) }), status: 400, message: /inputs disagree on the number of rows/, reason: 'shape_mismatch' },
  { what: 'a 2-D shape', init: () => ({ method: 'POST', body: JSON.stringify(withInput('age', { shape: [1, 3], data: [[30, 40, 50]] })) }), status: 400, message: /is not a column/, reason: 'shape_mismatch' },
  { what: 'v1 with an unknown column', path: `/v1/models/${MODEL}:predict`, init: () => ({ method: 'POST', body: JSON.stringify({ instances: [{ ...ROWS()[0] }] }) }), status: 400, message: /instances\[0\]: "customer_id", .* are not features/, reason: 'unknown_input' },
  { what: 'an unknown model', path: '/v2/models/fraud/infer', init: () => ({ method: 'POST', body: JSON.stringify(v2Body(ROWS())) }), status: 404, message: /model "fraud" is not served here/, reason: 'not_found' },
  { what: 'a registered version that is not served', path: `/v2/models/${MODEL}/versions/v2/infer`, init: () => ({ method: 'POST', body: JSON.stringify(v2Body(ROWS())) }), status: 404, message: /v2 is registered but not served here \(served: v1\)/, reason: 'not_found' },
  { what: 'an unknown version', path: `/v2/models/${MODEL}/versions/v9/infer`, init: () => ({ method: 'POST', body: JSON.stringify(v2Body(ROWS())) }), status: 404, message: /v9 does not exist/, reason: 'not_found' },
  { what: 'a body over the limit', init: () => ({ method: 'POST', body: JSON.stringify({ inputs: [], pad: 'x'.repeat(1_200_000) }) }), status: 413, message: /larger than 1048576 bytes/, reason: 'too_large' },
  { what: 'GET on an inference endpoint', init: () => ({ method: 'GET' }), status: 405, message: /GET is not allowed here; use POST/, reason: 'method_not_allowed' },
  { what: 'an unknown path', path: '/v3/anything', init: () => ({ method: 'GET' }), status: 404, message: /no endpoint GET \/v3\/anything/, reason: 'not_found' },
];

test('every bad request is answered 4xx naming what is wrong (never 500), counted by reason, and the server keeps serving', async (t) => {
  const before = await metrics();
  for (const c of BAD) {
    await t.test(c.what, async () => {
      const r = await call(c.path ?? `/v2/models/${MODEL}/infer`, c.init());
      assert.equal(r.status, c.status, r.text);
      assert.match(r.body.error, c.message);
      if (validate) assert.equal(validate('inference_error_response', r.body), '');
    });
  }
  const afterText = await metrics();
  const reasons = [...new Set(BAD.map((c) => c.reason))];
  for (const reason of reasons) {
    const expected = BAD.filter((c) => c.reason === reason).length;
    assert.equal(series(afterText, 'mlops_request_errors_total', { reason }) - series(before, 'mlops_request_errors_total', { reason }), expected, reason);
  }
  assert.equal(series(afterText, 'mlops_requests_total', { code: '500' }), 0);
  assert.equal((await call('/v2/health/ready')).status, 200);
  const ok = await call(`/v2/models/${MODEL}/infer`, { json: v2Body(ROWS()) });
  assert.equal(ok.status, 200);
});

test('unknown categories are scored through the one-hot unknown bucket and counted per column', async () => {
  const before = series(await metrics(), 'mlops_unknown_category_total', { column: 'plan' });
  const rows = exampleRows(ws.dir, 10, 3).map((r) => ({ ...r, plan: 'platinum' }));
  const r = await call(`/v2/models/${MODEL}/infer`, { json: v2Body(rows) });
  assert.equal(r.status, 200, r.text);
  const ref = referenceModel(join(ws.dir, 'models', MODEL, 'v1', 'model'));
  r.body.outputs[0].data.forEach((p: number, i: number) => assert.ok(Math.abs(p - ref.score(rows[i]!)[0]!) < 5e-6));
  assert.equal(series(await metrics(), 'mlops_unknown_category_total', { column: 'plan' }) - before, 3);
});

test('/metrics is Prometheus text with every series of the contract', async () => {
  const text = await metrics();
  for (const name of ['mlops_requests_total', 'mlops_request_duration_seconds_bucket', 'mlops_predictions_total', 'mlops_prediction_bucket',
    'mlops_model_version_info', 'mlops_request_errors_total', 'mlops_unknown_category_total']) {
    assert.match(text, new RegExp(`^${name}\\{`, 'm'), name);
  }
  assert.match(text, /^# TYPE mlops_request_duration_seconds histogram$/m);
  assert.equal(series(text, 'mlops_model_version_info', { alias: 'production', version: 'v1' }), 1);
  assert.ok(series(text, 'mlops_predictions_total', { version: 'v1' }) >= 59);
});

test('SIGINT stops the server cleanly and the prediction log holds inputs, outputs, version and time, with restricted columns hashed', async () => {
  assert.equal(await srv.stop(), 0);
  const dir = join(ws.dir, '.mlops/serving', MODEL);
  const records = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l)));
  const requests = records.filter((r) => r.type === 'request');
  const first = requests.find((r) => r.rows === 50)!;
  assert.ok(first, 'the 50-row request is logged');
  assert.equal(first.version, 1);
  assert.equal(first.alias, 'production');
  assert.ok(Date.parse(first.t) > 0 && first.ms > 0);
  const rows = exampleRows(ws.dir, 0, 50);
  assert.deepEqual(first.inputs.age, rows.map((r) => r.age));
  assert.equal(first.outputs.prediction.length, 50);
  assert.ok(first.inputs.plan.every((v: string) => /^hmac:[0-9a-f]{16}$/.test(v)), 'plan is classified restricted');
  const text = records.map((r) => JSON.stringify(r)).join('\n');
  assert.doesNotMatch(text, /"(basic|standard|premium|platinum)"/, 'no plan value in clear anywhere');
  const errors = records.filter((r) => r.type === 'error');
  assert.equal(errors.length, BAD.length);
  assert.deepEqual(new Set(errors.map((e) => e.reason)), new Set(BAD.map((c) => c.reason)));
});
