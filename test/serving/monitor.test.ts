// `mlops monitor` on real prediction logs: traffic drawn from the training data (no drift, "ok") and
// the same rows shifted (input and prediction drift, "retrain"); its drift section is exactly what
// `mlops drift` reports on the log folder; prediction drift is re-derived here from the definitions.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServingServer } from '../../server/src/core/serving/server';
import { mlops } from '../helpers/cli';
import { exampleRows, MODEL, servingWorkspace, v2Body, type ServingWorkspace } from '../helpers/serving';
import { post, startInProcess } from './inprocess';

let ws: ServingWorkspace;
const served = { plain: [] as number[], shifted: [] as number[] };

function shift(row: Record<string, unknown>): Record<string, unknown> {
  return { ...row, age: Math.min(100, Number(row.age) + 25), tenure_months: 1, monthly_charges: Number(row.monthly_charges) * 1.8, support_calls: Number(row.support_calls) + 5, contract_type: 'monthly' };
}

async function traffic(server: ServingServer, rows: Array<Record<string, unknown>>, sink: number[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 50) {
    const r = await post(server, `/v2/models/${MODEL}/infer`, v2Body(rows.slice(i, i + 50)));
    assert.equal(r.status, 200);
    sink.push(...r.body.outputs[0].data);
  }
  // Two refusals, which the log keeps and monitor counts.
  await post(server, `/v2/models/${MODEL}/infer`, { inputs: 'nope' });
  await post(server, `/v2/models/${MODEL}/versions/v7/infer`, v2Body(rows.slice(0, 1)));
}

before(async () => {
  ws = await servingWorkspace(2);
  const rows = exampleRows(ws.dir, 0, 1500, 'data/train.csv');
  for (const [name, data] of [['plain', rows], ['shifted', rows.map(shift)]] as const) {
    const server = await startInProcess(ws.dir, ws.env, {}, { shadow: 'staging', logDir: join(ws.dir, 'logs', name) });
    await traffic(server, data, served[name]);
    await server.shadowQueue!.idle();
    await server.close(0);
  }
});
after(() => ws?.cleanup());

