// Serving speed (npm run bench serving): `mlops serve` under autocannon (loopback, 64 connections)
// against the ceiling of Node's HTTP on this machine (a plain node:http server parsing the same body
// and answering a fixed body of the same size), with and without micro-batching; 10,000-row
// requests; memory with a shadow loaded; a promotion under load; and `mlops predict` on 1M rows.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CLI } from '../helpers/cli';
import { runLoad } from '../helpers/load';
import { exampleRows, MODEL, servingWorkspace, startServe, v2Body, type ServeProcess, type ServingWorkspace } from '../helpers/serving';
import type { BenchRow, BenchSuite } from './table';

const SECONDS = Number(process.env.SERVING_BENCH_SECONDS ?? 10);
const PREDICT_ROWS = Number(process.env.SERVING_BENCH_ROWS ?? 1_000_000);
const INFER = `/v2/models/${MODEL}/infer`;

interface Measured { rps: number; p50: number; p99: number; errors: number; non2xx: number; total: number }

async function measure(url: string, body: string, connections: number, seconds = SECONDS): Promise<Measured> {
  await runLoad({ url, path: INFER, body, connections, seconds: 2 }).done;
  const r = await runLoad({ url, path: INFER, body, connections, seconds }).done;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx, total: r.requests.total };
}

async function startCeiling(answer: string, dir: string): Promise<{ url: string; proc: ChildProcess }> {
  const file = join(dir, `ceiling-answer-${answer.length}.json`);
  writeFileSync(file, answer);
  const proc = spawn(process.execPath, [resolve(__dirname, 'servingCeiling.js'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok, fail) => {
    proc.stdout!.on('data', (d: Buffer) => { const m = /listening on (\S+)/.exec(d.toString()); if (m) ok(m[1]!); });
    proc.once('exit', (c) => fail(new Error(`ceiling server exited ${c}`)));
  });
  return { url, proc };
}

function rssMB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
}

