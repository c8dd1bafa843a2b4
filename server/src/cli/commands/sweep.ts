import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { formatOption, parseCommandArgs } from '../args';
import { EXIT_CANCELLED, EXIT_FAILED, EXIT_OK, EXIT_USAGE, UserError, type CliCommand, type CliIO } from '../io';
import { SpecError } from '../../core/training/errors';
import { StoreError } from '../../core/tracking/store';
import { pipelineSchema } from '../../core/training/overrides';
import type { TrainEvent } from '../../core/training/run';
import { runSweep, type SweepResult } from '../../core/training/sweepRunner';
import { readSweepRecord, SweepRecordError, type SweepRecord } from '../../core/sweep/record';
import { workspaceOption } from '../args';
import { TrialPool } from '../../core/training/workerPool';
import { cancelSignal } from '../cancel';
import { contractChecker, loadSpecWithOverrides, overrideArgs, runWorkspace, trainingOptions } from '../training';
import { about } from './about';

const { usage } = about.sweep;

/** dist/workers/trainTrial.js beside the CLI's pieces (dist/cli/), or the built one when running from sources. */
export function trialWorkerFile(): string {
  const candidates = [join(__dirname, '..', 'workers', 'trainTrial.js'), join(__dirname, '..', '..', '..', '..', 'dist', 'workers', 'trainTrial.js')];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new UserError('mlops sweep: the trial worker (dist/workers/trainTrial.js) is missing; run npm run build');
  return found;
}

function fmtValue(v: unknown): string {
  return typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(3) : JSON.stringify(v);
}

function sweepSummary(r: SweepResult): string {
  const lines = [`sweep ${r.sweepId} ${r.status}: ${r.strategy}, ${r.trials.length} trials, ${r.parallel} in parallel, ${r.seconds.toFixed(1)}s`];
  if (r.error) lines.push(`  ${r.error}`);
  for (const t of r.trials) {
    const value = t.metrics[r.metric];
    const params = Object.entries(t.values).map(([k, v]) => `${k}=${fmtValue(v)}`).join(' ');
    const mark = r.best?.trial === t.trial ? ' <- best' : '';
    lines.push(`  trial ${String(t.trial).padStart(2)}  ${t.status.padEnd(9)} ${r.metric} ${value === undefined ? '-' : value.toFixed(4)}  ${params}${t.error ? `  (${t.error})` : ''}${mark}`);
  }
  if (r.best) lines.push(`best: trial ${r.best.trial}, run ${r.best.runId}, ${r.metric} ${r.best.value.toFixed(4)}`);
  return `${lines.join('\n')}\n`;
}

function sweepPrinter(io: CliIO, mode: 'events' | 'text' | 'json'): (e: TrainEvent) => void {
  return (e) => {
    if (mode === 'events') io.out(`${JSON.stringify(e)}\n`);
    else if (mode === 'text' && e.type === 'log') io.out(`${e.message}\n`);
    else if (mode === 'text' && e.type === 'started') io.out(`trial ${e.trial}: run ${e.runId} started (${e.backend})\n`);
  };
}

/** `--resume ID`: the sweep record (read from --workspace, else the current folder) and its spec file. */
function resumeTarget(io: CliIO, values: Record<string, unknown>, positional: string | undefined): { prior: SweepRecord; spec: string; workspace: string } | undefined {
  if (values.resume === undefined) return undefined;
  const workspace = workspaceOption(io, values.workspace);
  try {
    const prior = readSweepRecord(workspace, String(values.resume));
    return { prior, spec: positional ?? join(workspace, prior.spec), workspace };
  } catch (e) {
    throw e instanceof SweepRecordError ? new UserError(`mlops sweep --resume: ${e.message}`) : e;
  }
}

function parallelOption(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`mlops sweep: --parallel must be a positive integer (got "${String(v)}")`);
  return n;
}

export const sweepCommand: CliCommand = {
  ...about.sweep,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('sweep', usage, args, { format: { type: 'string' }, events: { type: 'boolean' }, parallel: { type: 'string' }, resume: { type: 'string' }, ...trainingOptions });
    const format = formatOption('sweep', values.format, ['text', 'json'] as const, 'text');
    const mode = values.events ? 'events' : format;
    const parallel = parallelOption(values.parallel);
    const resume = resumeTarget(io, values, positionals[0]);
    const { specPath, spec, hash } = loadSpecWithOverrides(io, 'sweep', resume?.spec ?? positionals[0], overrideArgs('sweep', values));
    const cancel = cancelSignal(io);
    const pool = new TrialPool(trialWorkerFile(), parallel ?? spec.sweep?.parallel ?? availableParallelism());
    let result: SweepResult;
    try {
      result = await runSweep({
        workspace: resume?.workspace ?? runWorkspace(io, specPath, values.workspace), specPath, resume: resume?.prior, specHash: hash, spec, schema: pipelineSchema(), parallel, signal: cancel.signal,
        onEvent: sweepPrinter(io, mode), checkContract: contractChecker, allowContractViolations: Boolean(values['allow-contract-violations']),
        runTrial: (request, onEvent, signal, decide) => pool.run(request, onEvent, signal, decide),
      });
    } catch (e) {
      if (e instanceof SpecError) throw new UserError(`${specPath}: ${e.message}`);
      // .mlops/ cannot be written (full disk, permissions): the message says where and what to do.
      if (e instanceof StoreError) throw new UserError(`mlops sweep: ${e.message}`);
      throw e;
    } finally {
      cancel.dispose();
      await pool.close();
    }
    if (mode === 'events') io.out(`${JSON.stringify({ type: 'result', ...result })}\n`);
    else if (mode === 'json') io.out(`${JSON.stringify(result, null, 2)}\n`);
    else io.out(sweepSummary(result));
    if (result.status === 'cancelled') return EXIT_CANCELLED;
    if (result.status === 'failed') return result.failure === 'data' ? EXIT_USAGE : EXIT_FAILED;
    // Pruned trials are the pruner at work; a timed-out sweep spent its budget (resume it for more).
    return result.trials.every((t) => t.status === 'completed' || t.status === 'pruned' || (result.status === 'timed-out' && t.status === 'cancelled')) ? EXIT_OK : EXIT_FAILED;
  },
};
