import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CodeLens, CompletionItem, CompletionList, DocumentSymbol, Hover, Location } from 'vscode-languageserver-protocol';
import { codes, LspTestClient } from '../helpers/lspClient';
import { positionOf, tempExample } from '../helpers/workspace';

const labels = (r: CompletionItem[] | CompletionList | null) => (Array.isArray(r) ? r : r?.items ?? []).map((i) => i.label);

describe('language server over stdio', () => {
  let client: LspTestClient;
  let ws: ReturnType<typeof tempExample>;
  let specPath: string;
  let spec: string;

  before(async () => {
    ws = tempExample();
    specPath = join(ws.dir, 'mlops.yaml');
    spec = readFileSync(specPath, 'utf8');
    client = await LspTestClient.start(ws.dir);
  });
  after(async () => { await client.stop(); ws.cleanup(); });

  test('the example spec opens with no diagnostics', async () => {
    const uri = client.open(specPath, spec);
    const p = await client.diagnostics(uri);
    assert.deepEqual(p.diagnostics, []);
  });

  test('an edit that breaks the spec is reported with its code and range, and fixing it clears it', async () => {
    const uri = pathToFileURL(specPath).toString();
    const pos = positionOf(spec, 'target: churned', 8);
    const v = client.change(uri, { start: pos, end: { line: pos.line, character: pos.character + 7 } }, 'churnd');
    const broken = await client.diagnosticsForVersion(uri, v);
    assert.deepEqual(codes(broken.diagnostics), ['unknown-column']);
    assert.deepEqual(broken.diagnostics[0]!.range, { start: pos, end: { line: pos.line, character: pos.character + 6 } });
    assert.match(broken.diagnostics[0]!.message, /Did you mean "churned"/);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: broken.diagnostics[0]!.range, context: { diagnostics: broken.diagnostics } });
    const fix = actions.find((a) => a.title === 'Change to "churned"');
    assert.ok(fix, `quick fix offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.edit!.changes![uri]![0]!.newText, 'churned');
    assert.ok(actions.some((a) => a.title.startsWith('Suppress "unknown-column" on this line')));
    const v2 = client.change(uri, { start: pos, end: { line: pos.line, character: pos.character + 6 } }, 'churned');
    assert.deepEqual((await client.diagnosticsForVersion(uri, v2)).diagnostics, []);
  });

  test('completion offers schema keys, enum values, stage names, contract columns and file paths', async () => {
    const dir = ws.dir;
    const text = [
      'apiVersion: mlops/v1', 'kind: Pipeline', 'metadata: { name: t }',
      'data:', '  train: { path: data/train.csv, contract: contracts/customers.odcs.yaml }', '  current: { path: data/ }',
      'stages:', '  a: { cmd: x }', '  b:', '    cmd: y', '    needs: [', 'features:', '  target: churned', '  include: [ag',
      'model:', '  type: ', 'training:', '  ep',
    ].join('\n');
    const uri = client.open(join(dir, 'completion.mlops.yaml'), text);
    await client.diagnostics(uri);
    const at = (line: number, character: number) => client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    assert.ok(labels(await at(17, 4)).includes('epochs'), 'training keys');
    assert.deepEqual(labels(await at(15, 8)).sort(), ['linear', 'logistic', 'mlp']);
    assert.deepEqual(labels(await at(10, 11)).sort(), ['a', 'b']);
    const cols = labels(await at(13, 14));
    assert.ok(cols.includes('age') && cols.includes('monthly_charges'), `columns: ${cols.join(',')}`);
    const files = labels(await at(5, 24));
    assert.ok(files.includes('train.csv') && files.includes('current.csv'), `files: ${files.join(',')}`);
  });

  test('hover explains keys from the schema and columns from the contract', async () => {
    const uri = pathToFileURL(specPath).toString();
    const onKey = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(spec, 'validationSplit', 2) });
    assert.match(JSON.stringify(onKey.contents), /held out for validation/);
    const onColumn = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(spec, 'monthly_charges', 3) });
    assert.match(JSON.stringify(onColumn.contents), /Amount billed per month/);
    assert.match(JSON.stringify(onColumn.contents), /number/);
  });

  test('go to definition leads from a column to its contract property and from a path to the file', async () => {
    const uri = pathToFileURL(specPath).toString();
    const col = await client.request<Location>('textDocument/definition', { textDocument: { uri }, position: positionOf(spec, 'tenure_months', 2) });
    assert.equal(col.uri, pathToFileURL(join(ws.dir, 'contracts/customers.odcs.yaml')).toString());
    const contractText = readFileSync(join(ws.dir, 'contracts/customers.odcs.yaml'), 'utf8');
    assert.equal(col.range.start.line, positionOf(contractText, 'name: tenure_months').line);
    const file = await client.request<Location>('textDocument/definition', { textDocument: { uri }, position: positionOf(spec, 'data/train.csv', 3) });
    assert.equal(file.uri, pathToFileURL(join(ws.dir, 'data/train.csv')).toString());
  });

  test('outline lists the sections and the stages; CodeLenses sit above training, sweep, monitoring, registry and stages', async () => {
    const uri = pathToFileURL(specPath).toString();
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['apiVersion', 'kind', 'metadata', 'data', 'stages', 'features', 'model', 'training', 'sweep', 'evaluation', 'monitoring', 'registry']);
    assert.deepEqual(symbols.find((s) => s.name === 'stages')!.children!.map((c) => c.name), ['generate']);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(lenses.map((l) => l.command!.title), ['Train', 'Run Sweep', 'Check Drift', 'Serve Model', 'Run stage']);
    assert.equal(lenses[0]!.range.start.line, positionOf(spec, '\ntraining:', 1).line);
  });

  test('editing the linked contract re-validates the pipeline that uses it', async () => {
    const contractPath = join(ws.dir, 'contracts/customers.odcs.yaml');
    const contractText = readFileSync(contractPath, 'utf8');
    const specUri = pathToFileURL(specPath).toString();
    const contractUri = client.open(contractPath, contractText);
    const pos = positionOf(contractText, 'name: support_calls', 6);
    const pending = client.diagnostics(specUri, (p) => codes(p.diagnostics).includes('unknown-column'));
    client.change(contractUri, { start: pos, end: { line: pos.line, character: pos.character + 13 } }, 'calls_to_support');
    const p = await pending;
    assert.ok(p.diagnostics.every((d) => d.code === 'unknown-column'));
    assert.equal(p.diagnostics.length, 2, 'include and transforms both name support_calls');
  });
});
