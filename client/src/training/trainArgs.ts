/**
 * Argument lists for the long training jobs (`mlops train`, `sweep`, `reproduce` with `--events`), built as
 * plain data (unit-tested) and run by jobs/cliProcess.ts. Flags are the CLI's documented contracts.
 */
import type { MlopsConfig } from '../config';

export interface TrainOptions {
  /** Extra `--set key=value` overrides. */
  set?: string[];
}

/** `mlops train <spec> --events` (NDJSON progress on stdout, last line the result). */
export function trainArgs(spec: string, config: MlopsConfig, o: TrainOptions = {}): string[] {
  return ['train', spec, '--events', ...backendArgs(config), ...(o.set ?? []).flatMap((s) => ['--set', s])];
}

/**
 * `mlops sweep <spec> --events`. The setting is a cap: the spec's `sweep.parallel` (default: the number
 * of cores) is lowered to it, never raised.
 */
export function sweepArgs(spec: string, config: MlopsConfig, specParallel: number | undefined, cores: number): string[] {
  const wanted = specParallel ?? cores;
  const capped = config.maxParallelTrials > 0 && config.maxParallelTrials < wanted;
  return ['sweep', spec, '--events', ...backendArgs(config), ...(capped ? ['--parallel', String(config.maxParallelTrials)] : [])];
}

/** A backend preference other than auto overrides the spec's `training.backend` for this run. */
function backendArgs(config: MlopsConfig): string[] {
  return config.backend === 'auto' ? [] : ['--set', `training.backend=${config.backend}`];
}

/** `mlops reproduce <runId> --workspace <root> --events`. */
export function reproduceArgs(runId: string, root: string): string[] {
  return ['reproduce', runId, '--workspace', root, '--events'];
}
