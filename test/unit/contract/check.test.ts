import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { checkData, type CheckReport, type CheckResult } from '../../../server/src/core/contract/check';
import { contractYaml, repoRootPath, tempDir, writeIn } from './helpers';

const dir = tempDir();

function byId(r: CheckReport, id: string): CheckResult {
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c, `no check ${id} in ${r.checks.map((x) => x.id).join(', ')}`);
  return c;
}

async function run(name: string, csv: string, properties: string, schemaExtra = ''): Promise<CheckReport> {
  const data = writeIn(dir, `${name}.csv`, csv);
  const contract = writeIn(dir, `${name}.odcs.yaml`, contractYaml(properties, schemaExtra));
  return checkData({ contractPath: contract, dataPath: data });
}

describe('checkData on the example workspace', () => {
  it('passes the churn training data against its contract, one result per rule', async () => {
    const ws = join(repoRootPath, 'examples/churn');
    const r = await checkData({ contractPath: join(ws, 'contracts/customers.odcs.yaml'), dataPath: join(ws, 'data/train.csv') });
    assert.equal(r.rows, 5000);
    assert.equal(r.passed, true);
    assert.deepEqual(r.checks.filter((c) => !c.passed), []);
    assert.equal(new Set(r.checks.map((c) => c.id)).size, r.checks.length, 'ids are unique');
    assert.equal(byId(r, 'customers.quality[0].rowCount').observed, 5000);
    assert.ok(byId(r, 'customers.customer_id.pattern'));
  });
});

