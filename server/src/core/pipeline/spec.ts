/**
 * The pipeline spec v1 as plain data, after YAML parsing and schema validation. Every field the
 * engine reads is typed here; schemas/pipeline.schema.json is the source of the rules and the docs.
 */
import type { FairnessSpec } from '../evaluation/fairness';
export interface PipelineSpec {
  apiVersion: 'mlops/v1';
  kind: 'Pipeline';
  metadata: { name: string; description?: string; tags?: string[] };
  /** `feedback`: labelled production rows (the target filled in once known) that `mlops monitor` measures the serving version on. */
  data: Record<string, DataRef> & { train: DataRef; current?: DataRef; feedback?: DataRef };
  stages?: Record<string, Stage>;
  features?: Features;
  model?: ModelSpec;
  training?: TrainingSpec;
  sweep?: SweepSpec;
  evaluation?: EvaluationSpec;
  monitoring?: MonitoringSpec;
  registry?: { model: string; lfsThresholdMB?: number };
  serving?: ServingSpec;
  export?: ExportSpec;
}

/** How `mlops serve` serves the registered model (core/serving/options.ts reads it). */
export interface ServingSpec {
  model?: string;
  alias?: string;
  shadow?: string;
  host?: string;
  port?: number;
  maxBatch?: number;
  batchWindowMs?: number;
  maxBodyMB?: number;
  shadowQueue?: number;
  pollMs?: number;
  log?: { dir?: string; sample?: number; maxFileMB?: number; keepFiles?: number };
}

/** Where the pipeline runs besides this machine (`mlops export`); flags win over these. */
export interface ExportSpec {
  target: 'argo' | 'github-actions';
  image?: string;
  pvc?: string;
  artifacts?: string;
  namespace?: string;
}

/** Pod requests on a cluster. */
export interface Resources {
  cpu?: string | number;
  memory?: string;
  gpu?: number;
}

/** The built-in lifecycle steps a stage can use instead of a shell command. */
export type StageStep = 'check' | 'train' | 'drift' | 'register';

export interface DataRef {
  path: string;
  contract?: string;
  /** Name of the schema object in the contract that describes this file. */
  schema?: string;
  format?: 'csv' | 'parquet';
}

export interface Stage {
  /** A shell command; exactly one of `cmd` and `uses` is set. */
  cmd?: string;
  uses?: StageStep;
  /** Options of the `uses` step. */
  with?: Record<string, unknown>;
  deps?: string[];
  outs?: string[];
  needs?: string[];
  params?: string[];
  desc?: string;
  resources?: Resources;
  retries?: number;
}

export type Transform = 'standardize' | 'normalize' | 'onehot' | 'none';

export interface Features {
  target: string;
  include?: string[];
  exclude?: string[];
  transforms?: Record<string, Transform>;
  /** What to do with missing values: stop with the rows listed (default), drop the rows, or impute. */
  missing?: 'error' | 'drop' | 'mean' | 'median' | 'mode' | 'zero';
}

export type Activation = 'relu' | 'sigmoid' | 'tanh' | 'linear' | 'softmax' | 'elu' | 'selu' | 'gelu' | 'swish' | 'leakyRelu';

export type Layer = { units: number; activation?: Activation } | { dropout: number };

export interface ModelSpec {
  type: 'mlp' | 'logistic' | 'linear';
  task: 'binary' | 'multiclass' | 'regression';
  layers?: Layer[];
  /** Number of classes for multiclass; inferred from the data or contract when absent. */
  classes?: number;
}

export interface TrainingSpec {
  epochs?: number;
  batchSize?: number;
  optimizer?: 'adam' | 'sgd' | 'rmsprop';
  learningRate?: number;
  validationSplit?: number;
  seed?: number;
  earlyStopping?: { monitor: string; patience?: number; minDelta?: number; mode?: 'min' | 'max' };
  backend?: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  resources?: Resources;
}

export interface SweepParameter {
  values?: Array<number | string | boolean>;
  min?: number;
  max?: number;
  type?: 'int' | 'float';
  scale?: 'linear' | 'log';
  step?: number;
}

/** `sweep.pruner`: asynchronous successive halving over epochs. */
export interface SweepPruner { type: 'asha'; minEpochs?: number; reductionFactor?: number; metric?: string }

/** `sweep.budget`: how much the sweep may spend. */
export interface SweepBudget { trials?: number; maxEpochs?: number; minutes?: number }

export interface SweepSpec {
  strategy: 'grid' | 'random' | 'tpe';
  trials?: number;
  parallel?: number;
  metric: string;
  goal: 'minimize' | 'maximize';
  parameters: Record<string, SweepParameter>;
  seed?: number;
  pruner?: SweepPruner;
  budget?: SweepBudget;
  /** tpe: random trials before the estimator takes over (Optuna's n_startup_trials). */
  startupTrials?: number;
}

export interface EvaluationSpec {
  metrics?: string[];
  /** Metric name to a condition such as ">= 0.75". */
  gates?: Record<string, string>;
  /** Fairness across the groups of sensitive columns (core/evaluation/fairness.ts). */
  fairness?: FairnessSpec;
}

export interface DriftFeatureSpec {
  method?: DriftMethod;
  threshold?: number;
}

export type DriftMethod = 'auto' | 'ks' | 'wasserstein' | 'psi' | 'jensenshannon' | 'chisquare' | 'ztest';

/** Whose definitions the drift statistics follow: ours (`none`) or Evidently's DataDriftPreset. */
export type DriftCompat = 'none' | 'evidently';

export interface MonitoringSpec {
  drift?: {
    method?: DriftMethod;
    threshold?: number;
    driftShare?: number;
    compat?: DriftCompat;
    features?: 'all' | string[];
    perFeature?: Record<string, DriftFeatureSpec>;
  };
}
