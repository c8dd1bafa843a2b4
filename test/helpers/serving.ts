// A real serving workspace for the serving tests: the churn example in a temporary git repository,
// trained for real (few epochs) and registered as churn-classifier v1 (production) and v2 (staging,
// a different network and seed, so the two disagree on some rows).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promoteVersion } from '../../server/src/core/registry/promote';
import { registerRun } from '../../server/src/core/registry/register';
import { runTraining } from '../../server/src/core/training/run';
import { loadRunnableSpec } from '../../server/src/core/pipeline/load';
import { sandbox, type Sandbox } from '../git/helpers';
import { CLI } from './cli';
import { EXAMPLE } from './workspace';

export const MODEL = 'churn-classifier';

export interface ServingWorkspace extends Sandbox {
  /** Run ids of v1 and v2. */
  runs: string[];
}

/**
 * Training is seeded, so the same code, spec and data give the same runs: test files share them
 * through a cache in the temp folder keyed by the training code and the example's files (a change to
 * either trains afresh). Runs are published by rename, so files racing to fill it never see half a run.
 */
function cacheDir(): string {
  const hash = createHash('sha256');
  const add = (dir: string) => {
    for (const f of readdirSync(dir).sort()) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) add(p); else hash.update(f).update(readFileSync(p));
    }
  };
  add(resolve(__dirname, '../../server/src/core/training'));
  for (const f of ['mlops.yaml', 'data/train.csv', 'contracts/customers.odcs.yaml']) hash.update(readFileSync(join(EXAMPLE, f)));
  hash.update(__filename).update(readFileSync(__filename));
  return join(tmpdir(), 'mlops-test-serving-runs', hash.digest('hex').slice(0, 16));
}

async function trainedRun(dir: string, seed: number, units: number): Promise<string> {
  const cached = join(cacheDir(), `seed-${seed}-units-${units}`);
  if (existsSync(join(cached, 'run.json'))) {
    const id = (JSON.parse(readFileSync(join(cached, 'run.json'), 'utf8')) as { id: string }).id;
    cpSync(cached, join(dir, '.mlops', 'runs', id), { recursive: true });
    return id;
  }
  const specPath = join(dir, 'mlops.yaml');
  const { spec, hash } = loadRunnableSpec(specPath);
  spec.training = { ...spec.training, epochs: 6, seed };
  spec.model = { ...spec.model!, layers: [{ units, activation: 'relu' }] };
  const r = await runTraining({ workspace: dir, specPath, specHash: hash, spec });
  if (r.status !== 'completed') throw new Error(`training failed: ${r.error}`);
  const tmp = `${cached}.${process.pid}.tmp`;
  mkdirSync(dirname(cached), { recursive: true });
  cpSync(join(dir, '.mlops', 'runs', r.runId), tmp, { recursive: true });
  try { renameSync(tmp, cached); } catch { rmSync(tmp, { recursive: true, force: true }); }
  return r.runId;
}

async function trainVersion(dir: string, env: NodeJS.ProcessEnv, seed: number, units: number): Promise<string> {
  const runId = await trainedRun(dir, seed, units);
  await registerRun({ workspace: dir, runId, env, force: 'test fixture: few epochs', message: `seed ${seed}` });
  return runId;
}

/**
 * Builds the workspace; `versions` is 1 or 2. v1 holds `production`; v2 (when made) holds `staging`.
 */
export async function servingWorkspace(versions = 2): Promise<ServingWorkspace> {
  const s = sandbox();
  cpSync(EXAMPLE, s.dir, { recursive: true, filter: (src) => !src.split(/[\\/]/).includes('.mlops') });
  writeFileSync(join(s.dir, '.gitignore'), '.mlops/\n');
  s.git('add', '-A');
  s.git('commit', '-q', '-m', 'example');
  const runs = [await trainVersion(s.dir, s.env, 42, 16)];
  await promoteVersion({ workspace: s.dir, model: MODEL, version: 'v1', alias: 'production', env: s.env });
  if (versions > 1) {
    runs.push(await trainVersion(s.dir, s.env, 7, 4));
    await promoteVersion({ workspace: s.dir, model: MODEL, version: 'v2', alias: 'staging', env: s.env });
  }
  return { ...s, runs };
}

export interface ServeProcess {
  url: string;
  proc: ChildProcess;
  stdout: string[];
  stderr: () => string;
  /** Sends SIGINT and waits for the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `mlops serve` (built CLI) with --port 0 and waits for its "listening on" line. */
export async function startServe(args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<ServeProcess> {
  const proc = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  let buffered = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mlops serve did not start in ${timeoutMs} ms: ${err}`)), timeoutMs);
    proc.stdout!.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const l of lines) {
        stdout.push(l);
        const m = /^listening on (http:\/\/\S+)$/.exec(l);
        if (m) { clearTimeout(timer); resolve(m[1]!); }
      }
    });
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`mlops serve exited ${code}: ${err}`)); });
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    url, proc, stdout, stderr: () => err,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGINT');
      return exited;
    },
  };
}

/** Rows of a CSV as column -> values, typed for the churn example (numbers for its numeric columns). */
export function exampleRows(dir: string, from: number, count: number, file = 'data/current.csv'): Array<Record<string, unknown>> {
  const [head, ...lines] = readFileSync(join(dir, file), 'utf8').trim().split('\n');
  const names = head!.split(',');
  const numeric = new Set(['age', 'tenure_months', 'monthly_charges', 'support_calls']);
  return lines.slice(from, from + count).map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i]!, numeric.has(names[i]!) ? (v === '' ? null : Number(v)) : v])));
}

export const FEATURES = ['age', 'tenure_months', 'plan', 'contract_type', 'monthly_charges', 'support_calls'];
const DATATYPE: Record<string, string> = { age: 'INT64', tenure_months: 'INT64', plan: 'BYTES', contract_type: 'BYTES', monthly_charges: 'FP64', support_calls: 'INT64' };

/** A v2 inference request body for rows of the example (one tensor per feature). */
export function v2Body(rows: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...extra, inputs: FEATURES.map((name) => ({ name, shape: [rows.length], datatype: DATATYPE[name], data: rows.map((r) => r[name]) })) };
}
