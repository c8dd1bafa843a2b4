// Issue 11: a value outside an enum gets a quick fix to the closest allowed value, in specs and
// contracts alike (`type: mpl` offered only "suppress"), besides the suppress action.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { positionOf, tempExample } from '../helpers/workspace';

describe('quick fixes for values outside an enum, over stdio', () => {
  let client: LspTestClient;
  let ws: ReturnType<typeof tempExample>;
  before(async () => { ws = tempExample(); client = await LspTestClient.start(ws.dir); });
  after(async () => { await client.stop(); ws.cleanup(); });

  /** Opens `text` at `path`, and returns the diagnostic at `needle` and the actions offered for it. */
  async function fixesAt(path: string, text: string, needle: string, offset: number): Promise<{ d: Diagnostic; titles: string[]; actions: CodeAction[]; uri: string }> {
    const uri = client.open(path, text);
    const p = await client.diagnostics(uri);
    const at = positionOf(text, needle, offset);
    const d = p.diagnostics.find((x) => x.range.start.line === at.line && x.range.start.character <= at.character && at.character <= x.range.end.character);
    assert.ok(d, `a diagnostic at ${needle}: ${JSON.stringify(p.diagnostics)}`);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    return { d, titles: actions.map((a) => a.title), actions, uri };
  }

  const spec = () => readFileSync(join(ws.dir, 'mlops.yaml'), 'utf8');
  const contract = () => readFileSync(join(ws.dir, 'contracts/customers.odcs.yaml'), 'utf8');

  for (const [written, meant, key] of [['mpl', 'mlp', 'type'], ['binray', 'binary', 'task']] as const) {
    test(`spec: ${key}: ${written} is offered "${meant}" (letters swapped) and suppress`, async () => {
      const text = spec().replace(`${key}: ${meant}`, `${key}: ${written}`);
      const { titles, actions, uri, d } = await fixesAt(join(ws.dir, `${written}.mlops.yaml`), text, `${key}: ${written}`, key.length + 2);
      const fix = actions.find((a) => a.title === `Change to "${meant}"`);
      assert.ok(fix, titles.join(' | '));
      assert.deepEqual(fix.edit!.changes![uri], [{ range: d.range, newText: meant }]);
      assert.ok(titles.some((t) => t.startsWith('Suppress')), titles.join(' | '));
    });
  }

  for (const [written, meant] of [['int', 'integer'], ['strnig', 'string'], ['timestmap', 'timestamp']] as const) {
    test(`contract: logicalType: ${written} is offered "${meant}"`, async () => {
      const text = contract().replace(/(- name: age\n {8})logicalType: integer/, `$1logicalType: ${written}`);
      const { titles, actions, uri, d } = await fixesAt(join(ws.dir, `contracts/${written}.odcs.yaml`), text, `logicalType: ${written}`, 13);
      const fix = actions.find((a) => a.title === `Change to "${meant}"`);
      assert.ok(fix, titles.join(' | '));
      assert.deepEqual(fix.edit!.changes![uri], [{ range: d.range, newText: meant }]);
    });
  }
});
