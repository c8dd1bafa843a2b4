// Version-aware validation (issue 12 item 5): a document is judged by the ODCS version it declares. The
// v3.0.x contract below is valid by the official v3.0.2 schema and rejected by v3.1.0's (both are
// asked here), so it must be clean as v3.0.2 and give errors only when it declares v3.1.0.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { contractService } from '../../../server/src/core/contract/service';
import { closeSqlParser } from '../../../server/src/core/contract/sqlParse';
import { SKIP_REASON, odcsDir, officialValidator } from './shared';

const HOST = { exists: () => false, readText: () => undefined, listDir: () => [], workspaceRoot: () => undefined };

const V30 = `apiVersion: v3.0.2
kind: DataContract
id: orders
version: 1.0.0
status: active
servers:
  - server: api
    type: api
    location: https://example.com/orders
    format: json
    delimiter: array
  - server: events
    type: kafka
    host: kafka:9092
    topic: orders
  - server: warehouse
    type: redshift
    host: redshift.example.com
    port: 5439
    database: shop
    schema: public
team:
  - username: ann
    role: owner
    comment: on leave until March
schema:
  - name: orders
    properties:
      - name: id
        logicalType: integer
        quality:
          - rule: duplicateCount
            mustBeLessThan: 1
      - name: unit
        logicalType: string
        quality:
          - rule: validValues
            validValues: [pounds, kilograms]
    quality:
      - rule: rowCount
        mustBeBetween: [100, 120]
`;

function validate(text: string) {
  return contractService.validate({ uri: 'file:///x/c.odcs.yaml', path: '/x/c.odcs.yaml', text, version: 1 }, HOST);
}

after(() => closeSqlParser());

describe('contracts are validated by the ODCS version they declare', { skip: odcsDir ? false : SKIP_REASON }, () => {
  it('a valid v3.0.x contract (server keys of its own, rule: metrics, a member comment) is clean', () => {
    assert.equal(officialValidator('3.0.2')(parse(V30)), true, 'the official v3.0.2 schema accepts it');
    assert.deepEqual(validate(V30).map((d) => `${d.range.start.line + 1} ${String(d.code)} ${d.message}`), []);
  });

  it('the same contract declaring v3.1.0 gets the errors v3.1.0 gives', () => {
    const text = V30.replace('apiVersion: v3.0.2', 'apiVersion: v3.1.0');
    assert.equal(officialValidator('3.1.0')(parse(text)), false, 'the official v3.1.0 schema rejects it');
    const errors = validate(text).filter((d) => d.severity === 1).map((d) => `${d.range.start.line + 1}: ${d.message}`);
    for (const expected of [/^10: Unknown key "format" in an api server/, /^15: Unknown key "topic" in a kafka server/, /^19: Unknown key "port" in a redshift server/,
      /^32: "rule" is how ODCS v3.0 names a library rule; v3.1.0 calls it "metric"/, /^25: Unknown key "comment" in a team member/]) {
      assert.ok(errors.some((e) => expected.test(e)), `${expected} in:\n${errors.join('\n')}`);
    }
  });

  it('a near miss of a key v3.0.x defines is a warning with the right spelling, not an error', () => {
    const d = validate(V30.replace('    location: https', '    locaton: https'));
    assert.deepEqual(d.map((x) => [x.range.start.line + 1, x.severity, x.message]).sort(), [
      [7, 1, 'An api server needs "location".'],
      [9, 2, '"locaton" is not a key ODCS v3.0.x defines for an api server, so tools ignore it. Did you mean "location"?'],
    ]);
    const warned = validate(V30.replace('    topic: orders', '    topic: orders\n    fromat: json'));
    assert.deepEqual(warned.map((x) => [String(x.code), x.severity, x.message]), [
      ['odcs-unknown-key', 2, '"fromat" is not a key ODCS v3.0.x defines for a kafka server, so tools ignore it. Did you mean "format"?'],
    ]);
  });

  it('v3.0.2 rules that v3.1.0 relaxed still hold for a v3.0.x contract that is not valid v3.1.0', () => {
    const noUrl = V30.replace('status: active', 'status: active\nsupport:\n  - channel: help');
    assert.equal(officialValidator('3.0.2')(parse(noUrl)), false);
    assert.deepEqual(validate(noUrl).map((d) => d.message), ['A support channel needs "url".']);
  });
});
