// `evaluation.fairness` in the language server over stdio: completion and hover of the fairness
// metrics with their definitions, contract columns for `sensitive`, and the two diagnostics
// (unknown-column for a sensitive column the contract lacks, sensitive-feature-used for an input).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CompletionItem, CompletionList, Hover } from 'vscode-languageserver-protocol';
import { codes, LspTestClient } from '../helpers/lspClient';
import { positionOf, tempExample } from '../helpers/workspace';

const items = (r: CompletionItem[] | CompletionList | null) => (Array.isArray(r) ? r : r?.items ?? []);

let client: LspTestClient;
let ws: ReturnType<typeof tempExample>;
before(async () => { ws = tempExample(); client = await LspTestClient.start(ws.dir); });
after(async () => { await client.stop(); ws.cleanup(); });

const SPEC = [
  'apiVersion: mlops/v1', 'kind: Pipeline', 'metadata: { name: f }',
  'data:', '  train: { path: data/train.csv, contract: contracts/customers.odcs.yaml, schema: customers }',
  'features:', '  target: churned', '  include: [age, tenure_months, plan]',
  'model: { type: logistic, task: binary }',
  'evaluation:', '  fairness:', '    sensitive: [region, age, gender]', '    bins: { age: [30, 45, 60] }',
  '    metrics: [selection_rate, equalized_odds_ratio]', '    gates:', '      demographic_parity_difference: "<= 0.1"', '      ',
].join('\n');

test('diagnostics: a sensitive column the contract lacks is unknown-column; one that is a model input is sensitive-feature-used', async () => {
  const uri = client.open(join(ws.dir, 'fair.mlops.yaml'), SPEC);
  const { diagnostics } = await client.diagnostics(uri);
  assert.deepEqual(codes(diagnostics).sort(), ['sensitive-feature-used', 'unknown-column']);
  const used = diagnostics.find((d) => d.code === 'sensitive-feature-used')!;
  assert.deepEqual(used.range.start, positionOf(SPEC, 'age, gender'));
  assert.equal(used.severity, 2);
  assert.match(used.message, /Sensitive column "age" is also listed in features\.include/);
  const unknown = diagnostics.find((d) => d.code === 'unknown-column')!;
  assert.deepEqual(unknown.range.start, positionOf(SPEC, 'gender'));
  assert.match(unknown.message, /evaluation\.fairness\.sensitive names "gender"/);
});

test('completion: fairness gate keys (summary metrics, with definitions), metric names, contract columns for sensitive', async () => {
  const uri = client.open(join(ws.dir, 'complete.mlops.yaml'), SPEC);
  await client.diagnostics(uri);
  const gates = items(await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 16, character: 6 } }));
  const gateLabels = gates.map((i) => i.label);
  for (const k of ['demographic_parity_ratio', 'equalized_odds_difference', 'equalized_odds_ratio']) assert.ok(gateLabels.includes(k), `${k} in ${gateLabels.join(',')}`);
  assert.ok(!gateLabels.includes('selection_rate') && !gateLabels.includes('mae_difference'), 'only summary metrics of a binary task gate');
  const ratio = gates.find((i) => i.label === 'demographic_parity_ratio')!;
  assert.match(JSON.stringify(ratio.documentation), /Smallest divided by largest selection rate/);
  const metricsLine = SPEC.split('\n')[13]!;
  const metrics = items(await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 13, character: metricsLine.indexOf('selection_rate') } }));
  const metricLabels = metrics.map((i) => i.label);
  for (const k of ['true_positive_rate', 'auc', 'demographic_parity_difference']) assert.ok(metricLabels.includes(k), `${k} in ${metricLabels.join(',')}`);
  const sensitiveLine = SPEC.split('\n')[11]!;
  const columns = items(await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 11, character: sensitiveLine.indexOf('region') } }));
  assert.ok(columns.map((i) => i.label).includes('region'));
});

test('hover: a fairness metric shows its definition; a gate key too', async () => {
  const uri = client.open(join(ws.dir, 'hover.mlops.yaml'), SPEC);
  await client.diagnostics(uri);
  const onMetric = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(SPEC, 'equalized_odds_ratio', 3) });
  assert.match(JSON.stringify(onMetric.contents), /The smaller of the true-positive-rate ratio and the false-positive-rate ratio/);
  const onGate = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(SPEC, 'demographic_parity_difference:', 3) });
  assert.match(JSON.stringify(onGate.contents), /Largest minus smallest selection rate/);
});
