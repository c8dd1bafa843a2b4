/** Argument lists for the registry's writing commands (`mlops register`, `mlops promote`), as plain data. */
import type { MlopsConfig } from '../config';

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
