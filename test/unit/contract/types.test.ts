// Column types against logicalType (issue 12 item 8). DuckDB writes a Parquet file with one column per
// SQL type; which logical types each may stand for is written here by hand from the ODCS definitions
// (integer: whole numbers; number: any number; string: text; date: a calendar date without time;
// timestamp: date and time; time: time of day; array: a list; object: a record), not from our table.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { checkData, type CheckReport } from '../../../server/src/core/contract/check';
import { contractYaml, tempDir, writeIn } from './helpers';

const dir = tempDir();

// column -> [SQL that makes it, the type DuckDB reads back from Parquet, logical types it holds]
const COLUMNS: Record<string, [string, string, string[]]> = {
  tiny: ['1::TINYINT', 'TINYINT', ['integer', 'number']],
  small: ['1::SMALLINT', 'SMALLINT', ['integer', 'number']],
  int: ['1::INTEGER', 'INTEGER', ['integer', 'number']],
  big: ['1::BIGINT', 'BIGINT', ['integer', 'number']],
  ubig: ['1::UBIGINT', 'UBIGINT', ['integer', 'number']],
  dec0: ['1::DECIMAL(10,0)', 'DECIMAL(10,0)', ['integer', 'number']],
  dec2: ['1.5::DECIMAL(10,2)', 'DECIMAL(10,2)', ['number']],
  flt: ['1.5::FLOAT', 'FLOAT', ['number']],
  dbl: ['1.5::DOUBLE', 'DOUBLE', ['number']],
  bool: ['true', 'BOOLEAN', ['boolean']],
  str: ["'x'", 'VARCHAR', ['string']],
  uuid: ["'4ac7a9e9-607c-4c8a-84f3-843f0191e3fd'::UUID", 'UUID', ['string']],
  day: ["DATE '2023-06-16'", 'DATE', ['date']],
  ts: ["TIMESTAMP '2023-06-16 13:12:56'", 'TIMESTAMP', ['timestamp']],
  tstz: ["TIMESTAMPTZ '2023-06-16 13:12:56+00'", 'TIMESTAMP WITH TIME ZONE', ['timestamp']],
  tod: ["TIME '13:12:56'", 'TIME', ['time']],
  todtz: ["'13:12:56+02'::TIMETZ", 'TIME WITH TIME ZONE', ['time']],
  list: ['[1, 2]', 'INTEGER[]', ['array']],
  rec: ["{'a': 1}", 'STRUCT(a INTEGER)', ['object']],
};
const LOGICAL = ['integer', 'number', 'boolean', 'string', 'date', 'timestamp', 'time', 'array', 'object'];

async function duckdb(sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try { return (await c.runAndReadAll(sql)).getRows(); } finally { c.closeSync(); instance.closeSync(); }
}

function verdicts(r: CheckReport, rule: string): Record<string, boolean> {
  return Object.fromEntries(r.checks.filter((c) => c.rule === rule && c.column).map((c) => [c.column!, c.passed]));
}

