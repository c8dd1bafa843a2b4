import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, Hover } from 'vscode-languageserver-types';
import { diskHost } from '../../../server/src/core/host';
import { createPipelineService } from '../../../server/src/core/pipeline/service';
import { schema, type JsonSchema } from '../../../server/src/core/pipeline/schema';
import { applyEdits, withCursor } from '../../helpers/cursor';
import { EXAMPLE } from '../../helpers/workspace';

const HEAD = 'apiVersion: mlops/v1\nkind: Pipeline\nmetadata: { name: t }\ndata:\n  train: { path: data/train.csv, contract: contracts/customers.odcs.yaml }\n';
const host = diskHost([EXAMPLE]);

function docOf(text: string) {
  const path = join(EXAMPLE, 'features-test.mlops.yaml');
  return { uri: pathToFileURL(path).toString(), path, text, version: 1 };
}

function complete(marked: string): string[] {
  const { text, position } = withCursor(marked);
  return createPipelineService().complete(docOf(text), position, host).map((i: CompletionItem) => i.label);
}

const COMPLETION: Array<[string, string, string[], string[]?]> = [
  ['top-level keys not yet written', HEAD + '|', ['features', 'model', 'training', 'stages'], ['data', 'kind']],
  ['keys of a nested object after a partial word', HEAD + 'training:\n  early|', ['earlyStopping', 'epochs']],
  ['keys inside a list item', HEAD + 'model:\n  type: mlp\n  layers:\n    - units: 3\n      |', ['activation', 'dropout']],
  ['enum values of a key', HEAD + 'training:\n  optimizer: |', ['adam', 'sgd', 'rmsprop']],
  ['columns for features.include items', HEAD + 'features:\n  target: churned\n  include:\n    - |', ['age', 'plan', 'region']],
  ['columns as transform keys', HEAD + 'features:\n  target: churned\n  transforms:\n    |', ['monthly_charges', 'plan']],
  ['transform names', HEAD + 'features:\n  target: churned\n  transforms:\n    plan: |', ['onehot', 'standardize', 'normalize', 'none']],
  ['metrics of the task for gates', HEAD + 'model: { type: linear, task: regression }\nevaluation:\n  gates:\n    |', ['rmse', 'mae', 'r2'], ['auc']],
  ['validation metrics for early stopping', HEAD + 'model: { type: mlp, task: binary }\ntraining:\n  earlyStopping:\n    monitor: |', ['val_loss', 'val_auc']],
  ['files under the spec folder', HEAD + 'stages:\n  s:\n    cmd: x\n    deps: [scripts/|', ['generate-data.mjs']],
  ['spec settings a sweep can vary', HEAD + 'model:\n  type: mlp\n  task: binary\n  layers: [{ units: 8 }, { dropout: 0.1 }]\nsweep:\n  parameters:\n    |',
    ['training.learningRate', 'training.batchSize', 'training.optimizer', 'model.layers[0].units', 'model.layers[1].dropout'], ['training.earlyStopping', 'model.layers[0].dropout']],
  ['schema objects of the linked contract', 'apiVersion: mlops/v1\nkind: Pipeline\ndata:\n  train:\n    path: data/train.csv\n    contract: contracts/customers.odcs.yaml\n    schema: |', ['customers']],
];

for (const [name, marked, include, exclude = []] of COMPLETION) {
  test(`completion: ${name}`, () => {
    const labels = complete(marked);
    for (const l of include) assert.ok(labels.includes(l), `${l} missing from ${labels.join(', ')}`);
    for (const l of exclude) assert.ok(!labels.includes(l), `${l} should not be offered`);
  });
}

test('hover on a key shows its schema description, type and default', () => {
  const { text, position } = withCursor(HEAD + 'training:\n  batch|Size: 32\n');
  const hover = createPipelineService().hover(docOf(text), position, host) as Hover;
  const value = (hover.contents as { value: string }).value;
  assert.match(value, /\*\*training\.batchSize\*\*/);
  assert.match(value, /Rows per gradient step/);
  assert.match(value, /Default: `64`/);
});

function fix(text: string, title: RegExp): string {
  const svc = createPipelineService();
  const doc = docOf(text);
  const diags = svc.validate(doc, host);
  const action = svc.codeActions!(doc, diags[0]!.range, diags, host).find((a) => title.test(a.title));
  assert.ok(action, `no action ${title} among ${svc.codeActions!(doc, diags[0]!.range, diags, host).map((a) => a.title).join(' | ')}`);
  return applyEdits(text, action.edit!.changes![doc.uri]!);
}

test('quick fix: remove an unknown key removes its whole line', () => {
  const text = HEAD + 'training:\n  epochs: 3\n  colour: blue\n  seed: 1\n';
  assert.equal(fix(text, /Remove the unknown key/), HEAD + 'training:\n  epochs: 3\n  seed: 1\n');
});

test('quick fix: add a missing required key under its parent', () => {
  const text = HEAD + 'model:\n  type: mlp\n';
  const fixed = fix(text, /Add the missing key "task"/);
  assert.equal(fixed, HEAD + 'model:\n  type: mlp\n  task: binary\n');
  assert.deepEqual(createPipelineService().validate(docOf(fixed), host), []);
});

test('quick fix: suppress on the line inserts a comment that silences exactly that finding', () => {
  const text = HEAD + 'features:\n  target: churnd\n';
  const fixed = fix(text, /Suppress "unknown-column" on this line/);
  assert.equal(fixed, HEAD + 'features:\n  # mlops-disable-next-line unknown-column\n  target: churnd\n');
  assert.deepEqual(createPipelineService().validate(docOf(fixed), host), []);
});

test('every property in the pipeline schema has a description', () => {
  const missing: string[] = [];
  const visit = (s: JsonSchema, path: string) => {
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      if (!v.description && !v.$ref) missing.push(`${path}.${k}`);
      visit(v, `${path}.${k}`);
    }
    if (s.items) visit(s.items, `${path}[]`);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') visit(s.additionalProperties, `${path}.*`);
  };
  visit(schema, '');
  for (const [name, def] of Object.entries(schema.$defs ?? {})) { if (!def.description) missing.push(`$defs.${name}`); visit(def, `$defs.${name}`); }
  assert.deepEqual(missing, []);
});
