import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeLock } from './lock';
import type { Pipeline } from './pipeline';
import { runCommand } from './process';
import { SetAside } from './protect';
import { readInputs, readOuts, staleReasons, type StageInputs } from './state';
import { stepRunners } from './stepRuns';
import { StepCancelled, type StepOutcome } from './steps/step';
import type { LockEntry, RunStatus, StageNode } from './types';

/** How `mlops run` was asked to run. */
export interface ExecuteOptions {
  force: boolean;
  dryRun: boolean;
  signal: AbortSignal;
  /** One line of a stage's output. */
  log(stage: string, line: string): void;
  trialWorkerFile?: string;
  /** Called when the stage's command or step starts. */
  onRun?(stage: string): void;
  /** Serialises in-process training (TensorFlow.js keeps one backend per process). */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

export interface StageEnd { status: RunStatus; reason: string }

/** Steps with effects outside their outs are never restored from the run cache. */
const NOT_CACHED = new Set(['register']);

function record(p: Pipeline, node: StageNode, entry: LockEntry): void {
  p.lock.set(node.name, entry);
  writeLock(p.lockPath, p.lock, Object.keys(p.spec.stages ?? {}));
}

/** Runs the command or the step once; true when it succeeded. Throws StepCancelled when cancelled. */
async function attempt(p: Pipeline, node: StageNode, o: ExecuteOptions): Promise<StepOutcome> {
  const log = (line: string) => o.log(node.name, line);
  if (node.cmd !== undefined) {
    const exit = await runCommand(node.cmd, p.dir, log, o.signal);
    if (o.signal.aborted) throw new StepCancelled('cancelled');
    return exit.code === 0 ? { ok: true, message: 'exit code 0' } : { ok: false, message: exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}` };
  }
  const work = () => stepRunners[node.uses!]({ stage: node, ctx: { spec: p.spec, specFile: p.specFile }, specPath: p.specPath, dir: p.dir, specText: p.specText,
    signal: o.signal, log, runOf: (s) => p.lock.get(s)?.run, trialWorkerFile: o.trialWorkerFile });
  return node.uses === 'train' ? o.exclusive(work) : work();
}

/** Runs the stage with its retries, its previous outputs set aside until it succeeds. */
async function runWithRetries(p: Pipeline, node: StageNode, o: ExecuteOptions): Promise<StepOutcome & { cancelled?: boolean }> {
  let outcome: StepOutcome = { ok: false, message: 'not run' };
  for (let i = 0; i <= node.retries; i++) {
    if (i > 0) o.log(node.name, `failed (${outcome.message}); trying again (${i} of ${node.retries})`);
    const aside = new SetAside(p.dir, node.outs, join(p.dir, '.mlops', 'pipeline', 'aside'));
    try {
      outcome = await attempt(p, node, o);
    } catch (e) {
      aside.restore();
      if (e instanceof StepCancelled) return { ok: false, message: 'cancelled', cancelled: true };
      throw e;
    }
    const missing = outcome.ok ? node.outs.filter((out) => !existsSync(join(p.dir, out))) : [];
    if (missing.length) outcome = { ok: false, message: `it did not write ${missing.join(', ')} (declared in outs)` };
    if (outcome.ok) { aside.discard(); return outcome; }
    aside.restore();
  }
  return outcome;
}

function restoreFromCache(p: Pipeline, node: StageNode, inputs: StageInputs, key: string, reasons: string[], o: ExecuteOptions): StageEnd | undefined {
  if (o.force || NOT_CACHED.has(node.uses ?? '')) return undefined;
  const cached = p.cache.lookup(key);
  if (!cached) return undefined;
  const why = reasons.join(', ');
  if (o.dryRun) return { status: 'not-run', reason: `would restore from the run cache (${why})` };
  p.cache.restore(p.dir, cached.outs);
  record(p, node, { cmd: inputs.cmd, deps: inputs.deps, params: inputs.params, outs: cached.outs, ...(cached.run ? { run: cached.run } : {}) });
  o.log(node.name, `restored ${cached.outs.map((x) => x.path).join(', ') || 'its result'} from the run cache (${why})`);
  return { status: 'restored', reason: `restored from the run cache: ${why}` };
}

/**
 * Brings one stage up to date: skipped when the lock matches its inputs and outputs, restored from
 * the run cache when this input state ran before, otherwise run. Only a stage that succeeded is
 * recorded in the lock (and its outputs in the run cache); a failure keeps the previous entry.
 */
export async function executeStage(p: Pipeline, node: StageNode, o: ExecuteOptions): Promise<StageEnd> {
  const inputs = await readInputs(node, p);
  if (inputs.missing.length) {
    return { status: 'failed', reason: `${inputs.missing.join(', ')} ${inputs.missing.length === 1 ? 'does' : 'do'} not exist and no stage produces ${inputs.missing.length === 1 ? 'it' : 'them'}` };
  }
  const reasons = o.force ? ['forced'] : await staleReasons(node, inputs, p);
  if (reasons.length === 0) return { status: 'skipped', reason: 'up to date' };
  const key = p.cache.key(inputs.cmd, inputs.deps, inputs.params, node.outs);
  const restored = restoreFromCache(p, node, inputs, key, reasons, o);
  if (restored) return restored;
  if (o.dryRun) return { status: 'not-run', reason: `would run: ${reasons.join(', ')}` };
  o.onRun?.(node.name);
  o.log(node.name, `running (${reasons.join(', ')}): ${inputs.cmd}`);
  const outcome = await runWithRetries(p, node, o);
  if (outcome.cancelled) return { status: 'cancelled', reason: node.outs.length ? 'cancelled while running; its previous outputs were put back' : 'cancelled while running' };
  if (!outcome.ok) return { status: 'failed', reason: outcome.message };
  const outs = await readOuts(node, p);
  if (!NOT_CACHED.has(node.uses ?? '')) await p.cache.save(key, p.dir, outs, p.hashes, outcome.run);
  record(p, node, { cmd: inputs.cmd, deps: inputs.deps, params: inputs.params, outs, ...(outcome.run ? { run: outcome.run } : {}) });
  return { status: 'ran', reason: reasons.join(', ') };
}
