import type { PipelineSpec } from '../pipeline/spec';
import { valueAt } from './graph';
import type { HashCache } from './hash';
import type { Lock } from './lock';
import { inFolder } from './steps/step';
import type { HashedPath, LockEntry, StageNode } from './types';

/**
 * A dep's or out's hash now: straight from the stat cache when the file is unchanged (no promise, so a
 * status of hundreds of unchanged files waits on none), else a promise of reading it.
 */
function hashNow(c: StateContext, path: string): ReturnType<HashCache['known']> | ReturnType<HashCache['hash']> {
  const abs = inFolder(c.dir, path);
  const known = c.hashes.known(abs);
  return known !== undefined ? known : c.hashes.hash(abs);
}

/** A stage's inputs as they are now: the command, the deps' hashes and the params' values. */
export interface StageInputs {
  cmd: string;
  deps: HashedPath[];
  /** Deps that do not exist (the stage cannot run). */
  missing: string[];
  params: Record<string, unknown>;
}

/** What the state of a pipeline is read against. */
export interface StateContext {
  spec: PipelineSpec;
  specFile: string;
  dir: string;
  lock: Lock;
  hashes: HashCache;
}

/**
 * The command a stage runs: its `cmd`, or the CLI command its step is equivalent to (the steps'
 * definitions are loaded only then: `mlops status` on a pipeline of `cmd` stages does without them).
 */
export async function stageCommand(node: StageNode, c: StateContext): Promise<string> {
  if (node.cmd !== undefined) return node.cmd;
  const { stepOf } = await import('./steps');
  const step = stepOf(node.uses)!;
  const stage = c.spec.stages![node.name]!;
  return step.command(node.name, stage, { spec: c.spec, specFile: c.specFile }, (s) => c.lock.get(s)?.run);
}

/** Hashes every dep (from the stat cache when unchanged) and reads every param. */
export async function readInputs(node: StageNode, c: StateContext): Promise<StageInputs> {
  const deps: HashedPath[] = [];
  const missing: string[] = [];
  for (const path of node.deps) {
    const now = hashNow(c, path);
    const h = now instanceof Promise ? await now : now;
    if (h) deps.push({ path, ...h });
    else missing.push(path);
  }
  const params: Record<string, unknown> = {};
  for (const p of node.params) params[p] = valueAt(c.spec, p) ?? null;
  return { cmd: await stageCommand(node, c), deps, missing, params };
}

/** Hashes of the stage's outs as they are now (missing ones left out). */
export async function readOuts(node: StageNode, c: StateContext): Promise<HashedPath[]> {
  const outs: HashedPath[] = [];
  for (const path of node.outs) {
    const now = hashNow(c, path);
    const h = now instanceof Promise ? await now : now;
    if (h) outs.push({ path, ...h });
  }
  return outs;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Why the recorded inputs differ from the current ones (empty when they match). */
export function inputReasons(inputs: StageInputs, entry: LockEntry | undefined): string[] {
  if (!entry) return ['never run'];
  const reasons: string[] = [];
  if (entry.cmd !== inputs.cmd) reasons.push('command changed');
  const recorded = new Map(entry.deps.map((d) => [d.path, d.hash]));
  for (const m of inputs.missing) reasons.push(`${m} missing`);
  for (const d of inputs.deps) {
    const was = recorded.get(d.path);
    if (was === undefined) reasons.push(`${d.path} added to deps`);
    else if (was !== d.hash) reasons.push(`${d.path} changed`);
  }
  const now = new Set([...inputs.deps.map((d) => d.path), ...inputs.missing]);
  for (const d of entry.deps) if (!now.has(d.path)) reasons.push(`${d.path} removed from deps`);
  for (const [p, v] of Object.entries(inputs.params)) {
    if (!(p in entry.params)) reasons.push(`param ${p} added`);
    else if (!same(entry.params[p], v)) reasons.push(`param ${p} changed`);
  }
  for (const p of Object.keys(entry.params)) if (!(p in inputs.params)) reasons.push(`param ${p} removed`);
  return reasons;
}

/** Why the outputs on disk are not those recorded (empty when they match). */
export function outReasons(node: StageNode, outs: HashedPath[], entry: LockEntry): string[] {
  const now = new Map(outs.map((o) => [o.path, o.hash]));
  const recorded = new Map(entry.outs.map((o) => [o.path, o.hash]));
  const reasons: string[] = [];
  for (const path of node.outs) {
    if (!now.has(path)) reasons.push(`out ${path} missing`);
    else if (!recorded.has(path)) reasons.push(`out ${path} added`);
    else if (recorded.get(path) !== now.get(path)) reasons.push(`out ${path} changed`);
  }
  return reasons;
}

/** Every reason a stage is stale on its own (inputs, then outputs), empty when it is up to date. */
export async function staleReasons(node: StageNode, inputs: StageInputs, c: StateContext): Promise<string[]> {
  const entry = c.lock.get(node.name);
  const reasons = inputReasons(inputs, entry);
  if (!entry || reasons.length) return reasons;
  return outReasons(node, await readOuts(node, c), entry);
}
