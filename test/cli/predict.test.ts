// `mlops predict` on a real registered model: numbers checked against an independent float64
// computation of the saved model, every output format, Parquet input, and every refusal.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DuckDBInstance } from '@duckdb/node-api';
import { mlops } from '../helpers/cli';
import { MODEL, servingWorkspace, type ServingWorkspace } from '../helpers/serving';
import { referenceModel } from '../helpers/referenceModel';

let ws: ServingWorkspace;
const NUMERIC = ['age', 'tenure_months', 'monthly_charges', 'support_calls'];

before(async () => { ws = await servingWorkspace(2); });
after(() => ws?.cleanup());

function csvRows(path: string): Array<Record<string, string>> {
  return parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true });
}

function typed(row: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, NUMERIC.includes(k) ? (v === '' ? null : Number(v)) : v]));
}

async function sql<T>(query: string): Promise<T[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    return (await c.runAndReadAll(query)).getRowObjectsJS() as T[];
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

test('every row of a CSV is scored like an independent float64 computation of the saved model, keyed by the contract\'s primary key', () => {
  const out = join(ws.dir, 'scores.csv');
  const r = mlops(['predict', '--model', MODEL, '--data', 'data/current.csv', '--out', out], ws.dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /scored 3000 of 3000 rows with churn-classifier v1/);
  const ref = referenceModel(join(ws.dir, 'models', MODEL, 'v1', 'model'));
  const input = csvRows(join(ws.dir, 'data/current.csv'));
  const scored = csvRows(out);
  assert.equal(scored.length, input.length);
  assert.deepEqual(Object.keys(scored[0]!), ['customer_id', 'prediction', 'label']);
  let maxDiff = 0;
  input.forEach((row, i) => {
    assert.equal(scored[i]!.customer_id, row.customer_id);
    const p = ref.score(typed(row))[0]!;
    const got = Number(scored[i]!.prediction);
    maxDiff = Math.max(maxDiff, Math.abs(got - p));
    if (Math.abs(p - 0.5) > 1e-4) assert.equal(scored[i]!.label, p >= 0.5 ? ref.classes![1] : ref.classes![0], `row ${i}`);
  });
  assert.ok(maxDiff < 5e-6, `largest difference from the float64 computation: ${maxDiff}`);
});

test('JSON and Parquet outputs and a Parquet input give the same numbers as CSV, bit for bit', async () => {
  const csv = csvRows(join(ws.dir, 'scores.csv'));
  assert.equal(mlops(['predict', '--model', `${MODEL}#production`, '--data', 'data/current.csv', '--out', 'scores.json'], ws.dir).code, 0);
  const json = JSON.parse(readFileSync(join(ws.dir, 'scores.json'), 'utf8')) as Array<{ customer_id: string; prediction: number; label: string }>;
  assert.deepEqual(json.map((r) => r.prediction), csv.map((r) => Number(r.prediction)));
  assert.deepEqual(json.map((r) => r.label), csv.map((r) => r.label));
  const pq = join(ws.dir, 'current.parquet');
  await sql(`COPY (SELECT * FROM read_csv('${join(ws.dir, 'data/current.csv')}')) TO '${pq}' (FORMAT parquet)`);
  const r = mlops(['predict', '--model', `${MODEL}@v1`, '--data', pq, '--out', 'scores.parquet'], ws.dir);
  assert.equal(r.code, 0, r.stderr);
  const rows = await sql<{ customer_id: string; prediction: number; label: string }>(`SELECT * FROM read_parquet('${join(ws.dir, 'scores.parquet')}')`);
  assert.deepEqual(rows.map((x) => x.prediction), csv.map((x) => Number(x.prediction)));
  assert.deepEqual(rows.map((x) => x.customer_id), csv.map((x) => x.customer_id));
});

test('rows that do not fit are refused with file, line and column (exit 2, no output written), or skipped and listed', () => {
  const lines = readFileSync(join(ws.dir, 'data/current.csv'), 'utf8').split('\n');
  // Line 3 gets text in a number column, line 6 loses a value the model cannot fill, line 8 an unknown plan.
  const cells = (i: number) => lines[i - 1]!.split(',');
  const edit = (i: number, col: number, value: string) => { const c = cells(i); c[col] = value; lines[i - 1] = c.join(','); };
  edit(3, 2, 'forty');
  edit(6, 7, '');
  edit(8, 4, 'platinum');
  writeFileSync(join(ws.dir, 'bad.csv'), lines.join('\n'));
  const refused = mlops(['predict', '--model', MODEL, '--data', 'bad.csv', '--out', 'bad-scores.csv'], ws.dir);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /bad\.csv:3: column "age": "forty" is not a number/);
  assert.match(refused.stderr, /bad\.csv:6: column "monthly_charges": is missing and the model has no fill value/);
  assert.match(refused.stderr, /--skip-bad-rows/);
  assert.doesNotMatch(refused.stderr, /at .*\.js:\d+/, 'no stack trace');
  assert.equal(existsSync(join(ws.dir, 'bad-scores.csv')), false);

  const skipped = mlops(['predict', '--model', MODEL, '--data', 'bad.csv', '--out', 'bad-scores.csv', '--skip-bad-rows'], ws.dir);
  assert.equal(skipped.code, 0, skipped.stderr);
  assert.match(skipped.stderr, /skipped bad\.csv:3: column "age"/);
  assert.match(skipped.stderr, /skipped bad\.csv:6: column "monthly_charges"/);
  assert.match(skipped.stderr, /scored 2998 of 3000 rows .*\(2 bad rows skipped\); unknown categories scored as unknown \(plan: 1\)/);
  const out = csvRows(join(ws.dir, 'bad-scores.csv'));
  const ids = new Set(out.map((r) => r.customer_id));
  assert.equal(out.length, 2998);
  assert.ok(!ids.has(cells(3)[0]!) && !ids.has(cells(6)[0]!) && ids.has(cells(8)[0]!));
  // The clean file went the fast way (DuckDB vectors), this one the checked way: same numbers.
  const fast = new Map(csvRows(join(ws.dir, 'scores.csv')).map((r) => [r.customer_id, r.prediction]));
  const edited = new Set([cells(3)[0], cells(6)[0], cells(8)[0]]);
  for (const r of out) if (!edited.has(r.customer_id)) assert.equal(Number(r.prediction), Number(fast.get(r.customer_id)), r.customer_id);
  const unknownRow = out.find((r) => r.customer_id === cells(8)[0])!;
  const ref = referenceModel(join(ws.dir, 'models', MODEL, 'v1', 'model'));
  const header = lines[0]!.split(',');
  const row = typed(Object.fromEntries(header.map((h, i) => [h, cells(8)[i]!])));
  assert.ok(Math.abs(Number(unknownRow.prediction) - ref.score(row)[0]!) < 5e-6, 'an unknown category goes to the unknown slot');
});

