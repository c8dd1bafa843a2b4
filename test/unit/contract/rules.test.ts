// Golden fixtures for contract diagnostics: each `# expect: code` comment names a diagnostic that must
// start on that line, and no other diagnostic may appear.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { contractRules } from '../../../server/src/core/contract/rules';
import { contractService } from '../../../server/src/core/contract/service';
import { closeSqlParser } from '../../../server/src/core/contract/sqlParse';
import { actualPairs, expectedFromComments, listing } from '../../helpers/golden';

const DIR = resolve(__dirname, '../../fixtures/contracts/rules');
const HOST = { exists: () => false, readText: () => undefined, listDir: () => [], workspaceRoot: () => undefined };

/** The settled diagnostics: after the service's preparation (DuckDB parsing the SQL), as the editor ends up. */
async function validate(name: string, text = readFileSync(join(DIR, name), 'utf8')) {
  const doc = { uri: `file://${join(DIR, name)}`, path: join(DIR, name), text, version: 1 };
  await contractService.prepare!(doc, HOST);
  return contractService.validate(doc, HOST);
}

after(() => closeSqlParser());

describe('contract diagnostics (golden fixtures)', () => {
  for (const name of readdirSync(DIR).filter((f) => f.endsWith('.odcs.yaml')).sort()) {
    it(name, async () => {
      const text = readFileSync(join(DIR, name), 'utf8');
      const diagnostics = await validate(name, text);
      assert.deepEqual(actualPairs(diagnostics), expectedFromComments(text), listing(diagnostics));
    });
  }
});

describe('contract diagnostics: every code has a fixture', () => {
  it('each registered rule (and the syntax and structure codes) is expected by some golden fixture', () => {
    // Built from the registry, so a rule added without a fixture fails here.
    const codes = ['yaml-syntax', 'odcs-schema', ...contractRules.map((r) => r.code)];
    const expected = new Set(readdirSync(DIR).filter((f) => f.endsWith('.odcs.yaml'))
      .flatMap((f) => expectedFromComments(readFileSync(join(DIR, f), 'utf8')).map((p) => p.split(':')[1])));
    assert.deepEqual(codes.filter((c) => !expected.has(c)), []);
  });
});

describe('contract diagnostics: ranges and messages', () => {
  it('points at the exact key or value, with a did-you-mean where one fits', async () => {
    const text = readFileSync(join(DIR, 'schema.odcs.yaml'), 'utf8');
    const lines = text.split('\n');
    const byLine = new Map((await validate('schema.odcs.yaml')).map((d) => [d.range.start.line, d]));
    const typo = byLine.get(lines.findIndex((l) => l.startsWith('nme:')))!;
    assert.deepEqual(typo.range, { start: { line: 6, character: 0 }, end: { line: 6, character: 3 } });
    assert.equal(typo.message, 'Unknown key "nme" in the contract. Did you mean "name"?');
    const version = byLine.get(4)!;
    assert.equal(version.message, 'version must be a string, not a whole number; put it in quotes.');
    const integr = byLine.get(lines.findIndex((l) => l.includes('integr ')))!;
    assert.match(integr.message, /"integr" is not allowed for schema\[0\]\.properties\[0\]\.logicalType; use one of: .* Did you mean "integer"\?/);
    assert.equal(text.slice(0).split('\n')[integr.range.start.line]!.slice(integr.range.start.character, integr.range.end.character), 'integr');
    const server = byLine.get(lines.findIndex((l) => l.includes('- server: prod')))!;
    assert.equal(server.message, 'A postgresql server needs "database" and "schema".');
    const minLength = byLine.get(lines.findIndex((l) => l.includes('minLength: 3')))!;
    assert.match(minLength.message, /"minLength" is not an option of logicalType number; it takes: minimum, maximum/);
  });

  it('places a SQL problem inside a block scalar on its own line and column', async () => {
    const text = readFileSync(join(DIR, 'sql.odcs.yaml'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes("= 'x"));
    const d = (await validate('sql.odcs.yaml')).find((x) => x.range.start.line === line)!;
    assert.equal(d.range.start.character, text.split('\n')[line]!.indexOf("'x"));
    assert.match(d.message, /^SQL does not parse: Unterminated quoted string at or near "'x/);
  });

  it('stays quiet on the example contract and survives broken YAML', async () => {
    const example = readFileSync(resolve(__dirname, '../../../examples/churn/contracts/customers.odcs.yaml'), 'utf8');
    assert.deepEqual(await validate('customers.odcs.yaml', example), []);
    for (const junk of ['', 'schema: [', '- a\n- b', 'apiVersion: v3.1.0\nschema:\n  - 7\n  - name: [x]\n', '{]', 'schema:\n  - properties:\n      - logicalTypeOptions: 3\n']) {
      const d = await validate('junk.odcs.yaml', junk);
      assert.ok(d.length > 0, `no diagnostic for ${JSON.stringify(junk)}`);
      assert.ok(d.every((x) => !/Internal error/.test(x.message)), listing(d));
    }
  });
});
