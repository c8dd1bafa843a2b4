// Real temporary git repositories and run folders for the registry tests. Each repository gets its
// own global config file so the developer's ~/.gitconfig (hooks, signing, LFS) cannot change results.
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli } from '../../server/src/cli/main';
import type { RunRecord } from '../../server/src/core/tracking/types';

export interface Sandbox {
  dir: string;
  env: NodeJS.ProcessEnv;
  git(...args: string[]): string;
  cleanup(): void;
}

/** A temp folder with an isolated git configuration; `init` makes it a repository with one commit. */
export function sandbox(o: { init?: boolean; commit?: boolean } = {}): Sandbox {
  const base = mkdtempSync(join(tmpdir(), 'mlops-reg-test-'));
  const dir = join(base, 'ws');
  mkdirSync(dir);
  const config = join(base, 'gitconfig');
  writeFileSync(config, '[user]\n\tname = Test User\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: base, GIT_CONFIG_GLOBAL: config, GIT_CONFIG_NOSYSTEM: '1',
    GIT_CEILING_DIRECTORIES: base, LANG: 'C', LC_ALL: 'C',
  };
  const git = (...args: string[]): string => runGit(dir, env, args);
  if (o.init !== false) {
    git('init', '-q');
    if (o.commit !== false) {
      writeFileSync(join(dir, 'README.md'), '# project\n');
      writeFileSync(join(dir, '.gitignore'), '.mlops/\n');
      git('add', 'README.md', '.gitignore');
      git('commit', '-q', '-m', 'initial');
    }
  }
  return { dir, env, git, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

export function runGit(cwd: string, env: NodeJS.ProcessEnv, args: string[], options: ExecFileSyncOptions = {}): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...options }) as string;
}

/** Deterministic bytes (mulberry32), so fixtures are the same on every run. */
export function seededBytes(seed: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  let a = seed >>> 0;
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

export interface RunFixture {
  status?: RunRecord['status'];
  metrics?: Record<string, number>;
  gates?: RunRecord['gates'];
  weightsBytes?: number;
  seed?: number;
  sweepId?: string;
  endedAt?: string;
  /** Fields written over the generated record (e.g. pid and host of a running run). */
  extra?: Partial<RunRecord>;
}

/** Writes `.mlops/runs/<id>/` as the training engine does: run.json plus a tfjs model folder. */
export function makeRun(workspace: string, id: string, f: RunFixture = {}): RunRecord {
  const runDir = join(workspace, '.mlops', 'runs', id);
  const modelDir = join(runDir, 'model');
  mkdirSync(modelDir, { recursive: true });
  const weights = seededBytes(f.seed ?? 7, f.weightsBytes ?? 2048);
  writeFileSync(join(modelDir, 'weights.bin'), weights);
  writeFileSync(join(modelDir, 'model.json'), JSON.stringify({
    format: 'layers-model', modelTopology: { class_name: 'Sequential' },
    weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'dense/kernel', shape: [weights.length / 4], dtype: 'float32' }] }],
  }));
  writeFileSync(join(modelDir, 'preprocessing.json'), JSON.stringify({ age: { transform: 'standardize', mean: 41.2, std: 12.5 } }));
  const record: RunRecord = {
    id, specPath: 'mlops.yaml', specHash: 'a'.repeat(64), params: { training: { learningRate: 0.003, epochs: 30 } },
    backend: 'wasm', seed: f.seed ?? 7, startedAt: '2025-01-01T10:00:00.000Z', endedAt: f.endedAt ?? '2025-01-01T10:01:00.000Z',
    status: f.status ?? 'completed', data: { train: { path: 'data/train.csv', sha256: 'b'.repeat(64), rows: 5000 } },
    contract: { path: 'contracts/customers.odcs.yaml', id: 'customers', version: '1.0.0' },
    git: { commit: 'c'.repeat(40), dirty: false }, gates: f.gates ?? [{ metric: 'auc', condition: '>= 0.75', value: 0.82, passed: true }],
    metrics: f.metrics ?? { auc: 0.82, loss: 0.41, val_auc: 0.8, accuracy: 0.77 }, modelDir: 'model',
    ...(f.sweepId ? { sweepId: f.sweepId, trial: 2 } : {}),
    ...f.extra,
  };
  writeFileSync(join(runDir, 'run.json'), `${JSON.stringify(record, null, 2)}\n`);
  return record;
}

/** Everything a registry command must leave alone: status, index entries and every file's hash. */
export interface RepoSnapshot {
  status: string;
  index: string;
  files: Record<string, string>;
  head: string;
}

export function snapshot(s: Sandbox, exclude: (path: string) => boolean = () => false): RepoSnapshot {
  const files: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const rel = relative(s.dir, p);
      if (rel === '.git' || exclude(rel)) continue;
      if (e.isDirectory()) walk(p);
      else files[rel] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(s.dir);
  const lines = (text: string): string => text.split('\n').filter((l) => l && !exclude(l.replace(/^.*\t/, '').replace(/^.. /, ''))).join('\n');
  const read = (...args: string[]): string => {
    try { return s.git(...args); } catch { return '(git failed: no repository or no commit)'; }
  };
  return { status: lines(read('status', '--porcelain')), index: lines(read('ls-files', '-s')), files, head: read('rev-parse', '-q', '--verify', 'HEAD').trim() };
}

/** Paths changed by the HEAD commit. */
export function headPaths(s: Sandbox): string[] {
  return s.git('diff-tree', '--root', '--no-commit-id', '--name-only', '-r', 'HEAD').trim().split('\n').filter(Boolean);
}

/** Runs `mlops <argv>` in process in the sandbox, with what it printed. */
export async function cli(s: Sandbox, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { cwd: s.dir, env: s.env, isTTY: false, out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}