describe('Parquet column types are checked against logicalType, not by castability', () => {
  const parquet = join(dir, 'types.parquet');

  it('DuckDB reads back the types the table below is written for', async () => {
    await duckdb(`COPY (SELECT ${Object.entries(COLUMNS).map(([n, [sql]]) => `${sql} AS ${n}`).join(', ')}) TO '${parquet}' (FORMAT parquet)`);
    const described = await duckdb(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '${parquet}')`);
    assert.deepEqual(Object.fromEntries(described.map((r) => [String(r[0]), String(r[1])])), Object.fromEntries(Object.entries(COLUMNS).map(([n, [, t]]) => [n, t])));
  });

  for (const logical of LOGICAL) {
    it(`every column declared ${logical}: only the types that hold it pass`, async () => {
      const props = Object.keys(COLUMNS).map((n) => `- { name: ${n}, logicalType: ${logical} }`).join('\n');
      const contract = writeIn(dir, `types-${logical}.odcs.yaml`, contractYaml(props));
      const r = await checkData({ contractPath: contract, dataPath: parquet });
      const expected = Object.fromEntries(Object.entries(COLUMNS).map(([n, [, , holds]]) => [n, holds.includes(logical)]));
      assert.deepEqual(verdicts(r, 'type'), expected);
      const wrong = r.checks.find((c) => c.rule === 'type' && !c.passed);
      if (wrong) {
        assert.equal(wrong.failures, 1, 'every present value of a column of the wrong type fails');
        assert.match(wrong.message, new RegExp(`the column is .+ in the file; logicalType ${logical} needs`));
      }
    });
  }

  it('timezone: true needs TIMESTAMP WITH TIME ZONE, timezone: false one without', async () => {
    const contract = writeIn(dir, 'types-tz.odcs.yaml', contractYaml(`
- { name: ts, logicalType: timestamp, logicalTypeOptions: { timezone: true } }
- { name: tstz, logicalType: timestamp, logicalTypeOptions: { timezone: false } }
- { name: tod, logicalType: time, logicalTypeOptions: { timezone: false } }`));
    const r = await checkData({ contractPath: contract, dataPath: parquet });
    assert.deepEqual(verdicts(r, 'type'), { ts: false, tstz: false, tod: true });
  });

  it('physicalType is compared under DuckDB\'s own name for it; a name DuckDB does not know is skipped', async () => {
    const contract = writeIn(dir, 'types-physical.odcs.yaml', contractYaml(`
- { name: int, logicalType: integer, physicalType: int }
- { name: big, logicalType: integer, physicalType: int }
- { name: str, logicalType: string, physicalType: varchar(18) }
- { name: dec2, logicalType: number, physicalType: "numeric(10, 2)" }
- { name: dec0, logicalType: number, physicalType: decimal }
- { name: ts, logicalType: timestamp, physicalType: datetime }
- { name: dbl, logicalType: number, physicalType: "NUMBER(38,0)" }`));
    const r = await checkData({ contractPath: contract, dataPath: parquet });
    assert.deepEqual(verdicts(r, 'physicalType'), { int: true, big: false, str: true, dec2: true, dec0: true, ts: true, dbl: true });
    const big = r.checks.find((c) => c.id === 't.big.physicalType')!;
    assert.equal(big.message, 'the column is BIGINT in the file, not INTEGER (physicalType int)');
    assert.equal(r.checks.find((c) => c.id === 't.dbl.physicalType')!.skipped, true);
  });
});

describe('CSV dates and times are read strictly', () => {
  it('a date with a time of day fails as date (DuckDB\'s cast would drop the time); as timestamp it passes', async () => {
    const csv = 'id,d\n1,2023-06-16\n2,2023-06-16 13:12:56\n3,2023-06-16T13\n4,2023-02-30\n5,\n';
    const data = writeIn(dir, 'dates.csv', csv);
    const contract = writeIn(dir, 'dates.odcs.yaml', contractYaml('- { name: id, logicalType: integer }\n- { name: d, logicalType: date }'));
    const r = await checkData({ contractPath: contract, dataPath: data });
    const type = r.checks.find((c) => c.id === 't.d.type')!;
    assert.equal(type.failures, 3);
    assert.deepEqual(type.samples, [{ line: 3, value: '2023-06-16 13:12:56' }, { line: 4, value: '2023-06-16T13' }, { line: 5, value: '2023-02-30' }]);
    const asTimestamp = writeIn(dir, 'dates-ts.odcs.yaml', contractYaml('- { name: id, logicalType: integer }\n- { name: d, logicalType: timestamp }'));
    const t = await checkData({ contractPath: asTimestamp, dataPath: data });
    assert.deepEqual(t.checks.find((c) => c.id === 't.d.type')!.samples.map((s) => s.line), [4, 5]);
  });

  it('a column whose first rows are dates is still read as text, so a later date-time is caught', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},2023-01-${String((i % 28) + 1).padStart(2, '0')}`);
    rows[2500] = '2500,2023-06-16 13:12:56';
    const data = writeIn(dir, 'late.csv', `id,d\n${rows.join('\n')}\n`);
    const contract = writeIn(dir, 'late.odcs.yaml', contractYaml('- { name: id, logicalType: integer }\n- { name: d, logicalType: date }'));
    const r = await checkData({ contractPath: contract, dataPath: data });
    assert.deepEqual(r.checks.find((c) => c.id === 't.d.type')!.samples, [{ line: 2502, value: '2023-06-16 13:12:56' }]);
  });
});