function monitor(name: string, extra: string[] = []): { code: number; report: any; stderr: string } {
  const r = mlops(['monitor', '--spec', 'mlops.yaml', '--log-dir', `logs/${name}`, '--format', 'json', ...extra], ws.dir);
  return { code: r.code, report: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

/** PSI from its definition: sum over bins of (c - r) ln(c / r), empty bins as 1e-4. */
function psiByHand(reference: number[], current: number[]): number {
  const rs = reference.reduce((a, b) => a + b, 0), cs = current.reduce((a, b) => a + b, 0);
  return reference.reduce((sum, r, i) => {
    const p = Math.max(r / rs, 1e-4), q = Math.max(current[i]! / cs, 1e-4);
    return sum + (q - p) * Math.log(q / p);
  }, 0);
}

function binsByHand(edges: number[], values: number[]): number[] {
  const counts = new Array(edges.length + 1).fill(0);
  for (const v of values) counts[edges.filter((e) => e < v).length]++;
  return counts;
}

test('traffic like the training data: no input or prediction drift, recommendation ok, every section filled', () => {
  const { code, report } = monitor('plain', ['--fail-on-drift']);
  assert.equal(code, 0);
  assert.equal(report.model, MODEL);
  assert.deepEqual(Object.keys(report).slice(0, 10), ['model', 'window', 'versions', 'servingVersion', 'drift', 'predictionDrift', 'shadow', 'latency', 'errors', 'recommendation']);
  assert.equal(report.window.requests, 30);
  assert.equal(report.window.rows, 1500);
  assert.deepEqual(report.versions.map((v: { version: number; requests: number }) => [v.version, v.requests]), [[1, 30]]);
  assert.equal(report.drift.datasetDrift, false, JSON.stringify(report.drift.features.map((f: { name: string; statistic: number }) => [f.name, f.statistic])));
  assert.equal(report.predictionDrift.drifted, false);
  assert.equal(report.recommendation, 'ok');
  assert.equal(report.errors.total, 2);
  assert.deepEqual(report.errors.byReason, { missing_input: 1, not_found: 1 });
  assert.ok(report.latency.p50Ms > 0 && report.latency.p99Ms >= report.latency.p50Ms);
  assert.equal(report.shadow.pairs[0].version, 1);
  assert.equal(report.shadow.pairs[0].shadowVersion, 2);
  assert.equal(report.shadow.rows, 1500);
  assert.equal(report.shadow.coverage, 1);
});

test('shifted traffic: input drift and prediction drift, recommendation retrain, --fail-on-drift exits 1', () => {
  const { code, report } = monitor('shifted', ['--fail-on-drift']);
  assert.equal(code, 1);
  assert.equal(report.recommendation, 'retrain');
  assert.equal(report.drift.datasetDrift, true);
  assert.equal(report.predictionDrift.drifted, true);
  assert.equal(report.reasons.length, 2);
  // Prediction drift re-derived: the card's validation bins against the served predictions, binned by hand.
  const card = JSON.parse(readFileSync(join(ws.dir, 'models', MODEL, 'v1', 'card.json'), 'utf8'));
  const saved = card.validationPredictions;
  assert.deepEqual(report.predictionDrift.current.counts, binsByHand(saved.edges, served.shifted));
  assert.ok(Math.abs(report.predictionDrift.psi - psiByHand(saved.counts, binsByHand(saved.edges, served.shifted))) < 1e-12);
  const mean = served.shifted.reduce((a, b) => a + b, 0) / served.shifted.length;
  assert.ok(Math.abs(report.predictionDrift.current.mean - mean) < 1e-12);
});

test('the drift section is exactly the report `mlops drift --current <log folder>` gives', () => {
  const { report } = monitor('shifted');
  const drift = mlops(['drift', '--spec', 'mlops.yaml', '--reference', 'data/train.csv', '--current', 'logs/shifted', '--format', 'json'], ws.dir);
  assert.equal(drift.code, 0, drift.stderr);
  assert.deepEqual(report.drift, JSON.parse(drift.stdout));
});

test('validation predictions saved at training: every validation row binned at its deciles', () => {
  const run = JSON.parse(readFileSync(join(ws.dir, '.mlops/runs', ws.runs[0]!, 'run.json'), 'utf8'));
  const card = JSON.parse(readFileSync(join(ws.dir, 'models', MODEL, 'v1', 'card.json'), 'utf8'));
  assert.deepEqual(card.validationPredictions, run.validationPredictions);
  const d = card.validationPredictions;
  assert.equal(d.kind, 'probability');
  assert.equal(d.rows, run.rows.validation);
  assert.equal(d.counts.reduce((a: number, b: number) => a + b, 0), d.rows);
  assert.ok(d.edges.every((e: number, i: number) => i === 0 || e > d.edges[i - 1]));
  for (const c of d.counts) assert.ok(Math.abs(c / d.rows - 0.1) < 0.02, `decile bins hold about a tenth each (${c})`);
});

test('--since limits the window; an empty window or a missing log is said plainly', () => {
  const future = monitor('plain', ['--since', '2999-01-01T00:00:00Z']);
  assert.equal(future.code, 0);
  assert.equal(future.report.window.requests, 0);
  assert.equal(future.report.recommendation, 'ok');
  assert.match(future.report.notes.join(' '), /no request was logged in the window/);
  const missing = mlops(['monitor', '--spec', 'mlops.yaml', '--log-dir', 'logs/none'], ws.dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /logs\/none: no prediction log folder here/);
  const bad = mlops(['monitor', '--spec', 'mlops.yaml', '--since', 'yesterday'], ws.dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--since must be a duration such as 30m/);
  const text = mlops(['monitor', '--spec', 'mlops.yaml', '--log-dir', 'logs/shifted'], ws.dir);
  assert.match(text.stdout, /recommendation RETRAIN/);
  assert.match(text.stdout, /shadow v2 beside v1: 1500 rows, label agreement/);
  const html = mlops(['monitor', '--spec', 'mlops.yaml', '--log-dir', 'logs/shifted', '--format', 'html'], ws.dir);
  assert.match(html.stdout, /<h1>Monitoring: churn-classifier<\/h1>/);
  assert.doesNotMatch(html.stdout, /<script/);
});

test('data.feedback: the serving version measured on labelled rows exactly as `mlops evaluate` does; labels that turned against the model fail its gate and recommend retraining', () => {
  // Labelled rows the model did not train on, and the same rows with every outcome reversed.
  const lines = readFileSync(join(ws.dir, 'data/current.csv'), 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const target = header.indexOf('churned');
  assert.ok(target >= 0, 'the example data carries its outcome column');
  const flip = (line: string) => line.split(',').map((v, i) => (i === target ? String(1 - Number(v)) : v)).join(',');
  writeFileSync(join(ws.dir, 'data/feedback.csv'), `${lines.join('\n')}\n`);
  writeFileSync(join(ws.dir, 'data/feedback-reversed.csv'), `${[lines[0], ...lines.slice(1).map(flip)].join('\n')}\n`);
  const spec = readFileSync(join(ws.dir, 'mlops.yaml'), 'utf8');
  const withFeedback = (file: string) => spec.replace(/^data:\n/m, `data:\n  feedback: { path: ${file} }\n`);
  writeFileSync(join(ws.dir, 'feedback.mlops.yaml'), withFeedback('data/feedback.csv'));
  writeFileSync(join(ws.dir, 'reversed.mlops.yaml'), withFeedback('data/feedback-reversed.csv'));

  const good = mlops(['monitor', '--spec', 'feedback.mlops.yaml', '--log-dir', 'logs/plain', '--format', 'json'], ws.dir);
  assert.equal(good.code, 0, good.stderr);
  const quality = JSON.parse(good.stdout).quality;
  const evaluated = mlops(['evaluate', '--model', `${MODEL}@v1`, '--data', 'data/feedback.csv', '--format', 'json'], ws.dir);
  assert.equal(evaluated.code, 0, evaluated.stderr);
  const reference = JSON.parse(evaluated.stdout);
  assert.equal(quality.version, 1, 'v1 answered the logged requests');
  assert.deepEqual(quality.metrics, reference.metrics);
  assert.deepEqual(quality.data, reference.data);
  assert.deepEqual(quality.gates, reference.gates);
  assert.equal(JSON.parse(good.stdout).recommendation, 'ok');

  const reversed = mlops(['monitor', '--spec', 'reversed.mlops.yaml', '--log-dir', 'logs/plain', '--format', 'json', '--fail-on-drift'], ws.dir);
  const report = JSON.parse(reversed.stdout);
  // Reversing every label mirrors the ranking: AUC becomes 1 - AUC (same scores, same ties).
  assert.ok(Math.abs(report.quality.metrics.auc - (1 - quality.metrics.auc)) < 1e-9, `${report.quality.metrics.auc} vs 1 - ${quality.metrics.auc}`);
  assert.equal(report.quality.gates.find((g: { metric: string }) => g.metric === 'auc').passed, false);
  assert.equal(report.recommendation, 'retrain');
  assert.match(report.reasons.join('\n'), /quality on data\/feedback-reversed\.csv: auc 0\.\d+ fails >= 0\.75/);
  assert.equal(reversed.code, 1, 'a failing quality gate fails the check like drift does');
  const text = mlops(['monitor', '--spec', 'reversed.mlops.yaml', '--log-dir', 'logs/plain'], ws.dir);
  assert.match(text.stdout, /quality \(v1 on data\/feedback-reversed\.csv, \d+ labelled rows\): .*auc 0\.\d+.*; gates: auc >= 0\.75 FAILED/);
});

test('data.feedback naming a file that is not there yet is a note, not a failure', () => {
  const spec = readFileSync(join(ws.dir, 'mlops.yaml'), 'utf8').replace(/^data:\n/m, 'data:\n  feedback: { path: data/labels-later.csv }\n');
  writeFileSync(join(ws.dir, 'later.mlops.yaml'), spec);
  const r = mlops(['monitor', '--spec', 'later.mlops.yaml', '--log-dir', 'logs/plain', '--format', 'json'], ws.dir);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.quality, null);
  assert.match(report.notes.join('\n'), /feedback file data\/labels-later\.csv .* does not exist yet/);
});