async function promoteWithCli(ws: ServingWorkspace): Promise<void> {
  const proc = spawn(process.execPath, [CLI, 'promote', MODEL, 'v2', 'production', '--reason', 'bench', '--workspace', ws.dir], { cwd: ws.dir, env: { ...process.env, ...ws.env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  const code = await new Promise<number | null>((r) => proc.once('exit', r));
  if (code !== 0) throw new Error(`mlops promote failed (${code}): ${err}`);
}

/** Promotes v2 while 64 connections send single rows; latencies split into during-the-swap and steady. */
async function promoteUnderLoad(ws: ServingWorkspace, srv: ServeProcess, body: string): Promise<{ failed: number; total: number; swapP99: number; steadyP99: number }> {
  const samples: Array<{ at: number; ms: number; ok: boolean }> = [];
  const load = runLoad({ url: srv.url, path: INFER, body, connections: 64, seconds: SECONDS + 6, onResponse: (status, ms) => samples.push({ at: Date.now(), ms, ok: status === 200 }) });
  await new Promise((r) => setTimeout(r, 3000));
  const promotedAt = Date.now();
  // `mlops promote` in its own process, as a user runs it: promoting inside this process would stall
  // the load generator's event loop (git calls, file writes) and charge that stall to the server.
  await promoteWithCli(ws);
  let swappedAt = 0;
  while (!swappedAt && Date.now() - promotedAt < 30_000) {
    const status = await (await fetch(`${srv.url}/mlops/status`)).json() as { timeline: Array<{ event: string; at: string }> };
    const swap = status.timeline.find((e) => e.event === 'swapped');
    if (swap) swappedAt = Date.parse(swap.at);
    else await new Promise((r) => setTimeout(r, 50));
  }
  const result = await load.done;
  // The swap window: from the promotion until a second after the new version took over.
  const during = samples.filter((s) => s.at >= promotedAt && s.at <= swappedAt + 1000).map((s) => s.ms);
  const steady = samples.filter((s) => s.at < promotedAt - 500 || s.at > swappedAt + 2000).map((s) => s.ms);
  return { failed: result.errors + result.non2xx, total: result.requests.total, swapP99: quantile(during, 0.99), steadyP99: quantile(steady, 0.99) };
}

/** A CSV of `rows` rows cut from the example's own data (customer ids made unique). */
function bigCsv(ws: ServingWorkspace, rows: number): string {
  const [head, ...lines] = readFileSync(join(ws.dir, 'data/train.csv'), 'utf8').trim().split('\n');
  const path = join(ws.dir, 'big.csv');
  const parts: string[] = [`${head}\n`];
  for (let i = 0; i < rows; i++) parts.push(`C${i}${lines[i % lines.length]!.slice(lines[i % lines.length]!.indexOf(','))}\n`);
  writeFileSync(path, parts.join(''));
  return path;
}

const f0 = (x: number) => x.toFixed(0);
const f1 = (x: number) => x.toFixed(1);

const suite: BenchSuite = {
  title: 'Serving (2 cores, loopback, autocannon)',
  baselineName: 'plain node:http, same body parsed, fixed answer (same run)',
  async run(): Promise<BenchRow[]> {
    const ws = await servingWorkspace(2);
    const running: Array<{ stop(): Promise<unknown> } | ChildProcess> = [];
    try {
      const one = JSON.stringify(v2Body(exampleRows(ws.dir, 0, 1)));
      const big = JSON.stringify(v2Body(exampleRows(ws.dir, 0, 3000).concat(exampleRows(ws.dir, 0, 3000), exampleRows(ws.dir, 0, 3000), exampleRows(ws.dir, 0, 1000))));
      const srv = await startServe(['--model', MODEL, '--workspace', ws.dir, '--log-sample', '0.01'], ws.dir, ws.env);
      running.push(srv);
      const answer = await (await fetch(`${srv.url}${INFER}`, { method: 'POST', body: one })).text();
      const ceiling = await startCeiling(answer.replace(/"data":\[([0-9.e-]+)\]/, (_m, n: string) => `"data":[${'1'.padEnd(n.length, '0')}]`), ws.dir);
      running.push(ceiling.proc);
      const base = await measure(ceiling.url, one, 64);
      const ours = await measure(srv.url, one, 64);
      const bigRows = 10_000;
      const oursBig = await measure(srv.url, big, 4);
      // The ceiling for 10,000-row requests answers a fixed body as large as ours.
      const bigAnswer = await (await fetch(`${srv.url}${INFER}`, { method: 'POST', body: big })).text();
      const bigCeiling = await startCeiling(bigAnswer, ws.dir);
      running.push(bigCeiling.proc);
      const baseBig = await measure(bigCeiling.url, big, 4);
      bigCeiling.proc.kill('SIGINT');
      await srv.stop();
      const single = await startServe(['--model', MODEL, '--workspace', ws.dir, '--log-sample', '0.01', '--max-batch', '1'], ws.dir, ws.env);
      running.push(single);
      const unbatched = await measure(single.url, one, 64);
      await single.stop();
      const shadowed = await startServe(['--model', MODEL, '--workspace', ws.dir, '--shadow', 'staging', '--log-sample', '0.01', '--poll-ms', '100'], ws.dir, ws.env);
      running.push(shadowed);
      await measure(shadowed.url, big, 4, Math.max(3, SECONDS / 2));
      const mem = rssMB(shadowed.proc.pid!);
      const ceilingMem = rssMB(ceiling.proc.pid!);
      const swap = await promoteUnderLoad(ws, shadowed, one);
      await shadowed.stop();
      ceiling.proc.kill('SIGINT');
      const csv = bigCsv(ws, PREDICT_ROWS);
      let t = performance.now();
      const predicted = spawnSync(process.execPath, [CLI, 'predict', '--model', MODEL, '--data', csv, '--out', join(ws.dir, 'big-scores.csv')], { cwd: ws.dir, env: { ...process.env, ...ws.env }, encoding: 'utf8' });
      const predictS = (performance.now() - t) / 1000;
      if (predicted.status !== 0) throw new Error(`mlops predict failed: ${predicted.stderr}`);
      // Context: reading the same columns into JavaScript with DuckDB alone (predict's first step).
      const read = `const { DuckDBInstance } = require('@duckdb/node-api');
        (async () => { const db = await DuckDBInstance.create(':memory:'); const c = await db.connect();
          const t = performance.now();
          const r = await c.runAndReadAll("SELECT customer_id, CAST(age AS DOUBLE), CAST(tenure_months AS DOUBLE), plan, contract_type, CAST(monthly_charges AS DOUBLE), CAST(support_calls AS DOUBLE) FROM read_csv('${csv}')");
          r.getColumnsJS(); process.stdout.write(String((performance.now() - t) / 1000)); })();`;
      const readS = Number(spawnSync(process.execPath, ['-e', read], { cwd: resolve(__dirname, '../..'), encoding: 'utf8' }).stdout);
      const rowsPerS = PREDICT_ROWS / predictS;
      return [
        { case: 'single-row v2 infer, 64 connections: requests/s', ours: f0(ours.rps), baseline: f0(base.rps), ratio: `${(ours.rps / base.rps).toFixed(2)}x`, target: '>= 0.5x', met: ours.rps >= 0.5 * base.rps },
        { case: 'single-row v2 infer, 64 connections: p50 / p99 latency (ms)', ours: `${f1(ours.p50)} / ${f1(ours.p99)}`, baseline: `${f1(base.p50)} / ${f1(base.p99)}`, ratio: `${(ours.p99 / base.p99).toFixed(2)}x`, target: 'p99 <= 20 ms', met: ours.p99 <= 20 },
        { case: 'same, no micro-batching (maxBatch 1): requests/s, p99 (ms)', ours: `${f0(unbatched.rps)}, ${f1(unbatched.p99)}`, baseline: f0(base.rps), ratio: `${(unbatched.rps / base.rps).toFixed(2)}x`, target: 'context', met: null },
        { case: '10,000-row requests, 4 connections: rows/s', ours: f0(oursBig.rps * bigRows), baseline: f0(baseBig.rps * bigRows), ratio: `${(oursBig.rps / baseBig.rps).toFixed(2)}x`, target: '>= 300k rows/s', met: oursBig.rps * bigRows >= 300_000 },
        { case: 'RSS with primary and shadow loaded, after 10k-row load (peak) MB', ours: `${f0(mem.rss)} (${f0(mem.peak)})`, baseline: `${f0(ceilingMem.rss)} (${f0(ceilingMem.peak)})`, ratio: `${(mem.peak / ceilingMem.peak).toFixed(1)}x`, target: '<= 300 MB', met: mem.peak <= 300 },
        { case: `promote under load (64 connections): failed of ${swap.total} requests`, ours: String(swap.failed), baseline: '–', ratio: '–', target: '0', met: swap.failed === 0 },
        { case: 'promote under load: p99 during the swap vs steady (ms)', ours: f1(swap.swapP99), baseline: f1(swap.steadyP99), ratio: `${(swap.swapP99 / swap.steadyP99).toFixed(2)}x`, target: '<= 2x steady', met: swap.swapP99 <= 2 * swap.steadyP99 },
        { case: `mlops predict, ${PREDICT_ROWS.toLocaleString('en')}-row CSV end to end: rows/s (wall s)`, ours: `${f0(rowsPerS)} (${predictS.toFixed(2)} s)`, baseline: `DuckDB read alone: ${readS.toFixed(2)} s`, ratio: `${(predictS / readS).toFixed(1)}x`, target: '>= 300k rows/s', met: rowsPerS >= 300_000 },
      ];
    } finally {
      for (const r of running) { if ('stop' in r) await r.stop().catch(() => undefined); else if (r.exitCode === null) r.kill('SIGINT'); }
      ws.cleanup();
    }
  },
};

export default suite;
