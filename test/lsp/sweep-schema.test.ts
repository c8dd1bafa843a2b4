// The sweep section's tpe strategy, pruner and budget come to the editor from the schema: completion,
// hover and validation over a real stdio connection to dist/server.js.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CompletionItem, CompletionList, Hover } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { exampleSpecHead, positionOf, tempExample } from '../helpers/workspace';

const labels = (r: CompletionItem[] | CompletionList | null) => (Array.isArray(r) ? r : r?.items ?? []).map((i) => i.label);

const SPEC = `${exampleSpecHead('churn')}sweep:
  strategy: tpe
  metric: val_auc
  goal: maximize
  pruner:
    type: asha
    minEpochs: 1
  budget:
    trials: 20
  parameters:
    training.learningRate: { min: 0.0001, max: 0.1, scale: log }
`;

describe('sweep schema in the editor', () => {
  let client: LspTestClient;
  let ws: ReturnType<typeof tempExample>;
  before(async () => { ws = tempExample(); client = await LspTestClient.start(ws.dir); });
  after(async () => { await client.stop(); ws.cleanup(); });

  test('tpe, pruner and budget validate, complete and hover from the schema', async () => {
    const uri = client.open(join(ws.dir, 'sweep.mlops.yaml'), SPEC);
    const d = await client.diagnostics(uri);
    assert.deepEqual(d.diagnostics.filter((x) => x.severity === 1).map((x) => x.message), [], 'strategy tpe, pruner and budget are valid');
    const strategy = positionOf(SPEC, 'tpe');
    const values = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: strategy });
    assert.ok(labels(values).includes('tpe'), labels(values).join(', '));
    const budget = positionOf(SPEC, 'trials: 20');
    const keys = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: budget.line, character: 4 } });
    assert.ok(['maxEpochs', 'minutes'].every((k) => labels(keys).includes(k)), labels(keys).join(', '));
    const at = positionOf(SPEC, 'minEpochs');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: at.line, character: at.character + 2 } });
    assert.match(JSON.stringify(hover?.contents), /first rung/);
    const pr = positionOf(SPEC, 'pruner');
    const hover2 = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: pr.line, character: pr.character + 2 } });
    assert.match(JSON.stringify(hover2?.contents), /ASHA/);
  });
});
