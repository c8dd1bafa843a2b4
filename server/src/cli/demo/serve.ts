import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIO } from '../io';
import type { DemoStep } from './step';
import { contractChecker } from '../training';
import { loadRunnableSpec } from '../../core/pipeline/load';
import { completedRuns, makeDemoRepository } from '../../core/registry/demoRepo';
import { promoteVersion } from '../../core/registry/promote';
import { registerRun } from '../../core/registry/register';
import { monitorModel } from '../../core/serving/monitor/monitor';
import { summaryLines } from '../../core/serving/monitor/render';
import { defaultLogDir, resolveServeOptions } from '../../core/serving/options';
import { ServingServer } from '../../core/serving/server';
import { runTraining } from '../../core/training/run';
import { trainStep } from './train';

const MODEL = 'churn-classifier';
const FEATURES = ['age', 'tenure_months', 'plan', 'contract_type', 'monthly_charges', 'support_calls'];
const NUMERIC = new Set(['age', 'tenure_months', 'monthly_charges', 'support_calls']);

/** Rows of the example's current data as a v2 request body (one tensor per feature). */
function requestBody(workspace: string, from: number, count: number): string {
  const [head, ...lines] = readFileSync(join(workspace, 'data/current.csv'), 'utf8').trim().split('\n');
  const names = head!.split(',');
  const rows = lines.slice(from, from + count).map((l) => l.split(','));
  const column = (name: string) => rows.map((r) => { const v = r[names.indexOf(name)]!; return NUMERIC.has(name) ? Number(v) : v; });
  return JSON.stringify({ inputs: FEATURES.map((name) => ({ name, shape: [rows.length], datatype: name === 'monthly_charges' ? 'FP64' : NUMERIC.has(name) ? 'INT64' : 'BYTES', data: column(name) })) });
}

async function infer(url: string, body: string): Promise<{ model_version: string; outputs: Array<{ name: string; data: unknown[] }> }> {
  const res = await fetch(`${url}/v2/models/${MODEL}/infer`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  return res.json() as Promise<{ model_version: string; outputs: Array<{ name: string; data: unknown[] }> }>;
}

/** v1 from the newest run (production); v2 trained here with another seed and a smaller network (staging). */
async function registerTwoVersions(repo: string, runId: string, io: CliIO): Promise<void> {
  const force = 'demo: registered whatever the gates say';
  await registerRun({ workspace: repo, runId, env: io.env, message: 'v1 by npm run demo', force });
  await promoteVersion({ workspace: repo, model: MODEL, version: 'v1', alias: 'production', reason: 'demo: first version', env: io.env });
  const specPath = join(repo, 'mlops.yaml');
  const { spec, hash } = loadRunnableSpec(specPath);
  spec.training = { ...spec.training, seed: 7, epochs: 10 };
  spec.model = { ...spec.model!, layers: [{ units: 8, activation: 'relu' }] };
  const second = await runTraining({ workspace: repo, specPath, specHash: hash, spec, checkContract: contractChecker });
  if (second.status !== 'completed') throw new Error(`training the second version failed: ${second.error}`);
  await registerRun({ workspace: repo, runId: second.runId, env: io.env, message: 'v2 by npm run demo', force });
  await promoteVersion({ workspace: repo, model: MODEL, version: 'v2', alias: 'staging', reason: 'demo: candidate', env: io.env });
  io.out(`registered v1 (production, run ${runId}) and v2 (staging, run ${second.runId}: seed 7, 8 units)\n`);
}

/** Promotes v2 to production while requests keep coming; counts who answered and any failure. */
async function promoteWhileServing(server: ServingServer, repo: string, body: string, io: CliIO): Promise<boolean> {
  const answered = new Map<string, number>();
  let failed = 0;
  let sending = true;
  const traffic = (async () => {
    while (sending) {
      try { const r = await infer(server.url, body); answered.set(r.model_version, (answered.get(r.model_version) ?? 0) + 1); } catch { failed++; }
    }
  })();
  await new Promise((r) => setTimeout(r, 300));
  await promoteVersion({ workspace: repo, model: MODEL, version: 'v2', alias: 'production', reason: 'demo: promoted while serving', env: io.env });
  const deadline = Date.now() + 30_000;
  while (server.primary.current?.version !== 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 300));
  sending = false;
  await traffic;
  const swap = server.primary.events.find((e) => e.event === 'swapped');
  io.out(`promoted v2 to production while serving: ${swap ? `swapped v${swap.from} -> v${swap.version} after loading and warming it in ${swap.ms} ms` : 'no swap seen'}; ` +
    `answers: ${[...answered].map(([v, n]) => `${v} ${n}`).join(', ')}; failed requests: ${failed}\n`);
  return swap !== undefined && failed === 0;
}

async function serveAndMonitor(repo: string, io: CliIO): Promise<boolean> {
  const server = new ServingServer(resolveServeOptions(repo, MODEL, { pollMs: 100 }, { port: 0, shadow: 'staging', env: io.env }));
  const url = await server.start();
  io.out(`mlops serve --model ${MODEL} --shadow staging: listening on ${url}\n`);
  let ok = false;
  try {
    for (const [from, n] of [[0, 1], [1, 3]] as const) {
      const r = await infer(url, requestBody(repo, from, n));
      io.out(`POST /v2/models/${MODEL}/infer (${n} row${n > 1 ? 's' : ''}) -> ${r.model_version}: ${r.outputs.map((o) => `${o.name} ${JSON.stringify(o.data)}`).join(', ')}\n`);
    }
    ok = await promoteWhileServing(server, repo, requestBody(repo, 0, 5), io);
    for (let i = 0; i < 20; i++) await infer(url, requestBody(repo, 100 + i * 50, 50));
    await server.shadowQueue?.idle();
  } finally {
    await server.close();
  }
  const report = await monitorModel({ workspace: repo, model: MODEL, logDir: defaultLogDir(repo, MODEL), shownLogDir: `.mlops/serving/${MODEL}`,
    spec: loadRunnableSpec(join(repo, 'mlops.yaml')).spec, specDir: repo });
  io.out(`\nmlops monitor --spec mlops.yaml:\n${summaryLines(report).map((l) => `  ${l}`).join('\n')}\n`);
  return ok;
}

/**
 * Serves the example in a temporary git copy: v1 in production with v2 in its shadow, a few requests,
 * v2 promoted while requests keep coming (no request may fail), then `mlops monitor` on the log.
 */
export const serveStep: DemoStep = {
  title: 'Serve the model (v2 protocol), shadow and promote a second version while serving, monitor the log',
  async run(workspace, io) {
    const run = completedRuns(workspace)[0] ?? (await trainStep.run(workspace, io), completedRuns(workspace)[0]);
    if (!run) {
      io.out('No completed run to serve.\n');
      return false;
    }
    const temp = await makeDemoRepository(workspace, run.id, io.env);
    try {
      io.out(`Temporary repository: ${temp.workspace}\n`);
      await registerTwoVersions(temp.workspace, run.id, io);
      return await serveAndMonitor(temp.workspace, io);
    } finally {
      if (io.env.MLOPS_DEMO_KEEP) io.out(`Kept ${temp.root} (MLOPS_DEMO_KEEP is set).\n`);
      else rmSync(temp.root, { recursive: true, force: true });
    }
  },
};
