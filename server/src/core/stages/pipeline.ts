import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { severityName } from '../diagnostics';
import type { PipelineSpec } from '../pipeline/spec';
import pipelineSchemaJson from '../../../../schemas/pipeline.schema.json';
import { readTextFile } from '../textFile';
import { writeFileAtomic } from '../tracking/store';
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

interface Verdict { key: string; value: unknown; lines: Array<[string, number]> }

/**
 * The spec's value and stage lines, refused (PipelineSpecError) when a blocking problem is found.
 * Blocking problems depend on the spec's text alone, so a text that passed before (same version and
 * schema) is neither validated nor parsed again: its value and lines are kept with the verdict in
 * `.mlops/pipeline/<spec>.validated.json`. Compiling the schema and parsing YAML would otherwise be most of
 * the time of a `mlops status` on a large pipeline (and the modules are only loaded when needed).
 */
async function checkedSpec(abs: string, text: string, shown: string, verdictFile: string): Promise<{ spec: PipelineSpec; lines: Map<string, number> }> {
  const key = createHash('sha256').update(verdictSalt()).update(text).digest('hex');
  try {
    const hit = JSON.parse(readFileSync(verdictFile, 'utf8')) as Verdict;
    if (hit.key === key && hit.value && typeof hit.value === 'object') return { spec: hit.value as PipelineSpec, lines: new Map(hit.lines) };
  } catch { /* not checked yet */ }
  const { loadCheckedSpec, formatDiagnostic, SpecFileError } = await import('../pipeline/load');
  let checked;
  try {
    checked = loadCheckedSpec(abs, shown);
  } catch (e) {
    throw e instanceof SpecFileError ? new PipelineSpecError(e.message) : e;
  }
  const blocking = checked.diagnostics.filter((d: Diagnostic) => BLOCKING.has(String(d.code)) && severityName(d.severity) === 'error');
  if (blocking.length) refuse(shown, blocking.map((d) => formatDiagnostic(shown, d)));
  const lines = checked.analysis.stages.map((s): [string, number] => [s.name, s.pair.key.range.start.line + 1]);
  const value = checked.analysis.value;
  try {
    mkdirSync(dirname(verdictFile), { recursive: true });
    writeFileAtomic(verdictFile, JSON.stringify({ key, value, lines } satisfies Verdict));
  } catch { /* a read-only workspace only costs the next run a validation */ }
  return { spec: value as unknown as PipelineSpec, lines: new Map(lines) };
}

/** What a verdict is valid for: this version of the schema, of the blocking codes and of this program. */
function verdictSalt(): string {
  let build = '';
  try { build = String(statSync(__filename).mtimeMs); } catch { /* bundled elsewhere: the version decides */ }
  return JSON.stringify([process.env.MLOPS_VERSION ?? '0.1.0', build, pipelineSchemaJson, [...BLOCKING]]);
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
  const { spec, lines } = await checkedSpec(abs, text, shown, join(state, 'pipeline', `${basename(abs)}.validated.json`));
  const specFile = basename(abs);
  let graph: StageGraph;
  try {
    graph = buildGraph(spec, specFile, lines);
  } catch (e) {
    if (!(e instanceof GraphError)) throw e;
    refuse(shown, [`${shown}:${e.stage ? lines.get(e.stage) ?? 1 : 1}:1: error dag-cycle ${e.message}`]);
  }
  const lockPath = lockPathFor(abs);
  return {
    specPath: abs, dir, specFile, specText: text, spec, graph, lockPath, lock: await readLock(lockPath),
    hashes: new HashCache(join(state, 'pipeline', 'hashes.json')), cache: new RunCache(join(state, 'cache')),
  };
}
