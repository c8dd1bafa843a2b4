// Issue 11: completion in features.include offered columns already listed, the target and the primary
// key. Expected columns are read here from the contract with the `yaml` package, not from the engine.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { withCursor } from '../helpers/cursor';
import { LspTestClient } from '../helpers/lspClient';
import { tempExample } from '../helpers/workspace';

const labels = (r: CompletionItem[] | CompletionList | null) => (Array.isArray(r) ? r : r?.items ?? []).map((i) => i.label).sort();

describe('features.include completion over stdio', () => {
  let client: LspTestClient;
  let ws: ReturnType<typeof tempExample>;
  let columns: Array<{ name: string; primaryKey?: boolean }>;
  before(async () => {
    ws = tempExample();
    columns = parse(readFileSync(join(ws.dir, 'contracts/customers.odcs.yaml'), 'utf8')).schema[0].properties;
    client = await LspTestClient.start(ws.dir);
  });
  after(async () => { await client.stop(); ws.cleanup(); });

  const spec = () => readFileSync(join(ws.dir, 'mlops.yaml'), 'utf8');
  async function complete(name: string, marked: string): Promise<string[]> {
    const { text, position } = withCursor(marked);
    const uri = client.open(join(ws.dir, name), text);
    await client.diagnostics(uri);
    return labels(await client.request('textDocument/completion', { textDocument: { uri }, position }));
  }
  const expected = (listed: string[]) => columns
    .filter((c) => !c.primaryKey && c.name !== 'churned' && !listed.includes(c.name)).map((c) => c.name).sort();

  test('a flow list offers the columns not yet listed, without the target and the primary key', async () => {
    assert.ok(columns.some((c) => c.primaryKey), 'the example contract has a primary key');
    const got = await complete('flow.mlops.yaml', spec().replace(/include: \[[^\]]*\]/, 'include: [age, plan, |]'));
    assert.deepEqual(got, expected(['age', 'plan']));
    assert.ok(got.length > 0);
  });

  test('a block list does the same, and the word being typed is still offered', async () => {
    const got = await complete('block.mlops.yaml', spec().replace(/include: \[[^\]]*\]/, 'include:\n    - age\n    - regi|'));
    assert.deepEqual(got, expected(['age']));
    assert.ok(got.includes('region'), 'the word being typed counts as not listed');
  });

  test('the target and exclude lists still offer every column (only include leaves them out)', async () => {
    const got = await complete('target.mlops.yaml', spec().replace('target: churned', 'target: |'));
    assert.deepEqual(got, columns.map((c) => c.name).sort());
  });
});
