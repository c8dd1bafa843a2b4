// `check` refuses a contract only for problems in the parts it uses (issue 12 item 6): an unknown key in
// a server, or a broken schema object it does not check, is a warning and the data is still checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mlops } from '../helpers/cli';
import { tempDir, writeIn } from '../unit/contract/helpers';

const CONTRACT = (serverExtra: string, otherExtra: string, checkedExtra: string) => `apiVersion: v3.1.0
kind: DataContract
id: parts
version: 1.0.0
status: active
servers:
  - server: warehouse
    type: postgres
    host: db
    port: 5432
    database: shop
    schema: public
${serverExtra}
schema:
  - name: other
    properties:
      - name: x
${otherExtra}
  - name: orders
    properties:
      - name: id
        logicalType: integer
${checkedExtra}
`;

function run(contract: string) {
  const dir = tempDir();
  writeIn(dir, 'c.odcs.yaml', contract);
  writeIn(dir, 'orders.csv', 'id\n1\n2\n');
  return mlops(['check', '--contract', 'c.odcs.yaml', '--data', 'orders.csv', '--schema', 'orders', '--format', 'json'], dir);
}

test('check: an unknown key in a server and a broken object it does not check are warnings; the data is checked', () => {
  const r = run(CONTRACT('    colour: blue', '        logicalType: text', ''));
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.passed, true);
  assert.equal(json.rows, 2);
  const warnings = json.checks.filter((c: { id: string }) => c.id.startsWith('contract.problem'));
  assert.deepEqual(warnings.map((w: { severity: string; rule: string; location: { range: { start: { line: number } } } }) => [w.severity, w.rule, w.location.range.start.line + 1]), [
    ['warning', 'odcs-schema', 13], ['warning', 'odcs-schema', 18],
  ]);
  assert.match(warnings[0].message, /^line 13: Unknown key "colour" in a postgres server.*\(this part of the contract is not used to check the data, so the data was checked anyway\)$/);
  assert.match(warnings[1].message, /"text" is not allowed/);
  assert.ok(json.checks.some((c: { id: string; passed: boolean }) => c.id === 'orders.id.type' && c.passed));
});

test('check: a problem in the schema object it checks still refuses the contract (exit 2, line named)', () => {
  const r = run(CONTRACT('    colour: blue', '', '        required: maybe'));
  assert.equal(r.code, 2);
  // Every error of the file is counted, as `mlops validate` and the editor count them (issue 11).
  assert.match(r.stderr, /is not a valid ODCS contract \(2 problems\); fix these first/);
  assert.match(r.stderr, /line 23, column 19: schema\[1\]\.properties\[0\]\.required must be true or false/);
});
