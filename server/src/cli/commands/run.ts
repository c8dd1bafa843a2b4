import { availableParallelism } from 'node:os';
import { GraphError } from '../../core/stages/graph';
import { runPipeline } from '../../core/stages/runner';
import { claimPipeline, PipelineBusyError } from '../../core/stages/runLock';
import type { PipelineRunEvent, StageRunResult } from '../../core/stages/types';
import { formatOption, parseCommandArgs } from '../args';
import { cancelSignal } from '../cancel';
import { EXIT_FAILED, EXIT_OK, UserError, type CliCommand } from '../io';
import { trialWorkerFile } from './sweep';
import { openSpecOption } from '../pipelineSpec';
import { about } from './about';

const { usage } = about.run;

function jobsOption(value: unknown): number {
  if (value === undefined) return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`mlops run: --jobs must be a whole number >= 1 (got "${String(value)}")\nusage: ${usage}`);
  return n;
}

function workerFile(): string | undefined {
  try {
    return trialWorkerFile();
  } catch {
    return undefined;
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

function endLine(r: StageRunResult): string {
  if (r.status === 'ran') return `[${r.name}] ran in ${seconds(r.durationMs)} (${r.reason})`;
  if (r.status === 'skipped') return `[${r.name}] skipped: ${r.reason}`;
  return `[${r.name}] ${r.status}: ${r.reason}`;
}

function summary(stages: StageRunResult[]): string {
  const counts = new Map<string, number>();
  for (const s of stages) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  return [...counts].map(([k, v]) => `${v} ${k}`).join(', ') || 'no stages';
}

export const runCommand: CliCommand = {
  ...about.run,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('run', usage, args, {
      spec: { type: 'string' }, force: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, jobs: { type: 'string' }, format: { type: 'string' },
      events: { type: 'boolean' },
    });
    const format = formatOption('run', values.format, ['text', 'json'] as const, 'text');
    const jobs = jobsOption(values.jobs);
    const p = await openSpecOption('run', values.spec, io);
    const write = format === 'json' || values.events ? io.err : io.out;
    const emit = (e: PipelineRunEvent) => { if (values.events) io.out(`${JSON.stringify(e)}\n`); };
    let release: (() => void) | undefined;
    const cancel = cancelSignal(io);
    try {
      if (!values['dry-run']) release = claimPipeline(p.dir);
      const result = await runPipeline(p, {
        targets: positionals, force: values.force === true, dryRun: values['dry-run'] === true, jobs, signal: cancel.signal, trialWorkerFile: workerFile(),
        log: (stage, line) => { write(`[${stage}] ${line}\n`); emit({ type: 'log', stage, line }); },
        onStageStart: (name) => emit({ type: 'stageStarted', name }),
        onStageEnd: (r) => { write(`${endLine(r)}\n`); emit({ type: 'stageEnded', ...r }); },
      });
      if (values.events) emit({ type: 'result', ...result });
      else if (format === 'json') io.out(`${JSON.stringify(result, null, 2)}\n`);
      else io.out(`${cancel.signal.aborted ? 'cancelled' : result.ok ? 'done' : 'FAILED'}: ${summary(result.stages)}\n`);
      if (cancel.signal.aborted) return 130;
      return result.ok ? EXIT_OK : EXIT_FAILED;
    } catch (e) {
      if (e instanceof GraphError || e instanceof PipelineBusyError) throw new UserError(`mlops run: ${e.message}`);
      throw e;
    } finally {
      cancel.dispose();
      release?.();
    }
  },
};
