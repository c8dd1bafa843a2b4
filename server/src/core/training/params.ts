import type { ModelSpec, TrainingSpec } from '../pipeline/spec';
import { SpecError } from './errors';
import type { EarlyStopping } from './fit';
import { higherIsBetter, TASK_METRICS } from './metrics';
import type { BackendRequest } from './backend';

/** The training section with every default filled in (the defaults of schemas/pipeline.schema.json). */
export interface ResolvedTraining {
  epochs: number;
  batchSize: number;
  optimizer: NonNullable<TrainingSpec['optimizer']>;
  learningRate: number;
  validationSplit: number;
  seed: number;
  earlyStopping?: EarlyStopping;
  backend: BackendRequest;
}

export const TRAINING_DEFAULTS = { epochs: 30, batchSize: 64, optimizer: 'adam', learningRate: 0.001, validationSplit: 0.2, seed: 42, patience: 5, minDelta: 0, backend: 'auto' } as const;

function integer(path: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new SpecError(path, `must be an integer of at least ${min} (got ${JSON.stringify(v)})`);
  return v;
}

function number(path: string, v: unknown, ok: (n: number) => boolean, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) throw new SpecError(path, `must be ${what} (got ${JSON.stringify(v)})`);
  return v;
}

/** Every metric name a run of this task reports, train and validation. */
export function metricKeys(task: ModelSpec['task'], validation: boolean): string[] {
  const base = TASK_METRICS[task];
  return validation ? [...base, ...base.map((m) => `val_${m}`)] : [...base];
}

function earlyStopping(t: TrainingSpec, keys: string[]): EarlyStopping | undefined {
  const es = t.earlyStopping;
  if (!es) return undefined;
  if (!keys.includes(es.monitor)) {
    throw new SpecError('training.earlyStopping.monitor', `unknown metric "${es.monitor}" (metrics: ${keys.join(', ')})`);
  }
  return {
    monitor: es.monitor,
    patience: integer('training.earlyStopping.patience', es.patience ?? TRAINING_DEFAULTS.patience, 0),
    minDelta: number('training.earlyStopping.minDelta', es.minDelta ?? TRAINING_DEFAULTS.minDelta, (n) => n >= 0, 'a number >= 0'),
    mode: es.mode ?? (higherIsBetter(es.monitor) ? 'max' : 'min'),
  };
}

/** Fills in defaults and checks ranges and cross-field rules (a val_ monitor needs a validation split). */
export function resolveTraining(t: TrainingSpec | undefined, task: ModelSpec['task']): ResolvedTraining {
  const s = t ?? {};
  const d = TRAINING_DEFAULTS;
  const validationSplit = number('training.validationSplit', s.validationSplit ?? d.validationSplit, (n) => n >= 0 && n < 1, 'in [0, 1)');
  const optimizer = s.optimizer ?? d.optimizer;
  if (!['adam', 'sgd', 'rmsprop'].includes(optimizer)) throw new SpecError('training.optimizer', `must be adam, sgd or rmsprop (got ${JSON.stringify(optimizer)})`);
  const backend = s.backend ?? d.backend;
  if (!['auto', 'tensorflow', 'wasm', 'cpu'].includes(backend)) throw new SpecError('training.backend', `must be auto, tensorflow, wasm or cpu (got ${JSON.stringify(backend)})`);
  return {
    epochs: integer('training.epochs', s.epochs ?? d.epochs, 1),
    batchSize: integer('training.batchSize', s.batchSize ?? d.batchSize, 1),
    optimizer,
    learningRate: number('training.learningRate', s.learningRate ?? d.learningRate, (n) => n > 0, 'a number > 0'),
    validationSplit,
    seed: integer('training.seed', s.seed ?? d.seed, Number.MIN_SAFE_INTEGER),
    earlyStopping: earlyStopping(s, metricKeys(task, validationSplit > 0)),
    backend,
  };
}
