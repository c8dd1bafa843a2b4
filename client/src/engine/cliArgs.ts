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

/** `mlops check --contract C --data D [--schema S] [--sql-timeout Nms] --format json`. */
export function checkArgs(contract: string, data: string, schema?: string, sqlTimeoutMs?: number): string[] {
  const timeout = sqlTimeoutMs === undefined ? [] : ['--sql-timeout', `${sqlTimeoutMs}ms`];
  return ['check', '--contract', contract, '--data', data, ...(schema ? ['--schema', schema] : []), ...timeout, '--format', 'json'];
}

/** `mlops contract infer --data D [--name N] [--out FILE]` (stdout without --out). */
export function inferArgs(data: string, name?: string, out?: string): string[] {
  return ['contract', 'infer', '--data', data, ...(name ? ['--name', name] : []), ...(out ? ['--out', out] : [])];
}

/** Either a spec (data, contract and monitoring.drift read from it) or explicit files. */
export type DriftInputs = { spec: string } | { reference: string; current: string; contract?: string };

/**
 * `mlops drift (--spec S | --reference R --current C [--contract K]) [--sample N] [--workers N]
 * [--method M] [--threshold X] [--drift-share X] --format json`. The spec's monitoring.drift wins: the
 * settings' method, threshold and share are passed only for the keys it leaves out (`specDriftKeys`).
 */
export function driftArgs(i: DriftInputs, config: MlopsConfig, specDriftKeys: readonly string[] = []): string[] {
  const opt = (flag: string, v: string | number | undefined) => (v === undefined || v === 0 ? [] : [flag, String(v)]);
  const fill = (key: string, flag: string, v: string | number | undefined) => (v === undefined || specDriftKeys.includes(key) ? [] : [flag, String(v)]);
  const inputs = 'spec' in i ? ['--spec', i.spec]
    : ['--reference', i.reference, '--current', i.current, ...opt('--contract', i.contract)];
  const d = config.drift;
  return ['drift', ...inputs, ...opt('--sample', d.sampleRows), ...opt('--workers', d.workers),
    ...fill('method', '--method', d.method), ...fill('threshold', '--threshold', d.threshold), ...fill('driftShare', '--drift-share', d.driftShare),
    '--format', 'json'];
}

export interface RegisterOptions {
  model?: string;
  /** Let the command run `git init` (only after the user chose it). */
  init?: boolean;
  /** Register although gates failed; the reason goes into the model card. */
  force?: string;
}

/** `mlops register <runId> [--model NAME] [--init] [--force REASON] [--lfs-threshold-mb N] --format json`. */
export function registerArgs(runId: string, config: MlopsConfig, o: RegisterOptions = {}): string[] {
  const lfs = config.lfsThresholdMB !== 50 ? ['--lfs-threshold-mb', String(config.lfsThresholdMB)] : [];
  return ['register', runId, ...(o.model ? ['--model', o.model] : []), ...(o.init ? ['--init'] : []),
    ...(o.force ? ['--force', o.force] : []), ...lfs, '--format', 'json'];
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