test('past the rows DuckDB samples for types, a value that is not a number is refused with its line and column (exit 2) and a fraction in a column of whole numbers is scored as it is', () => {
  const [head, ...rows] = readFileSync(join(ws.dir, 'data/current.csv'), 'utf8').trim().split('\n');
  // DuckDB types a CSV's columns from its first 20,480 rows; line 24,000 lies beyond them.
  const lines = Array.from({ length: 25_000 }, (_, i) => rows[i % rows.length]!);
  const cells = lines[24_000 - 2]!.split(',');
  cells[2] = 'forty';
  lines[24_000 - 2] = cells.join(',');
  writeFileSync(join(ws.dir, 'late.csv'), `${head}\n${lines.join('\n')}\n`);
  const r = mlops(['predict', '--model', MODEL, '--data', 'late.csv', '--out', 'late-scores.csv'], ws.dir);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^mlops predict: late\.csv:24000: .*column "age"/m);
  assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace');
  assert.equal(existsSync(join(ws.dir, 'late-scores.csv')), false);
  // A fraction where the first rows held whole numbers only is scored as the number it is.
  cells[2] = '40.5';
  lines[24_000 - 2] = cells.join(',');
  writeFileSync(join(ws.dir, 'late.csv'), `${head}\n${lines.join('\n')}\n`);
  const scored = mlops(['predict', '--model', MODEL, '--data', 'late.csv', '--out', 'late-scores.csv'], ws.dir);
  assert.equal(scored.code, 0, scored.stderr);
  const out = csvRows(join(ws.dir, 'late-scores.csv'));
  const ref = referenceModel(join(ws.dir, 'models', MODEL, 'v1', 'model'));
  const row = typed(Object.fromEntries(head!.split(',').map((h, i) => [h, cells[i]!])));
  assert.ok(Math.abs(Number(out[24_000 - 2]!.prediction) - ref.score(row)[0]!) < 5e-6, 'age 40.5 scored as 40.5');
});

test('a missing column, an unknown version or alias and a missing file are refused with what exists (exit 2)', () => {
  const header = readFileSync(join(ws.dir, 'data/current.csv'), 'utf8').split('\n').map((l) => l.split(',').filter((_, i) => i !== 3).join(',')).join('\n');
  writeFileSync(join(ws.dir, 'no-tenure.csv'), header);
  let r = mlops(['predict', '--model', MODEL, '--data', 'no-tenure.csv'], ws.dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no-tenure\.csv: column "tenure_months" missing/);
  r = mlops(['predict', '--model', `${MODEL}@v9`, '--data', 'data/current.csv'], ws.dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /v9 is not in this workspace \(registered versions: v1, v2\)/);
  r = mlops(['predict', '--model', `${MODEL}#canary`, '--data', 'data/current.csv'], ws.dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /has no alias "canary"/);
  r = mlops(['predict', '--model', MODEL, '--data', 'nope.csv'], ws.dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /nope\.csv: no such data file/);
  r = mlops(['predict', '--model', MODEL, '--data', 'data/current.csv', '--format', 'parquet'], ws.dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Parquet output needs a file/);
});

test('without --out the predictions go to stdout, staging names v2', () => {
  const r = mlops(['predict', '--model', `${MODEL}#staging`, '--data', 'data/current.csv', '--format', 'json'], ws.dir);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as Array<{ prediction: number }>;
  assert.equal(rows.length, 3000);
  assert.match(r.stderr, /with churn-classifier v2/);
  const v2 = referenceModel(join(ws.dir, 'models', MODEL, 'v2', 'model'));
  const first = typed(csvRows(join(ws.dir, 'data/current.csv'))[0]!);
  assert.ok(Math.abs(rows[0]!.prediction - v2.score(first)[0]!) < 5e-6);
});
