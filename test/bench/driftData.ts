// Seeded generator for the drift benchmark: a reference and a current table of `rows` rows with 20
// numeric and 5 categorical columns, written as CSV and Parquet through DuckDB COPY into .bench/drift/.
// Files are reused when they already exist for the same row count and generator version, so only the
// first `npm run bench drift` pays for generation.
import { DuckDBDataChunk, DuckDBInstance, DOUBLE, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { normal, rng } from './driftRandom';

const VERSION = 1;
export const NUMERIC_COLUMNS = 20;
export const CATEGORICAL_COLUMNS = 5;

function poisson(rand: () => number, lambda: number): number {
  let k = 0;
  for (let p = Math.exp(-lambda), s = p, u = rand(); u > s; k++) { p *= lambda / (k + 1); s += p; }
  return k;
}

/** One numeric value of column `c`; `shifted` moves a few columns in the current table on purpose. */
function numericValue(rand: () => number, c: number, shifted: boolean): number | null {
  if (c % 7 === 3 && rand() < 0.01) return null; // a few columns carry 1% missing values
  const shift = shifted && c % 5 === 1 ? 0.4 : 0;
  switch (c % 5) {
    case 0: return Math.round((50 + 10 * normal(rand)) * 1000) / 1000;
    case 1: return Math.round(Math.exp(1 + shift + 0.5 * normal(rand)) * 1000) / 1000;
    case 2: return Math.round(rand() * 100000) / 1000;
    case 3: return poisson(rand, shifted && c === 3 ? 3.5 : 3);
    default: return Math.round(-Math.log(Math.max(rand(), 1e-12)) * 20 * 1000) / 1000;
  }
}

const categorySizes = [3, 5, 12, 40, 200];

function categoryValue(rand: () => number, c: number, shifted: boolean): string {
  const k = categorySizes[c]!;
  // Zipf-like: small codes are frequent. The current table favours later codes in column 2.
  const u = shifted && c === 2 ? Math.pow(rand(), 0.7) : Math.pow(rand(), 1.6);
  return `c${c}_${Math.min(k - 1, Math.floor(u * k))}`;
}

async function writeTable(connection: DuckDBConnection, rows: number, seed: number, shifted: boolean): Promise<void> {
  const names = [...Array.from({ length: NUMERIC_COLUMNS }, (_, i) => `num_${String(i).padStart(2, '0')}`),
    ...Array.from({ length: CATEGORICAL_COLUMNS }, (_, i) => `cat_${i}`)];
  const types = names.map((n) => (n.startsWith('num') ? DOUBLE : VARCHAR));
  await connection.run(`CREATE OR REPLACE TABLE t (${names.map((n, i) => `${n} ${i < NUMERIC_COLUMNS ? 'DOUBLE' : 'VARCHAR'}`).join(', ')})`);
  const appender = await connection.createAppender('t');
  const rand = rng(seed);
  const size = 2048;
  for (let start = 0; start < rows; start += size) {
    const n = Math.min(size, rows - start);
    const chunk = DuckDBDataChunk.create(types, n);
    for (let c = 0; c < NUMERIC_COLUMNS; c++) chunk.setColumnValues(c, Array.from({ length: n }, () => numericValue(rand, c, shifted)));
    for (let c = 0; c < CATEGORICAL_COLUMNS; c++) chunk.setColumnValues(NUMERIC_COLUMNS + c, Array.from({ length: n }, () => categoryValue(rand, c, shifted)));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

export interface DriftBenchFiles { referenceCsv: string; currentCsv: string; referenceParquet: string; currentParquet: string }

/** Writes (or reuses) the benchmark files for `rows` rows per table and returns their paths. */
export async function ensureDriftBenchData(rows: number, dir = resolve('.bench/drift')): Promise<DriftBenchFiles> {
  const base = join(dir, `v${VERSION}-${rows}`);
  const files = { referenceCsv: `${base}-reference.csv`, currentCsv: `${base}-current.csv`,
    referenceParquet: `${base}-reference.parquet`, currentParquet: `${base}-current.parquet` };
  if (Object.values(files).every((f) => existsSync(f))) return files;
  mkdirSync(dir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    for (const [which, seed, shifted] of [['reference', 1001, false], ['current', 2002, true]] as const) {
      await writeTable(connection, rows, seed, shifted);
      for (const ext of ['csv', 'parquet'] as const) {
        const target = which === 'reference' ? (ext === 'csv' ? files.referenceCsv : files.referenceParquet)
          : (ext === 'csv' ? files.currentCsv : files.currentParquet);
        // Written under a temporary name then renamed, so an interrupted run never leaves half a file behind.
        const tmp = `${target}.tmp`;
        await connection.run(`COPY t TO '${tmp.replace(/'/g, "''")}' (FORMAT ${ext}${ext === 'csv' ? ', HEADER true' : ''})`);
        renameSync(tmp, target);
      }
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return files;
}
