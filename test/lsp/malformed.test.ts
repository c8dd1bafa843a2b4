import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { codes, LspTestClient } from '../helpers/lspClient';

/** Bytes from a seeded generator: binary junk that is the same on every run. */
function junk(n: number, seed = 7): string {
  let x = seed;
  let s = '';
  for (let i = 0; i < n; i++) { x = (x * 1103515245 + 12345) >>> 0; s += String.fromCharCode(x >>> 24); }
  return s;
}

const HEAD = 'apiVersion: mlops/v1\nkind: Pipeline\nmetadata: { name: odd }\ndata:\n  train: { path: t.csv }\n';

function bigSpec(bytes: number): string {
  const parts = [HEAD, 'stages:\n'];
  let size = parts.join('').length;
  for (let i = 0; size < bytes; i++) {
    const stage = `  stage_${i}:\n    cmd: python step.py --part ${i} --flag value-${'x'.repeat(20)}\n    needs: [${i ? `stage_${i - 1}` : ''}]\n`;
    parts.push(stage);
    size += stage.length;
  }
  return parts.join('');
}

const CONTRACT = 'apiVersion: v3.1.0\nkind: DataContract\nid: odd\nversion: 1.0.0\nstatus: active\n';

interface Case { name: string; text: string; expect: (c: string[]) => boolean; ext?: string }

const CONTRACT_CASES: Case[] = [
  { name: 'a contract of binary junk', text: junk(3000, 11), expect: (c) => c.length > 0, ext: 'odcs' },
  { name: 'an empty contract', text: '', expect: (c) => c.includes('odcs-schema'), ext: 'odcs' },
  { name: 'a contract with tabs and duplicate keys', text: CONTRACT + 'schema:\n\t- name: t\nid: again\n', expect: (c) => c.length > 0, ext: 'odcs' },
  { name: 'a contract with anchors and a stream', text: CONTRACT + 'x: &a { name: t }\nschema: [*a]\n---\nkind: x\n', expect: (c) => c.includes('odcs-schema') && c.includes('yaml-syntax'), ext: 'odcs' },
];

const CASES: Case[] = [
  { name: 'binary junk', text: junk(4000), expect: (c) => c.length > 0 },
  { name: 'an empty file', text: '', expect: (c) => c.includes('schema') },
  { name: 'tabs as indentation', text: HEAD + 'training:\n\tepochs: 3\n', expect: (c) => c.includes('yaml-syntax') },
  { name: 'anchors and aliases', text: HEAD + 'x-defaults: &d { cmd: run }\nstages:\n  a: *d\n  b: { <<: *d, needs: [a] }\n', expect: (c) => c.includes('schema') },
  { name: 'duplicate keys', text: HEAD + 'model: { type: mlp, task: binary }\nmodel: { type: linear, task: regression }\n', expect: (c) => c.includes('yaml-syntax') },
  { name: 'a stream of several documents', text: HEAD + '---\napiVersion: mlops/v1\n---\nkind: x\n', expect: (c) => c.includes('yaml-syntax') },
  { name: 'a 5 MB file', text: bigSpec(5 * 1024 * 1024), expect: (c) => c.includes('missing-file') },
];

describe('malformed input never crashes or hangs the server', () => {
  let client: LspTestClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mlops-odd-'));
    client = await LspTestClient.start(dir);
  });
  after(async () => { await client.stop(); rmSync(dir, { recursive: true, force: true }); });

  for (const c of [...CASES, ...CONTRACT_CASES]) {
    test(`${c.name}: diagnostics, and the server still answers`, async () => {
      const uri = client.open(join(dir, `${c.name.replace(/\W+/g, '-')}.${c.ext ?? 'mlops'}.yaml`), c.text);
      const p = await client.diagnostics(uri);
      assert.ok(c.expect(codes(p.diagnostics)), `codes: ${codes(p.diagnostics).join(', ')}`);
      for (const d of p.diagnostics) assert.ok(d.message.length > 0 && !/\n\s+at /.test(d.message), 'a message, never a stack trace');
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(Array.isArray(symbols));
      await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
      assert.equal(client.process.exitCode, null, 'server process alive');
    });
  }
});
