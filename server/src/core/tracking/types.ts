/**
 * The record of one training run, stored as `.mlops/runs/<id>/run.json`. Other capabilities (the
 * registry, the experiments view, `mlops runs`) read it; fields are only ever added, never renamed.
 */
export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled';

export interface DataFileRecord {
  /** Path relative to the workspace root, with forward slashes. */
  path: string;
  sha256: string;
  rows: number;
}

export interface GateResult {
  metric: string;
  /** The condition as written in the spec, e.g. ">= 0.75". */
  condition: string;
  value: number | null;
  passed: boolean;
}

export interface RunRecord {
  id: string;
  /** Spec path relative to the workspace root. */
  specPath: string;
  specHash: string;
  /** The spec sections that shape the run after `--set` overrides and sweep values are applied. */
  params: Record<string, unknown>;
  backend: string;
  seed: number;
  startedAt: string;
  endedAt?: string;
  status: RunStatus;
  error?: string;
  data: Record<string, DataFileRecord>;
  contract?: { path: string; id?: string; version?: string };
  git?: { commit: string | null; dirty: boolean };
  gates: GateResult[];
  /** Final metrics, e.g. { val_auc: 0.81, loss: 0.42 }. */
  metrics: Record<string, number>;
  sweepId?: string;
  trial?: number;
  /** Folder of the saved model, relative to the run folder. */
  modelDir?: string;
}

/** One line of metrics.jsonl: the metrics after one epoch. */
export interface EpochMetrics {
  epoch: number;
  time: string;
  [metric: string]: number | string;
}
