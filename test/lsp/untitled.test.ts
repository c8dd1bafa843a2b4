// Issue 11, bug 5: an inferred contract opens unsaved, and a spec may be pasted into a new editor;
// both are untitled documents (`untitled:Untitled-1`) and must get diagnostics like saved files,
// recognised by their content (apiVersion and kind) since they have no file name yet.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { mlops } from '../helpers/cli';
import { codes, LspTestClient } from '../helpers/lspClient';
import { tempExample } from '../helpers/workspace';

describe('untitled documents over stdio', () => {
  let client: LspTestClient;
  let ws: ReturnType<typeof tempExample>;
  before(async () => { ws = tempExample(); client = await LspTestClient.start(ws.dir); });
  after(async () => { await client.stop(); ws.cleanup(); });

  const openUntitled = (uri: string, text: string): Promise<PublishDiagnosticsParams> => {
    const published = client.diagnostics(uri);
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return published;
  };

  test('an inferred contract, untitled, is validated as a contract: clean as inferred, its mistakes reported', async () => {
    const inferred = mlops(['contract', 'infer', '--data', 'data/current.csv', '--name', 'current'], ws.dir);
    assert.equal(inferred.code, 0, inferred.stderr);
    assert.deepEqual((await openUntitled('untitled:Untitled-1', inferred.stdout)).diagnostics, [], 'an inferred contract is valid');
    const broken = inferred.stdout.replace(/logicalType: integer/, 'logicalType: int');
    assert.notEqual(broken, inferred.stdout);
    const p = await openUntitled('untitled:Untitled-2', broken);
    assert.ok(p.diagnostics.length > 0, 'the invalid logicalType is reported');
    assert.match(p.diagnostics.map((d) => d.message).join('\n'), /int/);
  });

  test('an untitled pipeline spec gets the same diagnostics as the saved file', async () => {
    const spec = readFileSync(join(ws.dir, 'mlops.yaml'), 'utf8').replace('target: churned', 'target: churnd');
    const saved = await (async () => {
      const uri = client.open(join(ws.dir, 'broken.mlops.yaml'), spec);
      return client.diagnostics(uri);
    })();
    assert.ok(codes(saved.diagnostics).includes('unknown-column'));
    // Relative paths resolve from the workspace root, where Save puts it: no missing-file follow-ons.
    const untitled = await openUntitled('untitled:Untitled-3', spec);
    assert.deepEqual(codes(untitled.diagnostics), codes(saved.diagnostics));
    assert.deepEqual(untitled.diagnostics.map((d) => d.range), saved.diagnostics.map((d) => d.range));
  });

  test('plain YAML in an untitled editor is left alone', async () => {
    assert.deepEqual((await openUntitled('untitled:Untitled-4', 'name: x\nitems: [1, 2]\n')).diagnostics, []);
  });
});
