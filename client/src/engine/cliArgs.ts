/**
 * Argument lists for the `mlops` CLI, built as plain data (unit-tested) and executed in one place
 * (cliProcess.ts). Flags are the CLI's documented contracts; nothing here re-implements the engine.
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

/** `mlops sweep <spec> --events`, capped at the configured number of parallel trials. */
export function sweepArgs(spec: string, config: MlopsConfig): string[] {
  const parallel = config.maxParallelTrials > 0 ? ['--parallel', String(config.maxParallelTrials)] : [];
  return ['sweep', spec, '--events', ...backendArgs(config), ...parallel];
}

function backendArgs(config: MlopsConfig): string[] {
  return config.backend === 'auto' ? [] : ['--backend', config.backend];
}

/** `mlops reproduce <runId> --events`. */
export function reproduceArgs(runId: string): string[] {
  return ['reproduce', runId, '--events'];
}

/** `mlops check --contract C --data D [--schema S] --format json`. */
export function checkArgs(contract: string, data: string, schema?: string): string[] {
  return ['check', '--contract', contract, '--data', data, ...(schema ? ['--schema', schema] : []), '--format', 'json'];
}

/** `mlops contract infer --data D [--name N]`: the contract on stdout. */
export function inferArgs(data: string, name?: string): string[] {
  return ['contract', 'infer', '--data', data, ...(name ? ['--name', name] : [])];
}

export interface DriftInputs {
  reference: string;
  current: string;
  spec?: string;
  contract?: string;
}

/** `mlops drift --reference R --current C [--spec S] [--contract K] --format json` plus setting overrides. */
export function driftArgs(i: DriftInputs, config: MlopsConfig): string[] {
  const opt = (flag: string, v: string | number | null | undefined) => (v === null || v === undefined ? [] : [flag, String(v)]);
  return ['drift', '--reference', i.reference, '--current', i.current, ...opt('--spec', i.spec), ...opt('--contract', i.contract),
    ...(config.drift.method !== 'auto' ? ['--method', config.drift.method] : []),
    ...opt('--threshold', config.drift.threshold), ...opt('--drift-share', config.drift.driftShare), '--format', 'json'];
}

/** `mlops register <runId> [--model NAME] --format json`. */
export function registerArgs(runId: string, config: MlopsConfig, model?: string): string[] {
  const lfs = config.lfsThresholdMB !== 50 ? ['--lfs-threshold-mb', String(config.lfsThresholdMB)] : [];
  return ['register', runId, ...(model ? ['--model', model] : []), ...lfs, '--format', 'json'];
}

/** `mlops promote <name> <version> <alias> [--reason R] --format json`. */
export function promoteArgs(name: string, version: string, alias: string, reason?: string): string[] {
  return ['promote', name, version, alias, ...(reason ? ['--reason', reason] : []), '--format', 'json'];
}

/** `mlops models --format json` and `mlops models history <name> --format json`. */
export function modelsArgs(): string[] {
  return ['models', '--format', 'json'];
}

export function modelHistoryArgs(name: string): string[] {
  return ['models', 'history', name, '--format', 'json'];
}

/** `mlops runs --format json`. */
export function runsArgs(): string[] {
  return ['runs', '--format', 'json'];
}
