// contract infer on the inputs that used to break it: integers beyond 2^53 (bounds that validate and
// that check passes exactly), records it cannot read (refused, with their lines), a 3 MB field, wide
// files, and Parquet columns (their stored types kept). The official ODCS schema judges each contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { mlops } from '../helpers/cli';
import { SKIP_REASON, odcsDir, officialValidator } from '../unit/contract/shared';

function workspace(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-infer-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Infers a contract from `data`, then validates it and checks the same data with it. */
function inferAndCheck(dir: string, data: string): { contract: any; check: ReturnType<typeof mlops>; validate: ReturnType<typeof mlops> } {
  const r = mlops(['contract', 'infer', '--data', data, '--out', `${data}.odcs.yaml`], dir);
  assert.equal(r.code, 0, r.stderr);
  const contract = parse(readFileSync(join(dir, `${data}.odcs.yaml`), 'utf8'));
  return { contract, check: mlops(['check', '--contract', `${data}.odcs.yaml`, '--data', data, '--format', 'json'], dir), validate: mlops(['validate', `${data}.odcs.yaml`], dir) };
}

test('integers beyond 2^53: bounds are numbers that validate, lie outside the data, and check passes', (t) => {
  const ws = workspace();
  try {
    const values = [2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n, -9007202254741013n, 123n];
    writeFileSync(join(ws.dir, 'big.csv'), `id,n\n${values.map((v, i) => `${v},${i}`).join('\n')}\n`);
    const { contract, check, validate } = inferAndCheck(ws.dir, 'big.csv');
    const id = contract.schema[0].properties[0];
    assert.equal(id.logicalType, 'integer');
    const { minimum, maximum } = id.logicalTypeOptions;
    assert.equal(typeof minimum, 'number');
    assert.equal(typeof maximum, 'number');
    // Exact comparisons in BigInt: the written bounds contain every value.
    const text = readFileSync(join(ws.dir, 'big.csv.odcs.yaml'), 'utf8');
    const written = (key: string) => BigInt(new RegExp(`${key}: (-?\\d+)\\n`).exec(text)![1]!);
    const [lo, hi] = [written('minimum'), written('maximum')];
    assert.ok(values.every((v) => lo <= v && v <= hi), `${lo} .. ${hi}`);
    assert.ok(lo > -(2n ** 63n) - 4096n && hi < 2n ** 63n + 4096n, 'within one double step of the data');
    assert.equal(validate.code, 0, validate.stdout);
    assert.equal(check.code, 0, check.stdout);
    // Not vacuous: a value well beyond the bound fails.
    writeFileSync(join(ws.dir, 'beyond.csv'), `id,n\n${2n ** 64n},0\n1,1\n`);
    const beyond = mlops(['check', '--contract', 'big.csv.odcs.yaml', '--data', 'beyond.csv', '--schema', contract.schema[0].name, '--format', 'json'], ws.dir);
    assert.equal(beyond.code, 1);
    assert.deepEqual(JSON.parse(beyond.stdout).checks.filter((c: any) => !c.passed).map((c: any) => c.rule), ['maximum']);
    if (!odcsDir) { t.skip(SKIP_REASON); return; }
    assert.equal(officialValidator('3.1.0')(contract), true);
  } finally { ws.cleanup(); }
});

test('records infer cannot read are refused with their lines; a 3 MB field is read', () => {
  const ws = workspace();
  try {
    writeFileSync(join(ws.dir, 'ragged.csv'), 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n');
    const r = mlops(['contract', 'infer', '--data', 'ragged.csv'], ws.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /ragged\.csv:3: 2 records cannot be read as CSV \(line 3: .*; line 4: .*\); a contract inferred from the other records would fail `mlops check`/);
    assert.equal(r.stdout, '');
    writeFileSync(join(ws.dir, 'quote.csv'), 'a,b\n1,2\n"3,4\n5,6\n');
    const q = mlops(['contract', 'infer', '--data', 'quote.csv'], ws.dir);
    assert.equal(q.code, 2);
    assert.match(q.stderr, /quote\.csv:3: 1 record cannot be read/);
    writeFileSync(join(ws.dir, 'huge.csv'), `a,b\n1,"${'z'.repeat(3 << 20)}"\n2,short\n`);
    const { contract, check } = inferAndCheck(ws.dir, 'huge.csv');
    assert.equal(contract.schema[0].properties[1].logicalType, 'string');
    assert.equal(check.code, 0, check.stdout.slice(0, 2000));
    assert.equal(JSON.parse(check.stdout).rows, 2);
  } finally { ws.cleanup(); }
});

test('a wide file (250 columns) is inferred, and the contract passes', () => {
  const ws = workspace();
  try {
    const cols = Array.from({ length: 250 }, (_, i) => `c${i}`);
    const rows = Array.from({ length: 60 }, (_, r) => cols.map((_, c) => (c % 3 === 0 ? `v${(r * c) % 5}` : c % 3 === 1 ? String(r * c) : `${r}.${c}`)).join(','));
    writeFileSync(join(ws.dir, 'wide.csv'), `${cols.join(',')}\n${rows.join('\n')}\n`);
    const { contract, check } = inferAndCheck(ws.dir, 'wide.csv');
    const types = contract.schema[0].properties.map((p: any) => p.logicalType);
    assert.deepEqual(types.slice(0, 3), ['string', 'integer', 'number']);
    assert.equal(check.code, 0, check.stdout.slice(0, 2000));
  } finally { ws.cleanup(); }
});

test('Parquet columns keep their stored types, and the contract passes check', async (t) => {
  const ws = workspace();
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const path = join(ws.dir, 'typed.parquet');
    await con.run(`COPY (SELECT i::INTEGER AS i, (i * 1.5)::DOUBLE AS d, (i * 0.25)::DECIMAL(9, 2) AS dec, i % 2 = 0 AS flag,
      DATE '2024-01-01' + i::INTEGER AS day, TIMESTAMP '2024-01-01 10:00:00' + INTERVAL (i) HOUR AS ts, 'v' || (i % 3) AS code,
      CAST(i AS VARCHAR) AS digits, [i, i + 1] AS pair, {'a': i} AS obj FROM range(30) t(i)) TO '${path}' (FORMAT parquet)`);
    const { contract, check, validate } = inferAndCheck(ws.dir, 'typed.parquet');
    const props = Object.fromEntries(contract.schema[0].properties.map((p: any) => [p.name, p]));
    assert.deepEqual(Object.fromEntries(Object.entries(props).map(([k, p]: [string, any]) => [k, [p.logicalType, p.physicalType]])), {
      i: ['integer', 'integer'], d: ['number', 'double'], dec: ['number', 'decimal(9,2)'], flag: ['boolean', 'boolean'], day: ['date', 'date'],
      ts: ['timestamp', 'timestamp'], code: ['string', 'varchar'], digits: ['string', 'varchar'], pair: ['array', 'bigint[]'], obj: ['object', 'struct(a bigint)'],
    });
    assert.deepEqual(props.i.logicalTypeOptions, { minimum: 0, maximum: 29 });
    assert.deepEqual(props.day.logicalTypeOptions, { minimum: '2024-01-01', maximum: '2024-01-30' });
    assert.equal(props.i.unique, true);
    assert.deepEqual(props.code.quality[0].arguments.validValues, ['v0', 'v1', 'v2']);
    assert.equal(check.code, 0, check.stdout.slice(0, 3000));
    assert.equal(validate.code, 0, validate.stdout);
    if (!odcsDir) { t.skip(SKIP_REASON); return; }
    assert.equal(officialValidator('3.1.0')(contract), true);
  } finally {
    con.closeSync();
    db.closeSync();
    ws.cleanup();
  }
});
