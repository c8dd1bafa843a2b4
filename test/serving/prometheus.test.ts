// A real Prometheus (Debian's `prometheus` package) started on loopback with a generated config that
// scrapes our server; its HTTP API must return our series with their labels and values.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/freePort';
import type { ServingServer } from '../../server/src/core/serving/server';
import { exampleRows, MODEL, servingWorkspace, v2Body, type ServingWorkspace } from '../helpers/serving';
import { post, startInProcess } from './inprocess';

const hasPrometheus = spawnSync('prometheus', ['--version'], { encoding: 'utf8' }).status === 0;
const SKIP = hasPrometheus ? false : 'the prometheus binary is not installed (Debian package `prometheus`)';

let ws: ServingWorkspace | undefined;
let server: ServingServer | undefined;
let prom: ChildProcess | undefined;
const dir = mkdtempSync(join(tmpdir(), 'mlops-prometheus-'));


async function until<T>(what: string, deadline: number, f: () => Promise<T | undefined>): Promise<T> {
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await f();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what} (${String(last ?? 'no answer yet')})`);
}

before(async () => {
  if (!hasPrometheus) return;
  ws = await servingWorkspace(1);
  server = await startInProcess(ws.dir, ws.env);
});
after(async () => {
  prom?.kill('SIGTERM');
  await server?.close(0);
  ws?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

test('Prometheus scrapes /metrics and its query API returns our series', { skip: SKIP }, async () => {
  const target = new URL(server!.url).host;
  writeFileSync(join(dir, 'prometheus.yml'), `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: mlops\n    static_configs:\n      - targets: ['${target}']\n`);
  const port = await freePort();
  let log = '';
  prom = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  prom.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
  const api = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  await until(`Prometheus to be ready (${log})`, deadline, async () => ((await fetch(`${api}/-/ready`)).ok ? true : undefined));
  for (let i = 0; i < 5; i++) assert.equal((await post(server!, `/v2/models/${MODEL}/infer`, v2Body(exampleRows(ws!.dir, i * 10, 10)))).status, 200);
  await post(server!, `/v2/models/${MODEL}/infer`, { inputs: [] });
  const query = async (q: string) => {
    const body = await (await fetch(`${api}/api/v1/query?query=${encodeURIComponent(q)}`)).json() as { status: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
    assert.equal(body.status, 'success');
    return body.data.result;
  };
  const requests = await until('mlops_requests_total with all 5 requests', deadline, async () => {
    const r = await query('mlops_requests_total{code="200"}');
    return r.length && Number(r[0]!.value[1]) >= 5 ? r : undefined;
  });
  assert.deepEqual({ ...requests[0]!.metric, instance: undefined }, { __name__: 'mlops_requests_total', model: MODEL, version: 'v1', code: '200', job: 'mlops', instance: undefined });
  assert.equal(Number((await query('mlops_predictions_total'))[0]!.value[1]), 50);
  assert.equal((await query('mlops_model_version_info{alias="production"}'))[0]!.metric.version, 'v1');
  const errors = await until('mlops_request_errors_total', deadline, async () => {
    const r = await query('mlops_request_errors_total');
    return r.length ? r : undefined;
  });
  assert.equal(errors[0]!.metric.reason, 'missing_input');
  const buckets = await query('mlops_request_duration_seconds_count');
  assert.ok(Number(buckets[0]!.value[1]) >= 5);
  assert.equal(Number((await query('up{job="mlops"}'))[0]!.value[1]), 1);
});
