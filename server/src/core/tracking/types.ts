import type { FairnessReport } from '../evaluation/fairness';

/**
 * The record of one training run, stored as `.mlops/runs/<id>/run.json`. Other capabilities (the
 * registry, the experiments view, `mlops runs`) read it; fields are only ever added, never renamed.
 */
/**
 * 'interrupted' is never written: readers (listRuns, readRun) report it for a 'running' record whose
 * process is gone (killed, crashed, machine restarted), so such a run never passes for completed.
 * 'pruned': a sweep trial its pruner (ASHA) stopped early; its epochs stay in metrics.jsonl, it has
 * no model, and `metrics` are those of its last epoch.
 */
export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted' | 'pruned';

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
  /** The metric the gate read: a bare `auc` reads `val_auc` when there is one (written since the gates had it). */
  key?: string;
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
  /** Process that runs (ran) the training, to tell a live run from an interrupted one. */
  pid?: number;
  host?: string;
  /** That process's start time (clock ticks since boot, /proc/<pid>/stat field 22): a reused PID has another. */
  pidStart?: number;
  /** Backend details, e.g. "wasm (SIMD)", and why faster backends were skipped. */
  backendDetail?: string;
  /** The epoch whose weights were kept (early stopping keeps the best), and how many ran. */
  bestEpoch?: number;
  epochsRun?: number;
  /** Rows used to train and to validate after the split. */
  rows?: { train: number; validation: number };
  /** Id of the run this one reproduces (`mlops reproduce`). */
  reproducedFrom?: string;
  /** The epoch after which a sweep's pruner stopped this run (status pruned). */
  prunedAt?: number;
  /** Wall-clock seconds of training (data loading and saving excluded). */
  trainSeconds?: number;
  /** How the kept weights predict the validation rows (absent without a validation split). */
  validationPredictions?: PredictionDistribution;
  /** Fairness on the validation rows when the spec has `evaluation.fairness` (core/evaluation/fairness.ts). */
  fairness?: FairnessReport;
}

/** What `mlops runs` lists: read from run.json only. */
export interface RunSummary {
  id: string;
  /** 'unreadable': run.json is corrupt or lacks fields (`error` says which); the run folder is still there. */
  status: RunStatus | 'unreadable';
  startedAt: string;
  endedAt?: string;
  specPath: string;
  backend: string;
  metrics: Record<string, number>;
  gatesPassed: boolean | null;
  sweepId?: string;
  trial?: number;
  error?: string;
}

/** One line of metrics.jsonl: the metrics after one epoch. */
export interface EpochMetrics {
  epoch: number;
  time: string;
  [metric: string]: number | string;
}

/**
 * The distribution of a model's predictions on its validation rows (training/predictionSummary.ts
 * builds it): bins at the validation deciles with their counts, or counts per class, and the moments.
 */
export interface PredictionDistribution {
  /** What `prediction` holds: probability of the positive class (binary), a value (regression), a class index (multiclass). */
  kind: 'probability' | 'value' | 'class';
  rows: number;
  /** Ascending inner bin edges (the deciles, repeats removed); none for classes. */
  edges: number[];
  /** Rows per bin: (-inf, e0], (e0, e1], ..., (e_last, +inf); for classes, rows per class index. */
  counts: number[];
  mean: number;
  std: number;
  min: number;
  max: number;
}
