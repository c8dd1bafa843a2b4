// npm run bench drift: 1,000,000 vs 1,000,000 rows, 20 numeric + 5 categorical columns, CSV and
// Parquet. Per numeric column (sort + KS, W1, PSI, JS) against plain JS sort-once and DuckDB SQL, and
// the whole report end to end (reading included) against the same pipeline with plain-JS statistics.
// All measured in this run; the machine is shared, so the load average is printed with the table.
import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { compareNumeric } from '../../server/src/core/drift/statistics/numeric';
import { sortFinite } from '../../server/src/core/drift/sorting/sort';
import { profileColumns, readNumericColumns } from '../../server/src/core/data/columns';
import { openDataSource } from '../../server/src/core/data/source';
import { duckdbStats, plainJsStats, type FourStats } from './driftBaselines';
import { ensureDriftBenchData, type DriftBenchFiles } from './driftData';
import { median, type BenchRow, type BenchSuite } from './table';

const ROWS = Number(process.env.DRIFT_BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.DRIFT_BENCH_RUNS ?? 3);
const SQL_COLUMNS = 3;

const s = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 3 : 1)} s`;
const ratio = (ours: number, base: number) => `${(ours / base).toFixed(2)}×`;

async function numericColumns(path: string, maxRows?: number): Promise<{ names: string[]; columns: Float64Array[] }> {
  const source = await openDataSource(path);
  try {
    const names = source.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);
    const { rows } = await profileColumns(source, { categorical: [], numberChecks: [], categoryCap: 1 });
    return { names, columns: await readNumericColumns(source, names.map((name) => ({ name, as: 'number' })), { rows, maxRows, seed: 1 }) };
  } finally { source.close(); }
}

/**
 * How far a 10x smaller seeded sample moves each statistic (the 10M -> 1M ratio of --sample), as the
 * largest change over the numeric columns; KS D must stay within twice the DKW bound at 95%.
 */
async function samplingRow(files: DriftBenchFiles, full: { ref: Float64Array[]; cur: Float64Array[] }, scratch: Float64Array): Promise<BenchRow> {
  const n = Math.floor(ROWS / 10);
  const ref = await numericColumns(files.referenceParquet, n);
  const cur = await numericColumns(files.currentParquet, n);
  const worst: FourStats = { ks: 0, wassersteinNormed: 0, psi: 0, jensenShannon: 0 };
  ref.columns.forEach((col, i) => {
    const a = oursOneColumn(full.ref[i]!, full.cur[i]!, scratch).stats;
    const b = oursOneColumn(col, cur.columns[i]!, scratch).stats;
    for (const k of Object.keys(worst) as Array<keyof FourStats>) worst[k] = Math.max(worst[k], Math.abs(a[k] - b[k]));
  });
  const bound = 2 * Math.sqrt(Math.log(40) / (2 * n));
  const f = (x: number) => x.toFixed(4);
  return { case: `sampling error, ${ROWS.toLocaleString('en')} -> ${n.toLocaleString('en')} rows (max over columns: KS D / W1n / PSI / JS)`,
    ours: `${f(worst.ks)} / ${f(worst.wassersteinNormed)} / ${f(worst.psi)} / ${f(worst.jensenShannon)}`, baseline: '–', ratio: '–',
    target: `KS <= ${bound.toFixed(4)} (2x DKW, 95%)`, met: worst.ks <= bound };
}

function oursOneColumn(ref: Float64Array, cur: Float64Array, scratch: Float64Array): { ms: number; stats: FourStats } {
  const a = ref.slice();
  const b = cur.slice();
  const t = performance.now();
  const ra = sortFinite(a, scratch);
  const rb = sortFinite(b, scratch);
  const c = compareNumeric(a.subarray(0, ra.length), b.subarray(0, rb.length)).stats;
  const ms = performance.now() - t;
  return { ms, stats: { ks: c.ks!.statistic, wassersteinNormed: c.wassersteinNormed!, psi: c.psi!, jensenShannon: c.jensenShannon! } };
}

function timed<T>(f: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = f();
  return { ms: performance.now() - t, value };
}

/** The baselines must compute the same numbers, or the comparison means nothing. */
function assertAgree(name: string, ours: FourStats, other: FourStats, who: string): void {
  for (const k of Object.keys(ours) as Array<keyof FourStats>) {
    if (Math.abs(ours[k] - other[k]) > 1e-9 * Math.max(1, Math.abs(ours[k]))) throw new Error(`${who} disagrees on ${name}.${k}: ${ours[k]} vs ${other[k]}`);
  }
}

async function perColumnRows(files: DriftBenchFiles): Promise<BenchRow[]> {
  const ref = await numericColumns(files.referenceParquet);
  const cur = await numericColumns(files.currentParquet);
  const scratch = new Float64Array(ROWS);
  const ours: number[] = [];
  const plain: number[] = [];
  ref.names.forEach((name, i) => {
    const o = oursOneColumn(ref.columns[i]!, cur.columns[i]!, scratch);
    const p = timed(() => plainJsStats(ref.columns[i]!, cur.columns[i]!));
    assertAgree(name, o.stats, p.value, 'plain JS');
    ours.push(o.ms);
    plain.push(p.ms);
  });
  const sql = await sqlPerColumn(files, ref, cur, scratch);
  const sampling = await samplingRow(files, { ref: ref.columns, cur: cur.columns }, scratch);
  const [o, p] = [median(ours), median(plain)];
  return [
    { case: `per numeric column: sort + KS, W1, PSI, JS, one thread (median of ${ours.length})`, ours: s(o), baseline: `${s(p)} (plain JS sort-once)`, ratio: ratio(o, p), target: '<= 0.4 s', met: o <= 400 },
    { case: `per numeric column vs SQL (median of ${sql.ours.length})`, ours: s(median(sql.ours)), baseline: `${s(median(sql.base))} (DuckDB SQL)`, ratio: ratio(median(sql.ours), median(sql.base)), target: '<= 0.4 s', met: median(sql.ours) <= 400 },
    sampling,
  ];
}

async function sqlPerColumn(files: DriftBenchFiles, ref: { names: string[]; columns: Float64Array[] }, cur: { columns: Float64Array[] }, scratch: Float64Array) {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TABLE ref AS SELECT * FROM read_parquet('${files.referenceParquet}')`);
    await connection.run(`CREATE TABLE cur AS SELECT * FROM read_parquet('${files.currentParquet}')`);
    const ours: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < SQL_COLUMNS; i++) {
      const o = oursOneColumn(ref.columns[i]!, cur.columns[i]!, scratch);
      const t = performance.now();
      const stats = await duckdbStats(connection, ref.names[i]!);
      base.push(performance.now() - t);
      assertAgree(ref.names[i]!, o.stats, stats, 'DuckDB SQL');
      ours.push(o.ms);
    }
    return { ours, base };
  } finally { connection.closeSync(); instance.closeSync(); }
}

