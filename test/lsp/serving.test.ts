// The `serving:` block in the language server over stdio: completion and hover from the schema, and
// the unknown-serving-alias warning against the registry next to the spec.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionItem, CompletionList, Hover } from 'vscode-languageserver-protocol';
import { codes, LspTestClient } from '../helpers/lspClient';
import { positionOf, tempExample } from '../helpers/workspace';

const labels = (r: CompletionItem[] | CompletionList | null) => (Array.isArray(r) ? r : r?.items ?? []).map((i) => i.label);

let client: LspTestClient;
let ws: ReturnType<typeof tempExample>;

before(async () => {
  ws = tempExample();
  mkdirSync(join(ws.dir, 'models/churn-classifier'), { recursive: true });
  writeFileSync(join(ws.dir, 'models/churn-classifier/aliases.jsonl'),
    `${JSON.stringify({ alias: 'production', version: 1, from: null, by: 'T', at: '2025-01-01T00:00:00.000Z', reason: null })}\n`);
  client = await LspTestClient.start(ws.dir);
});
after(async () => { await client.stop(); ws.cleanup(); });

const SPEC = ['apiVersion: mlops/v1', 'kind: Pipeline', 'metadata: { name: s }', 'data:', '  train: { path: data/train.csv }',
  'registry:', '  model: churn-classifier', 'serving:', '  alias: production', '  shadow: stagin', '  batchWindowMs: 2', '  '].join('\n');

test('completion under serving: offers its keys with their documentation; hover explains them', async () => {
  const uri = client.open(join(ws.dir, 'serve.mlops.yaml'), SPEC);
  await client.diagnostics(uri);
  const items = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 11, character: 2 } });
  const keys = labels(items);
  for (const k of ['maxBatch', 'port', 'host', 'log', 'maxBodyMB', 'pollMs']) assert.ok(keys.includes(k), `${k} in ${keys.join(',')}`);
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(SPEC, 'batchWindowMs', 3) });
  assert.match(JSON.stringify(hover.contents), /How long a request waits for others to share its model call/);
});

test('an alias the registry does not have is a warning with a did-you-mean; a known one is clean', async () => {
  const uri = client.open(join(ws.dir, 'alias.mlops.yaml'), SPEC.replace('batchWindowMs: 2\n  ', 'batchWindowMs: 2'));
  const { diagnostics } = await client.diagnostics(uri);
  assert.deepEqual(codes(diagnostics), ['unknown-serving-alias']);
  assert.equal(diagnostics[0]!.range.start.line, 9);
  assert.match(diagnostics[0]!.message, /serving.shadow "stagin" names no version of churn-classifier \(its aliases: production \(v1\)\); promote one first/);
});
