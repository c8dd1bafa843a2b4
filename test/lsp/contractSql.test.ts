// SQL quality rules (issue 12 item 7): the editor, `mlops validate` and `mlops check` agree, because all
// three ask DuckDB's parser. `payload->>'status'` (DuckDB's JSON operator) and the ecosystem's ${model}
// placeholder are valid; a misspelt keyword is not, in all three, with the same words. The editor
// publishes its first diagnostics without waiting for DuckDB and adds the SQL verdicts when it has them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mlops } from '../helpers/cli';
import { LspTestClient } from '../helpers/lspClient';
import { tempDir, writeIn } from '../unit/contract/helpers';

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: events
version: 1.0.0
status: active
schema:
  - name: events
    properties:
      - name: id
        logicalType: integer
      - name: payload
        logicalType: object
    quality:
      - type: sql
        query: SELECT count(*) FROM \${model} WHERE payload->>'status' = 'failed'
        mustBe: 0
      - type: sql
        query: SELECT count(*) FROM {model} WHERE payload->>'status' IS NULL
        mustBe: 1
      - type: sql
        query: SELEC count(*) FROM {model}
        mustBe: 0
`;

const BROKEN_LINE = CONTRACT.split('\n').findIndex((l) => l.includes('SELEC count'));

const dir = tempDir();

describe('sql rules: editor, validate and check agree', () => {
  let client: LspTestClient;
  before(async () => {
    writeIn(dir, 'events.odcs.yaml', CONTRACT);
    writeIn(dir, 'events.ndjson', '{"id": 1, "payload": {"status": "ok"}}\n{"id": 2, "payload": {"status": "retry"}}\n{"id": 3, "payload": {}}\n');
    client = await LspTestClient.start(dir);
  });
  after(async () => { await client.stop(); });

  test('editor: first diagnostics come without DuckDB; then only the misspelt query is flagged', async () => {
    const uri = client.open(join(dir, 'events.odcs.yaml'), CONTRACT);
    const first = await client.diagnostics(uri);
    assert.deepEqual(first.diagnostics, [], 'the keystroke path does not wait for the parser');
    const settled = await client.diagnostics(uri, (p) => p.diagnostics.length > 0, true);
    assert.deepEqual(settled.diagnostics.map((d) => [d.range.start.line, d.range.start.character, String(d.code), d.message]), [
      [BROKEN_LINE, CONTRACT.split('\n')[BROKEN_LINE]!.indexOf('SELEC'), 'odcs-sql-syntax', 'SQL does not parse: Syntax error at or near "SELEC"'],
    ]);
  });

  test('mlops validate gives the same single diagnostic', () => {
    const r = mlops(['validate', 'events.odcs.yaml', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const diagnostics = JSON.parse(r.stdout).files[0].diagnostics;
    assert.deepEqual(diagnostics.map((d: { range: { start: { line: number } }; code: string; message: string }) => [d.range.start.line, d.code, d.message]), [
      [BROKEN_LINE, 'odcs-sql-syntax', 'SQL does not parse: Syntax error at or near "SELEC"'],
    ]);
  });

  test('mlops check runs the JSON-operator rules and refuses the misspelt one with the same words', () => {
    const r = mlops(['check', '--contract', 'events.odcs.yaml', '--data', 'events.ndjson', '--format', 'json'], dir);
    const sql = JSON.parse(r.stdout).checks.filter((c: { rule: string }) => c.rule === 'sql');
    assert.deepEqual(sql.map((c: { passed: boolean; message: string; observed?: number }) => [c.passed, c.observed, c.message]), [
      [true, 0, 'result = 0 (must be 0)'],
      [true, 1, 'result = 1 (must be 1)'],
      [false, undefined, 'SQL does not parse: Syntax error at or near "SELEC"'],
    ]);
    assert.equal(r.code, 1);
  });
});
