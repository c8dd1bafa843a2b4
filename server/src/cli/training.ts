/**
 * What the commands that train (train, sweep, reproduce and the demo) share: reading the spec with
 * its --set overrides, the options they have in common, where runs are recorded, progress printing,
 * the text summary and the exit code of a finished run.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { checkData } from '../core/contract/check';
import { loadRunnableSpec, SpecFileError, type RunnableSpec } from '../core/pipeline/load';
import { SpecError } from '../core/training/errors';
import { applyOverrides, pipelineSchema } from '../core/training/overrides';
import { epochLine, formatMetrics, headlineKeys, progressBar } from '../core/training/progress';
import type { ContractChecker, TrainEvent, TrainResult } from '../core/training/run';
import { workspaceOption } from './args';
import { EXIT_CANCELLED, EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UserError, type CliIO } from './io';

/**
 * Reads the spec and applies `--set` values (each checked against its place in the schema first);
 * the whole spec is then checked against the schema once. Every problem is a UserError naming the file.
 */
export function loadSpecWithOverrides(io: CliIO, command: string, file: string | undefined, sets: string[]): RunnableSpec & { specPath: string } {
  if (!file) throw new UserError(`mlops ${command}: name the pipeline spec, e.g. mlops ${command} mlops.yaml`);
  const specPath = resolve(io.cwd, file);
  const override = sets.length === 0 ? undefined : (spec: RunnableSpec['spec']) => {
    try {
      return applyOverrides(spec, sets, pipelineSchema()).spec;
    } catch (e) {
      throw e instanceof SpecError ? new UserError(`mlops ${command}: --set ${e.message}`) : e;
    }
  };
  try {
    return { ...loadRunnableSpec(specPath, { override }), specPath };
  } catch (e) {
    throw e instanceof SpecFileError ? new UserError(e.message) : e;
  }
}

/** Options train, sweep and reproduce share: --set, --backend and --workspace. */
export const trainingOptions = {
  set: { type: 'string', multiple: true }, backend: { type: 'string' }, workspace: { type: 'string' }, 'allow-contract-violations': { type: 'boolean' },
} as const;

/** `--set` values plus `--backend X` (a shorthand for --set training.backend=X, checked the same way). */
export function overrideArgs(command: string, values: Record<string, unknown>): string[] {
  const sets = (values.set as string[] | undefined) ?? [];
  const backends = ['auto', 'tensorflow', 'wasm', 'cpu'];
  if (values.backend !== undefined && !backends.includes(String(values.backend))) {
    throw new UserError(`mlops ${command}: --backend must be one of ${backends.join(', ')} (got "${String(values.backend)}")`);
  }
  return values.backend === undefined ? sets : [...sets, `training.backend=${String(values.backend)}`];
}

/**
 * Where runs are recorded: --workspace, else the current folder when the spec is inside it (so
 * `mlops runs`, `mlops register` and the editor, which all read the current folder, find them), else the
 * spec's own folder.
 */
export function runWorkspace(io: CliIO, specPath: string, option: unknown): string {
  const rel = relative(io.cwd, specPath);
  return workspaceOption(io, option, rel.startsWith('..') || isAbsolute(rel) ? dirname(specPath) : io.cwd);
}

/** Prints progress as NDJSON (--events), a bar on a terminal, plain lines otherwise, or nothing (json). */
export function progressPrinter(io: CliIO, mode: 'events' | 'text' | 'json', wanted: string[]): (e: TrainEvent) => void {
  const started = performance.now();
  return (e) => {
    if (mode === 'events') { io.out(`${JSON.stringify(e)}\n`); return; }
    if (mode === 'json') return;
    const prefix = 'trial' in e && e.trial !== undefined ? `[trial ${e.trial}] ` : '';
    if (e.type === 'phase') return;
    if (e.type === 'log') io.out(`${e.message}\n`);
    else if (e.type === 'started') io.out(`${prefix}run ${e.runId}: training on ${e.backend}, ${e.epochs} epochs\n`);
    else if (io.isTTY && !prefix) {
      const keys = headlineKeys(e.metrics, wanted);
      io.out(`\r\x1b[K${progressBar(e.epoch, e.epochs, e.metrics, keys, (performance.now() - started) / 1000)}`);
    } else io.out(`${epochLine(e.epoch, e.epochs, e.metrics, headlineKeys(e.metrics, wanted), prefix)}\n`);
  };
}

function contractLines(r: TrainResult): string[] {
  if (r.failure !== 'contract') return [];
  return (r.contractReport?.checks ?? []).filter((c) => !c.passed).map((c) => `  ${c.severity.padEnd(7)} ${c.column ?? '(table)'}: ${c.message}`);
}

/** Text summary of a finished run. */
export function summary(r: TrainResult, wanted: string[]): string {
  if (r.status !== 'completed') {
    const head = r.status === 'cancelled' ? `run ${r.runId} cancelled` : `run ${r.runId} failed: ${r.error}`;
    return [head, ...contractLines(r), r.status === 'failed' ? 'No model was saved.' : 'No model was saved; the run is marked cancelled.'].join('\n') + '\n';
  }
  const lines = [`run ${r.runId} completed (${r.backend}, best epoch ${r.bestEpoch} of ${r.epochsRun})`, `  ${formatMetrics(r.metrics, headlineKeys(r.metrics, wanted))}`];
  for (const g of r.gates) lines.push(`  gate ${g.metric} ${g.condition}: ${g.value === null ? 'no value' : g.value.toFixed(4)} ${g.passed ? 'passed' : 'FAILED'}`);
  lines.push(`  model: ${r.artifacts.model}`);
  return `${lines.join('\n')}\n`;
}

/** Exit code of a finished run: 0 when completed and gates pass, 1 for failed gates or checks, 2 for bad input. */
export function exitCode(r: TrainResult): number {
  if (r.status === 'cancelled') return EXIT_CANCELLED;
  if (r.status === 'completed') return r.gates.every((g) => g.passed) ? EXIT_OK : EXIT_FAILED;
  if (r.failure === 'spec' || r.failure === 'data') return EXIT_USAGE;
  return r.failure === 'internal' ? EXIT_INTERNAL : EXIT_FAILED;
}

/** The data-contract check every training run starts with (mlops check's engine). */
export const contractChecker: ContractChecker = checkData;