describe('checkData on Parquet, and cancelled', () => {
  it('checks a Parquet file with its own types; samples give row numbers', async () => {
    const parquet = join(dir, 'people.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    await c.run(`COPY (SELECT * FROM (VALUES (1, 'ann', DATE '2001-02-03'), (2, NULL, DATE '1999-01-01'), (2, 'cy', DATE '2010-05-05')) v(id, name, born)) TO '${parquet}' (FORMAT parquet)`);
    c.closeSync();
    instance.closeSync();
    const contract = writeIn(dir, 'people.odcs.yaml', contractYaml(`
- { name: id, logicalType: integer, unique: true }
- { name: name, logicalType: string, required: true }
- { name: born, logicalType: date, logicalTypeOptions: { minimum: "2000-01-01" } }`));
    const r = await checkData({ contractPath: contract, dataPath: parquet });
    assert.equal(r.rows, 3);
    assert.deepEqual(byId(r, 't.name.required').samples, [{ line: 2, value: null }]);
    assert.deepEqual(byId(r, 't.id.unique').samples.map((s) => s.line), [2, 3]);
    assert.deepEqual(byId(r, 't.born.minimum').samples, [{ line: 2, value: '1999-01-01' }]);
    assert.equal(byId(r, 't.id.type').passed, true);
  });

  it('stops with CheckCancelled when its signal is aborted', async () => {
    const ws = join(repoRootPath, 'examples/churn');
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(checkData({ contractPath: join(ws, 'contracts/customers.odcs.yaml'), dataPath: join(ws, 'data/train.csv'), signal: controller.signal }), { name: 'CheckCancelled' });
  });
});

describe('column checks', () => {
  it('counts values that do not parse as the logical type, with their lines and values', async () => {
    const r = await run('types', 'n,d,b\n1,2024-01-31,true\nabc,2024-02-30,maybe\n1.5,2024-03-01,false\n7,,\n', `
- { name: n, logicalType: integer }
- { name: d, logicalType: date }
- { name: b, logicalType: boolean }`);
    assert.deepEqual(byId(r, 't.n.type').samples, [{ line: 3, value: 'abc' }, { line: 4, value: '1.5' }]);
    assert.equal(byId(r, 't.n.type').failures, 2);
    assert.deepEqual(byId(r, 't.d.type').samples, [{ line: 3, value: '2024-02-30' }]);
    assert.deepEqual(byId(r, 't.b.type').samples, [{ line: 3, value: 'maybe' }]);
    assert.equal(r.passed, false);
  });

  it('checks required, unique and a composite primary key', async () => {
    const r = await run('keys', 'a,b,c\n1,x,p\n1,y,p\n2,x,\n1,x,q\n', `
- { name: a, primaryKey: true, primaryKeyPosition: 1, unique: true }
- { name: b, primaryKey: true, primaryKeyPosition: 2 }
- { name: c, required: true }`);
    assert.deepEqual(byId(r, 't.c.required').samples, [{ line: 4, value: null }]);
    assert.equal(byId(r, 't.a.unique').failures, 2);
    const pk = byId(r, 't.a.primaryKey');
    assert.equal(pk.failures, 1);
    assert.deepEqual(pk.samples.map((s) => s.line), [2, 5]);
    assert.deepEqual(pk.samples[0]!.value, ['1', 'x']);
  });

  it('checks logicalTypeOptions: bounds, exclusive bounds, lengths, pattern, format, multipleOf', async () => {
    const r = await run('options', 'n,s,e,d\n5,ab,a@b.co,2024-01-01\n10,abcd,nope,2023-12-31\n0,abcdef,x@y.org,2024-06-01\n', `
- name: n
  logicalType: number
  logicalTypeOptions: { minimum: 1, exclusiveMaximum: 10, multipleOf: 5 }
- name: s
  logicalType: string
  logicalTypeOptions: { minLength: 3, maxLength: 5, pattern: "^a" }
- name: e
  logicalType: string
  logicalTypeOptions: { format: email }
- name: d
  logicalType: date
  logicalTypeOptions: { minimum: "2024-01-01" }`);
    assert.deepEqual(byId(r, 't.n.minimum').samples, [{ line: 4, value: '0' }]);
    assert.deepEqual(byId(r, 't.n.exclusiveMaximum').samples, [{ line: 3, value: '10' }]);
    assert.equal(byId(r, 't.n.multipleOf').failures, 0);
    assert.deepEqual(byId(r, 't.s.minLength').samples, [{ line: 2, value: 'ab' }]);
    assert.deepEqual(byId(r, 't.s.maxLength').samples, [{ line: 4, value: 'abcdef' }]);
    assert.equal(byId(r, 't.s.pattern').failures, 0);
    assert.deepEqual(byId(r, 't.e.format').samples, [{ line: 3, value: 'nope' }]);
    assert.deepEqual(byId(r, 't.d.minimum').samples, [{ line: 3, value: '2023-12-31' }]);
  });

  it('counts a bad number far beyond what DuckDB samples to type columns (the file is read again as text)', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i},${i % 7}`);
    rows[35_000] = '35000,seven';
    const r = await run('late', `id,n\n${rows.join('\n')}\n`, `
- { name: id, logicalType: integer, unique: true }
- { name: n, logicalType: integer, logicalTypeOptions: { maximum: 5 } }`);
    assert.equal(r.rows, 40_000, 'no row is left out');
    assert.deepEqual(byId(r, 't.n.type').samples, [{ line: 35_002, value: 'seven' }]);
    assert.equal(byId(r, 't.n.maximum').failures, 5714);
    assert.deepEqual(byId(r, 't.n.maximum').samples[0], { line: 8, value: '6' });
    assert.equal(r.checks.some((c) => c.id === 'data.records'), false);
  });

  it('reads dates written in the format logicalTypeOptions names', async () => {
    const r = await run('datefmt', 'd\n31/01/2024\n2024-01-31\n', `
- name: d
  logicalType: date
  logicalTypeOptions: { format: dd/MM/yyyy, maximum: "2024-01-15" }`);
    assert.deepEqual(byId(r, 't.d.type').samples, [{ line: 3, value: '2024-01-31' }]);
    assert.deepEqual(byId(r, 't.d.maximum').samples, [{ line: 2, value: '31/01/2024' }]);
  });

  it('reports contract columns missing from the data and data columns missing from the contract', async () => {
    const r = await run('columns', 'id,extra,"<b>odd""name</b>"\n1,2,3\n', `
- { name: id }
- { name: ID2, required: true }`);
    const missing = byId(r, 't.ID2.present');
    assert.equal(missing.passed, false);
    assert.equal(missing.severity, 'error');
    const extra = byId(r, 't.columns.extra');
    assert.equal(extra.severity, 'warning');
    assert.equal(extra.failures, 2);
    assert.match(extra.message, /"<b>odd"name<\/b>"/);
  });

  it('gives the line where a row starts when earlier fields hold newlines, CRLF and blank lines', async () => {
    const csv = '\ufeffid,note\r\n1,"two\r\nlines"\r\n\r\n2,"x"\r\n-3,"a ""quoted"" word"\r\n';
    const r = await run('lines', csv, `
- name: id
  logicalType: integer
  logicalTypeOptions: { minimum: 0 }`);
    assert.equal(r.rows, 3);
    assert.deepEqual(byId(r, 't.id.minimum').samples, [{ line: 6, value: '-3' }]);
  });
});
