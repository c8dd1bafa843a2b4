import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionItem, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { codes, LspTestClient } from '../helpers/lspClient';
import { positionOf, tempExample } from '../helpers/workspace';

describe('data contracts over stdio', () => {
  let client: LspTestClient;
  let ws: ReturnType<typeof tempExample>;
  let path: string;
  let text: string;
  before(async () => {
    ws = tempExample();
    path = join(ws.dir, 'contracts/customers.odcs.yaml');
    text = readFileSync(path, 'utf8');
    client = await LspTestClient.start(ws.dir);
  });
  after(async () => { await client.stop(); ws.cleanup(); });

  test('the example contract is clean; a broken one gets standard and semantic diagnostics on the right lines', async () => {
    const uri = client.open(path, text);
    assert.deepEqual((await client.diagnostics(uri)).diagnostics, []);
    const pos = positionOf(text, 'minimum: 18', 9);
    const v = client.change(uri, { start: pos, end: { line: pos.line, character: pos.character + 2 } }, '180');
    const p = await client.diagnosticsForVersion(uri, v);
    assert.deepEqual(codes(p.diagnostics), ['odcs-options-contradict']);
    assert.ok(Math.abs(p.diagnostics[0]!.range.start.line - pos.line) <= 1, `near line ${pos.line + 1}`);
    const v2 = client.change(uri, { start: pos, end: { line: pos.line, character: pos.character + 3 } }, '18');
    assert.deepEqual((await client.diagnosticsForVersion(uri, v2)).diagnostics, []);
  });

  test('completion, hover and outline work in a contract', async () => {
    const uri = client.open(join(ws.dir, 'contracts/new.odcs.yaml'), 'apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: active\nschema:\n  - name: t\n    properties:\n      - name: a\n        logicalType: \n');
    await client.diagnostics(uri);
    const items = await client.request<CompletionItem[] | { items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: { line: 9, character: 21 } });
    const labels = (Array.isArray(items) ? items : items.items).map((i) => i.label);
    assert.ok(labels.includes('integer') && labels.includes('string'), labels.join(','));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 10 } });
    assert.ok(JSON.stringify(hover.contents).length > 20);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: client.open(path + '.copy.odcs.yaml', text) } });
    assert.ok(JSON.stringify(symbols).includes('monthly_charges'));
  });
});
