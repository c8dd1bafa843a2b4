// Nested data (issue 12 item 9): array and object properties are checked in Parquet and JSON files:
// the column is a list or a struct, and the nested properties' and items' types and rules hold. The
// expected failures are worked out by hand from the rows below.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { checkData, type CheckReport, type CheckResult } from '../../../server/src/core/contract/check';
import { contractYaml, tempDir, writeIn } from './helpers';

const dir = tempDir();

const PROPERTIES = `
- name: id
  logicalType: integer
- name: tags
  logicalType: array
  logicalTypeOptions: { minItems: 1 }
  items: { logicalType: string, logicalTypeOptions: { maxLength: 1 } }
- name: addr
  logicalType: object
  properties:
    - { name: city, logicalType: string, required: true }
    - { name: zip, logicalType: integer }
    - { name: country, logicalType: string }
- name: orders
  logicalType: array
  items:
    logicalType: object
    properties:
      - { name: sku, logicalType: string, logicalTypeOptions: { pattern: "^[A-Z][0-9]$" } }
      - { name: qty, logicalType: integer, logicalTypeOptions: { minimum: 0 } }`;

function byId(r: CheckReport, id: string): CheckResult {
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c, `no check ${id} in ${r.checks.map((x) => x.id).join(', ')}`);
  return c;
}

async function parquetOf(name: string, select: string): Promise<string> {
  const path = join(dir, name);
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  await c.run(`COPY (${select}) TO '${path}' (FORMAT parquet)`);
  c.closeSync();
  instance.closeSync();
  return path;
}

describe('nested data in Parquet', () => {
  it('checks lists and structs: the items, the nested fields, their options and required', async () => {
    const parquet = await parquetOf('nested.parquet', `SELECT * FROM (VALUES
      (1, ['a', 'b'], {'city': 'Paris', 'zip': '75001'}, [{'sku': 'A1', 'qty': 2}]),
      (2, ['a', 'bb'], {'city': NULL, 'zip': '1'}, [{'sku': 'B2', 'qty': -1}, {'sku': 'c3', 'qty': 1}]),
      (3, [], NULL, NULL)) v(id, tags, addr, orders)`);
    const contract = writeIn(dir, 'nested.odcs.yaml', contractYaml(PROPERTIES));
    const r = await checkData({ contractPath: contract, dataPath: parquet });
    assert.equal(byId(r, 't.tags.type').passed, true);
    assert.deepEqual([byId(r, 't.tags.minItems').failures, byId(r, 't.tags.minItems').samples], [1, [{ line: 3, value: [] }]]);
    assert.deepEqual(byId(r, 't.tags.items.maxLength').samples, [{ line: 2, value: ['bb'] }], 'the failing items of the row');
    assert.equal(byId(r, 't.tags.items.type').passed, true);
    // addr is NULL on row 3: its city is not required there.
    assert.deepEqual(byId(r, 't.addr.city.required').samples, [{ line: 2, value: null }]);
    const zip = byId(r, 't.addr.zip.type');
    assert.equal(zip.failures, 2);
    assert.match(zip.message, /the column is VARCHAR in the file; logicalType integer needs an integer type/);
    assert.equal(byId(r, 't.addr.country.present').passed, false);
    assert.match(byId(r, 't.addr.country.present').message, /no field "country" in addr \(it has: city, zip\)/);
    // The items of the row that fail, whole: the order shows which item it is.
    assert.deepEqual(byId(r, 't.orders.items.qty.minimum').samples, [{ line: 2, value: [{ sku: 'B2', qty: -1 }] }]);
    assert.deepEqual(byId(r, 't.orders.items.sku.pattern').samples, [{ line: 2, value: [{ sku: 'c3', qty: 1 }] }]);
    assert.deepEqual(r.checks.filter((c) => !c.passed).map((c) => c.id).sort(), [
      't.addr.city.required', 't.addr.country.present', 't.addr.zip.type', 't.orders.items.qty.minimum',
      't.orders.items.sku.pattern', 't.tags.items.maxLength', 't.tags.minItems',
    ]);
  });

  it('a list or struct declared as a plain type fails its type check; a plain column declared array fails too', async () => {
    const parquet = await parquetOf('flat.parquet', "SELECT ['x'] AS tags, {'a': 1} AS rec, 'x' AS word");
    const contract = writeIn(dir, 'flat.odcs.yaml', contractYaml('- { name: tags, logicalType: string }\n- { name: rec, logicalType: string }\n- { name: word, logicalType: array, items: { logicalType: string } }'));
    const r = await checkData({ contractPath: contract, dataPath: parquet });
    assert.deepEqual(r.checks.filter((c) => c.rule === 'type').map((c) => [c.id, c.passed]), [['t.tags.type', false], ['t.rec.type', false], ['t.word.type', false]]);
  });
});

describe('nested data in JSON', () => {
  it('NDJSON: a key whose values differ in type is judged value by value; lines are the file\'s lines', async () => {
    const lines = [
      '{"id": 1, "tags": ["a"], "addr": {"city": "Paris", "zip": "75001"}, "orders": [{"sku": "A1", "qty": 2}]}',
      '',
      '{"id": 2, "tags": ["a", "bb"], "addr": {"city": null, "zip": 1}, "orders": [{"sku": "B2", "qty": -1}]}',
      '{"id": 3, "tags": [], "addr": null, "orders": null}',
    ];
    const data = writeIn(dir, 'nested.ndjson', `${lines.join('\n')}\n`);
    const contract = writeIn(dir, 'nested-json.odcs.yaml', contractYaml(PROPERTIES));
    const r = await checkData({ contractPath: contract, dataPath: data });
    assert.equal(r.rows, 3);
    // zip holds a string on line 1 and a number on line 3: only the string fails as an integer.
    assert.deepEqual(byId(r, 't.addr.zip.type').samples, [{ line: 1, value: '75001' }]);
    assert.deepEqual(byId(r, 't.addr.city.required').samples, [{ line: 3, value: null }]);
    assert.deepEqual(byId(r, 't.tags.minItems').samples, [{ line: 4, value: [] }]);
    assert.deepEqual(byId(r, 't.tags.items.maxLength').samples, [{ line: 3, value: ['bb'] }]);
    assert.deepEqual(byId(r, 't.orders.items.qty.minimum').samples, [{ line: 3, value: [{ sku: 'B2', qty: -1 }] }]);
  });
});
