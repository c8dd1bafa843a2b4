/**
 * The only reader of `mlops.*` settings (declared with descriptions in package.json). Typed, read per
 * call so a change applies to the next command without a reload.
 */
import * as vscode from 'vscode';

export type BackendPreference = 'auto' | 'tfjs-node' | 'wasm' | 'cpu';

export interface MlopsConfig {
  /** Training backend; `auto` lets the engine pick tfjs-node, then wasm, then cpu. */
  backend: BackendPreference;
  /** Upper bound on parallel sweep trials; 0 keeps the spec's `sweep.parallel`. */
  maxParallelTrials: number;
  drift: {
    /** Method when the spec has none (`auto` picks per column as the engine documents). */
    method: string;
    /** Threshold override; null keeps the spec's or the method's default. */
    threshold: number | null;
    /** Share of drifted features that means dataset drift; null keeps the spec's. */
    driftShare: number | null;
  };
  /** Weights larger than this (MB) go to git LFS when the repository has it. */
  lfsThresholdMB: number;
  /** Node.js used to run the engine; empty: the extension host's own runtime. */
  nodePath: string;
}

function numberOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Reads the settings for a resource (folder settings win over user settings). */
export function readConfig(scope?: vscode.Uri): MlopsConfig {
  const c = vscode.workspace.getConfiguration('mlops', scope);
  const backend = c.get<string>('training.backend', 'auto');
  return {
    backend: (['auto', 'tfjs-node', 'wasm', 'cpu'] as const).find((b) => b === backend) ?? 'auto',
    maxParallelTrials: Math.max(0, Math.floor(c.get<number>('sweep.maxParallelTrials', 0))),
    drift: {
      method: c.get<string>('drift.method', 'auto'),
      threshold: numberOrNull(c.get('drift.threshold', null)),
      driftShare: numberOrNull(c.get('drift.driftShare', null)),
    },
    lfsThresholdMB: c.get<number>('registry.lfsThresholdMB', 50),
    nodePath: c.get<string>('engine.nodePath', '').trim(),
  };
}
