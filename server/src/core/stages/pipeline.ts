import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { PipelineSpec } from '../pipeline/spec';
import { readTextFile } from '../textFile';
import { writeFileAtomic } from '../tracking/store';
import { RunCache } from './cache';
import { GraphError, graphOf } from './graph';
import { HashCache } from './hash';
import { readLock, type Lock } from './lock';
import type { StageGraph, StageNode } from './types';

/** A spec that cannot be run as written; the message lists each problem as `file:line:col: ...`. */
export class PipelineSpecError extends Error {}

/** An opened pipeline: the spec, its stage graph, its lock, and the caches beside it. */
export interface Pipeline {
  specPath: string;
  /** The spec's folder: where commands run and paths are relative to. */
  dir: string;
  /** The spec's file name, as recorded in commands. */
  specFile: string;
  specText: string;
  spec: PipelineSpec;
  graph: StageGraph;
  lockPath: string;
  lock: Lock;
  hashes: HashCache;
  cache: RunCache;
}

/** Diagnostics that make the stage graph unusable: the spec cannot be read, or stages cannot be ordered or run. */
const BLOCKING = new Set(['yaml-syntax', 'schema', 'dag-cycle', 'unknown-stage', 'duplicate-output', 'bad-with']);

/** `mlops.lock` next to `mlops.yaml`; `<name>.lock` next to `<name>.mlops.yaml`. */
export function lockPathFor(specPath: string): string {
  const name = basename(specPath).replace(/\.mlops\.ya?ml$|\.ya?ml$/, '');
  return join(dirname(specPath), name === 'mlops' ? 'mlops.lock' : `${name}.mlops.lock`);
}

function refuse(shown: string, problems: string[]): never {
  const n = problems.length;
  const listed = problems.slice(0, 8).join('\n') + (n > 8 ? `\n(and ${n - 8} more)` : '');
  throw new PipelineSpecError(`${shown}: the pipeline cannot run until ${n === 1 ? 'this is' : `these ${n} problems are`} fixed:\n${listed}`);
}

interface Verdict { key: string; value: unknown; lines: Array<[string, number]>; stages?: StageNode[] }

/** A spec that passed, with its ordered stages when a verdict kept them, and how to keep them. */
interface CheckedSpec {
  spec: PipelineSpec;
  lines: Map<string, number>;
  stages?: StageNode[];
  /** Writes the verdict with the ordered stages (a read-only workspace only costs the next run the work). */
  remember(stages: StageNode[]): void;
}

/**
 * The spec's value and stage lines, refused (PipelineSpecError) when a blocking problem is found.
 * Blocking problems and the stage graph depend on the spec's text alone, so a text that passed before
 * (same version and schema) is neither validated nor parsed nor ordered again: its value, lines and
 * ordered stages are kept with the verdict in `.mlops/pipeline/<spec>.validated.json`. Compiling the
 * schema, parsing YAML and building the graph would otherwise be most of the time of a `mlops status`
 * on a large pipeline (and the modules are only loaded when needed).
 */
async function checkedSpec(abs: string, text: string, shown: string, verdictFile: string): Promise<CheckedSpec> {
  const key = createHash('sha256').update(verdictSalt()).update(text).digest('hex');
  const remember = (value: unknown, lines: Array<[string, number]>) => (stages: StageNode[]) => {
    try {
      mkdirSync(dirname(verdictFile), { recursive: true });
      writeFileAtomic(verdictFile, JSON.stringify({ key, value, lines, stages } satisfies Verdict));
    } catch { /* a read-only workspace only costs the next run a validation */ }
  };
  try {
    const hit = JSON.parse(readFileSync(verdictFile, 'utf8')) as Verdict;
    if (hit.key === key && hit.value && typeof hit.value === 'object') {
      const stages = Array.isArray(hit.stages) ? hit.stages : undefined;
      return { spec: hit.value as PipelineSpec, lines: new Map(hit.lines), stages, remember: remember(hit.value, hit.lines) };
    }
  } catch { /* not checked yet */ }
  const [{ checkSpec }, { SpecFileError }] = await Promise.all([import('./specCheck'), import('../pipeline/load')]);
  let checked;
  try {
    checked = checkSpec(abs, shown, BLOCKING);
  } catch (e) {
    throw e instanceof SpecFileError ? new PipelineSpecError(e.message) : e;
  }
  if ('problems' in checked) refuse(shown, checked.problems);
  const { value, lines } = checked;
  return { spec: value as PipelineSpec, lines: new Map(lines), remember: remember(value, lines) };
}

/**
 * What a verdict is valid for: this version of the program, of the schema and of the blocking codes.
 * A bundle's own mtime changes with every build (the schema is bundled in it); run from source, the
 * schema file's mtime stands for the schema (reading the schema itself would load 33 KB for nothing).
 */
function verdictSalt(): string {
  const mtime = (file: string) => {
    try { return String(statSync(file).mtimeMs); } catch { return ''; }
  };
  return JSON.stringify([process.env.MLOPS_VERSION ?? '0.1.0', mtime(__filename), mtime(join(__dirname, '../../../../schemas/pipeline.schema.json')), [...BLOCKING]]);
}

/**
 * Reads, validates and orders a pipeline for `mlops run` and `mlops status`. Syntax and schema
 * errors, cycles, unknown stages and bad step options throw PipelineSpecError with every problem's
 * line; other findings (a missing data file, say) are left to the stage that meets them.
 */
export async function openPipeline(specPath: string, shown = specPath): Promise<Pipeline> {
  const abs = resolve(specPath);
  const read = readTextFile(abs);
  if ('error' in read) throw new PipelineSpecError(`${shown}: cannot read the spec: it ${read.error}`);
  const text = read.text;
  const dir = dirname(abs);
  const state = join(dir, '.mlops');
  const checked = await checkedSpec(abs, text, shown, join(state, 'pipeline', `${basename(abs)}.validated.json`));
  const { spec, lines } = checked;
  const specFile = basename(abs);
  let graph: StageGraph;
  if (checked.stages) graph = graphOf(checked.stages);
  else {
    const { buildGraph } = await import('./order');
    try {
      graph = buildGraph(spec, specFile, lines);
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      refuse(shown, [`${shown}:${e.stage ? lines.get(e.stage) ?? 1 : 1}:1: error dag-cycle ${e.message}`]);
    }
    checked.remember(graph.stages);
  }
  const lockPath = lockPathFor(abs);
  return {
    specPath: abs, dir, specFile, specText: text, spec, graph, lockPath, lock: await readLock(lockPath),
    hashes: new HashCache(join(state, 'pipeline', 'hashes.json')), cache: new RunCache(join(state, 'cache')),
  };
}
