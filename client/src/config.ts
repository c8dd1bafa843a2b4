/**
 * The only reader of `mlops.*` settings (declared with descriptions in package.json). Typed, read per
 * call so a change applies to the next command without a reload.
 */
import * as vscode from 'vscode';

export type BackendPreference = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

export interface MlopsConfig {
  /** Training backend; `auto` keeps the spec's `training.backend` (whose own auto tries tfjs-node, wasm, cpu). */
  backend: BackendPreference;
  /** Upper bound on parallel sweep trials; 0 keeps the spec's `sweep.parallel`. */
  maxParallelTrials: number;
  drift: {
    /** Rows sampled from each file (0: every row). */
    sampleRows: number;
    /** Worker threads for the per-column tests (0: the engine's default). */
    workers: number;
    /** Defaults for specs whose monitoring.drift leaves them out (undefined: the engine's own). */
    method?: string;
    threshold?: number;
    driftShare?: number;
  };
  /** Time limit of each `sql` quality rule of a data check, in milliseconds (0: no limit). */
  sqlTimeoutMs: number;
  /** Weights larger than this (MB) go to git LFS when the repository has it. */
  lfsThresholdMB: number;
  /** Node.js used to run the engine; empty: the extension host's own runtime. */
  nodePath: string;
}

function wholeNumber(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0;
}

function optionalDriftDefaults(c: vscode.WorkspaceConfiguration): Pick<MlopsConfig['drift'], 'method' | 'threshold' | 'driftShare'> {
  const method = c.get<string>('drift.method', 'auto');
  const threshold = c.get<number | null>('drift.threshold', null);
  const share = c.get<number>('drift.driftShare', 0.5);
  return {
    ...(method && method !== 'auto' ? { method } : {}),
    ...(typeof threshold === 'number' && threshold >= 0 ? { threshold } : {}),
    ...(typeof share === 'number' && share >= 0 && share <= 1 && share !== 0.5 ? { driftShare: share } : {}),
  };
}

/** Reads the settings for a resource (folder settings win over user settings). */
export function readConfig(scope?: vscode.Uri): MlopsConfig {
  const c = vscode.workspace.getConfiguration('mlops', scope);
  const backend = c.get<string>('training.backend', 'auto');
  return {
    backend: (['auto', 'tensorflow', 'wasm', 'cpu'] as const).find((b) => b === backend) ?? 'auto',
    maxParallelTrials: wholeNumber(c.get('sweep.maxParallelTrials', 0)),
    drift: {
      sampleRows: wholeNumber(c.get('drift.sampleRows', 0)),
      workers: wholeNumber(c.get('drift.workers', 0)),
      ...optionalDriftDefaults(c),
    },
    sqlTimeoutMs: Math.max(0, Math.floor(c.get<number>('contract.sqlTimeoutMs', 60_000) || 0)),
    lfsThresholdMB: c.get<number>('registry.lfsThresholdMB', 50),
    nodePath: c.get<string>('engine.nodePath', '').trim(),
  };
}
