import { basename, dirname, join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { severityName } from '../diagnostics';
import { formatDiagnostic, loadCheckedSpec, SpecFileError } from '../pipeline/load';
import type { PipelineSpec } from '../pipeline/spec';
import { RunCache } from './cache';
import { buildGraph, GraphError } from './graph';
import { HashCache } from './hash';
import { readLock, type Lock } from './lock';
import type { StageGraph } from './types';

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

/**
 * Reads, validates and orders a pipeline for `mlops run` and `mlops status`. Syntax and schema
 * errors, cycles, unknown stages and bad step options throw PipelineSpecError with every problem's
 * line; other findings (a missing data file, say) are left to the stage that meets them.
 */
export function openPipeline(specPath: string, shown = specPath): Pipeline {
  let checked;
  try {
    checked = loadCheckedSpec(specPath, shown);
  } catch (e) {
    throw e instanceof SpecFileError ? new PipelineSpecError(e.message) : e;
  }
  const { path: abs, text, diagnostics, analysis } = checked;
  const dir = dirname(abs);
  const blocking = diagnostics.filter((d: Diagnostic) => BLOCKING.has(String(d.code)) && severityName(d.severity) === 'error');
  if (blocking.length) refuse(shown, blocking.map((d) => formatDiagnostic(shown, d)));
  const spec = analysis.value as unknown as PipelineSpec;
  const lines = new Map(analysis.stages.map((s) => [s.name, s.pair.key.range.start.line + 1]));
  const specFile = basename(abs);
  let graph: StageGraph;
  try {
    graph = buildGraph(spec, specFile, lines);
  } catch (e) {
    if (!(e instanceof GraphError)) throw e;
    refuse(shown, [`${shown}:${e.stage ? lines.get(e.stage) ?? 1 : 1}:1: error dag-cycle ${e.message}`]);
  }
  const lockPath = lockPathFor(abs);
  const state = join(dir, '.mlops');
  return {
    specPath: abs, dir, specFile, specText: text, spec, graph, lockPath, lock: readLock(lockPath),
    hashes: new HashCache(join(state, 'pipeline', 'hashes.json')), cache: new RunCache(join(state, 'cache')),
  };
}
