// Data contract checks on 1,000,000 rows x 12 columns with 20 rules, end to end (open, sniff, plan,
// scan, verdicts), against the same rules run by hand in DuckDB SQL and by csv-parse plus JS checks,
// in the same run (interleaved, medians). Peak memory is measured in fresh processes for 1M and 3M rows.
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse';
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkData } from '../../server/src/core/contract/check';
import { BENCH_CONTRACT, JsChecks, benchSql, writeBenchCsv } from '../fixtures/contracts/benchData';
import { median, type BenchRow, type BenchSuite } from './table';

const ROWS = 1_000_000;
const REPS = 7;

/** Wall-clock and CPU milliseconds of one run (CPU counts DuckDB's threads too: they run in this process). */
async function timed(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const c = process.cpuUsage();
  const t = performance.now();
  await fn();
  const used = process.cpuUsage(c);
  return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000 };
}

async function duckdbByHand(csv: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    await connection.runAndReadAll(benchSql(csv));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function csvParseChecks(csv: string): Promise<void> {
  const checks = new JsChecks();
  const parser = createReadStream(csv).pipe(parse({ from_line: 2, relax_column_count: true }));
  for await (const record of parser) checks.row(record as string[]);
  checks.finish();
  if (checks.rows !== ROWS) throw new Error(`csv-parse read ${checks.rows} rows`);
}

function peakMemoryMB(contract: string, csv: string): number {
  const probe = resolve(__dirname, '../fixtures/contracts/memoryProbe.ts');
  const out = execFileSync(process.execPath, ['--import', 'tsx', probe, contract, csv], { encoding: 'utf8' });
  return (JSON.parse(out.trim()) as { maxRssMB: number }).maxRssMB;
}

const rate = (ms: number) => `${(ROWS / ms / 1000).toFixed(2)} M rows/s (${Math.round(ms)} ms)`;

const suite: BenchSuite = {
  title: 'Data contract check, 1M rows x 12 cols, 20 rules',
  baselineName: 'baseline (same run)',
  async run(): Promise<BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), 'mlops-contract-bench-'));
    try {
      const csv = join(dir, 'customers.csv');
      const big = join(dir, 'customers3m.csv');
      const contract = join(dir, 'customers.odcs.yaml');
      writeBenchCsv(csv, ROWS);
      writeBenchCsv(big, ROWS * 3);
      writeFileSync(contract, BENCH_CONTRACT);
      const ours = () => checkData({ contractPath: contract, dataPath: csv }).then((r) => {
        if (!r.passed || r.rows !== ROWS) throw new Error('the bench data should pass its contract');
      });
      await ours();
      await duckdbByHand(csv);
      const t = { ours: [] as Array<{ wall: number; cpu: number }>, duck: [] as Array<{ wall: number; cpu: number }>, js: [] as number[] };
      for (let i = 0; i < REPS; i++) {
        t.ours.push(await timed(ours));
        t.duck.push(await timed(() => duckdbByHand(csv)));
        if (i < 2) t.js.push((await timed(() => csvParseChecks(csv))).wall);
      }
      const [o, d, j] = [median(t.ours.map((x) => x.wall)), median(t.duck.map((x) => x.wall)), median(t.js)];
      const [oc, dc] = [median(t.ours.map((x) => x.cpu)), median(t.duck.map((x) => x.cpu))];
      const mem1 = peakMemoryMB(contract, csv);
      const mem3 = peakMemoryMB(contract, big);
      return [
        { case: 'end to end vs DuckDB SQL written by hand', ours: rate(o), baseline: rate(d), ratio: `${(d / o).toFixed(2)}x`, target: '>= 1.0x', met: d / o >= 1 },
        { case: 'CPU time per run (both threads) vs DuckDB SQL by hand', ours: `${Math.round(oc)} ms`, baseline: `${Math.round(dc)} ms`, ratio: `${(dc / oc).toFixed(2)}x`, target: '>= 1.0x', met: dc / oc >= 1 },
        { case: 'end to end vs csv-parse + JS checks', ours: rate(o), baseline: rate(j), ratio: `${(j / o).toFixed(2)}x`, target: '>= 1.0x', met: j / o >= 1 },
        { case: 'peak RSS, 3M rows vs 1M rows', ours: `${Math.round(mem3)} MB`, baseline: `${Math.round(mem1)} MB`, ratio: `${(mem3 / mem1).toFixed(2)}x`, target: '<= 1.5x (flat)', met: mem3 / mem1 <= 1.5 },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
