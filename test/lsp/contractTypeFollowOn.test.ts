// Issue 11, bug 7: with `logicalType: int` (not an ODCS type) in the contract, the spec said
// `"standardize" needs a numeric column, but "age" is int`. The invalid type is the contract's error;
// the spec must not reason from it. A valid but wrong type still gets the spec's error.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codes, LspTestClient } from '../helpers/lspClient';
import { positionOf, tempExample } from '../helpers/workspace';

describe('an invalid contract type over stdio', () => {
  let client: LspTestClient;
  let ws: ReturnType<typeof tempExample>;
  before(async () => {
    ws = tempExample();
    const path = join(ws.dir, 'contracts/customers.odcs.yaml');
    writeFileSync(path, readFileSync(path, 'utf8')
      .replace(/(- name: age\n {8})logicalType: integer/, '$1logicalType: int')
      .replace(/(- name: tenure_months\n {8})logicalType: integer/, '$1logicalType: string'));
    client = await LspTestClient.start(ws.dir);
  });
  after(async () => { await client.stop(); ws.cleanup(); });

  test('the contract reports the invalid type; the spec has no follow-on error for it, only for the valid non-numeric one', async () => {
    const contractPath = join(ws.dir, 'contracts/customers.odcs.yaml');
    const contractText = readFileSync(contractPath, 'utf8');
    const contract = await client.diagnostics(client.open(contractPath, contractText));
    const invalid = contract.diagnostics.filter((d) => d.message.includes('"int" is not allowed'));
    assert.equal(invalid.length, 1, JSON.stringify(contract.diagnostics));
    assert.equal(invalid[0]!.range.start.line, positionOf(contractText, 'logicalType: int\n').line);

    const specText = readFileSync(join(ws.dir, 'mlops.yaml'), 'utf8');
    const spec = await client.diagnostics(client.open(join(ws.dir, 'mlops.yaml'), specText));
    assert.deepEqual(codes(spec.diagnostics), ['transform-type-mismatch']);
    assert.equal(spec.diagnostics[0]!.range.start.line, positionOf(specText, 'tenure_months: standardize').line);
    assert.match(spec.diagnostics[0]!.message, /"tenure_months" is string/);
    assert.ok(!spec.diagnostics.some((d) => d.message.includes('"age"')), 'no follow-on error for age');
  });
});
