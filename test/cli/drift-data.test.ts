// mlops drift on generated data (seeded): worker threads give the same report as inline, Parquet the
// same as CSV, and a sampled report stays within the DKW bound of the full one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mlops } from '../helpers/cli';
import { normal, rng } from '../bench/driftRandom';

let dir = '';
const ROWS = 20_000;

function table(seed: number, shift: number): string {
  const rand = rng(seed);
  const lines = ['x,y,k,label'];
  for (let i = 0; i < ROWS; i++) {
    const x = (10 + 3 * normal(rand) + shift).toFixed(3);
    const y = i % 50 === 0 ? '' : Math.exp(normal(rand) * 0.5 + shift / 10).toFixed(3);
    const k = ['a', 'b', 'c', 'd'][Math.min(3, Math.floor(rand() ** (1 + shift / 4) * 4))];
    lines.push(`${x},${y},${k},${Math.floor(rand() * 4)}`);
  }
  return `${lines.join('\n')}\n`;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlops-drift-'));
  writeFileSync(join(dir, 'ref.csv'), table(7, 0));
  writeFileSync(join(dir, 'cur.csv'), table(8, 1));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const name of ['ref', 'cur']) {
    await connection.run(`COPY (SELECT * FROM read_csv('${join(dir, `${name}.csv`)}')) TO '${join(dir, `${name}.parquet`)}' (FORMAT parquet)`);
  }
  connection.closeSync();
  instance.closeSync();
});

after(() => rmSync(dir, { recursive: true, force: true }));

function report(args: string[]): { features: Array<Record<string, unknown> & { name: string; stats: { ks?: { statistic: number } } }>; [k: string]: unknown } {
  const r = mlops(['drift', ...args, '--format', 'json'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /NaN|Infinity/);
  return JSON.parse(r.stdout);
}

test('worker threads and inline give the identical report', () => {
  const inline = report(['-r', 'ref.csv', '-c', 'cur.csv', '--workers', '0']);
  const threaded = report(['-r', 'ref.csv', '-c', 'cur.csv', '--workers', '2']);
  assert.deepEqual(threaded, inline);
  assert.deepEqual(inline.features.map((f) => [f.name, f.method]), [['x', 'wasserstein'], ['y', 'wasserstein'], ['k', 'jensenshannon'], ['label', 'jensenshannon']]);
  assert.equal((inline.features[1]!.values as { referenceMissing: number }).referenceMissing, ROWS / 50);
});

test('Parquet gives the same statistics as the CSV it was made from', () => {
  const csv = report(['-r', 'ref.csv', '-c', 'cur.csv']);
  const parquet = report(['-r', 'ref.parquet', '-c', 'cur.parquet']);
  assert.deepEqual(parquet.features, csv.features);
});

test('--sample reads a seeded uniform sample: same report twice, within the DKW bound of the full one', () => {
  const full = report(['-r', 'ref.csv', '-c', 'cur.csv']);
  const sampled = report(['-r', 'ref.csv', '-c', 'cur.csv', '--sample', '5000']);
  assert.deepEqual(report(['-r', 'ref.csv', '-c', 'cur.csv', '--sample', '5000']), sampled);
  assert.deepEqual(sampled.reference, { path: 'ref.csv', rows: ROWS, sampledRows: 5000 });
  assert.match((sampled.notes as string[]).join(), /seeded uniform sample of 5000 of 20000 rows/);
  // Each sampled ECDF is within sqrt(ln(2/α)/(2n)) of the full one (α = 0.05): D moves by at most twice that.
  const bound = 2 * Math.sqrt(Math.log(40) / (2 * 5000));
  for (const [i, f] of full.features.entries()) {
    if (!f.stats.ks) continue;
    const d = Math.abs(f.stats.ks.statistic - sampled.features[i]!.stats.ks!.statistic);
    assert.ok(d <= bound, `${f.name}: |ΔD| = ${d} > ${bound}`);
  }
});