/** One whole report in a fresh process (driftChild.ts): wall and CPU time, and that process's peak RSS. */
function measure(mode: 'ours' | 'plain' | 'read', reference: string, current: string): { ms: number; cpu: number; rss: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'driftChild.ts'), mode, reference, current], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`drift bench child (${mode}) failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

function wholeRows(format: 'CSV' | 'Parquet', reference: string, current: string): BenchRow[] {
  const ours = Array.from({ length: RUNS }, () => measure('ours', reference, current));
  const base = measure('plain', reference, current);
  const read = measure('read', reference, current);
  const o = median(ours.map((r) => r.ms));
  const cpu = median(ours.map((r) => r.cpu));
  const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
  const rss = Math.max(...ours.map((r) => r.rss));
  return [
    { case: `whole report, ${format}, reading included, 2 cores (median of ${RUNS})`, ours: s(o), baseline: `${s(base.ms)} (plain JS sort-once, same reader)`, ratio: ratio(o, base.ms), target: '<= 4 s', met: o <= 4000 },
    { case: `  of which reading both files (row counts, categories, numeric columns)`, ours: s(read.ms), baseline: '(same reader)', ratio: '–', target: '–', met: null },
    { case: `  CPU time, all threads, ${format}`, ours: s(cpu), baseline: s(base.cpu), ratio: ratio(cpu, base.cpu), target: '–', met: null },
    { case: `  peak RSS (process), ${format}`, ours: mb(rss), baseline: mb(base.rss), ratio: ratio(rss, base.rss), target: '<= 1 GB', met: rss <= 2 ** 30 },
  ];
}

const suite: BenchSuite = {
  title: `Drift, ${ROWS.toLocaleString('en')} vs ${ROWS.toLocaleString('en')} rows, 20 numeric + 5 categorical`,
  baselineName: 'baseline',
  async run() {
    const load = loadavg()[0]!.toFixed(1);
    const files = await ensureDriftBenchData(ROWS);
    const rows = [...await perColumnRows(files), ...wholeRows('CSV', files.referenceCsv, files.currentCsv),
      ...wholeRows('Parquet', files.referenceParquet, files.currentParquet)];
    rows.push({ case: 'machine load (1-min average, 2 cores) at start / end', ours: `${load} / ${loadavg()[0]!.toFixed(1)}`, baseline: '', ratio: '', target: '', met: null });
    return rows;
  },
};

export default suite;
