import { closest } from '../validation/similar';
/** Metrics the training engine computes, by task (validation forms are prefixed with `val_`). */
export const CLASSIFICATION_METRICS = ['accuracy', 'precision', 'recall', 'f1', 'auc', 'logloss', 'loss'] as const;
export const REGRESSION_METRICS = ['rmse', 'mae', 'r2', 'loss'] as const;

export function metricsForTask(task: unknown): readonly string[] {
  if (task === 'regression') return REGRESSION_METRICS;
  if (task === 'binary' || task === 'multiclass') return CLASSIFICATION_METRICS;
  return [...new Set([...CLASSIFICATION_METRICS, ...REGRESSION_METRICS])];
}

/** Strips the validation prefix: `val_auc` -> `auc`. */
export function baseMetric(name: string): string {
  return name.startsWith('val_') ? name.slice(4) : name;
}

/**
 * Why a metric name (a gate's, early stopping's, a sweep's) is not computed for the task, with the
 * closest known name as the fix; undefined when the task computes it.
 */
export function unknownMetric(name: string, task: unknown, what: string): { message: string; replace?: string } | undefined {
  const known = metricsForTask(task);
  if (known.includes(baseMetric(name))) return undefined;
  const prefix = name.startsWith('val_') ? 'val_' : '';
  const guess = closest(baseMetric(name), known);
  const hint = guess ? ` Did you mean "${prefix}${guess}"?` : '';
  const taskText = typeof task === 'string' ? `a ${task} task` : 'this task';
  return { message: `${what} "${name}" is not computed for ${taskText}; available: ${known.join(', ')} (and val_ forms).${hint}`, ...(guess ? { replace: prefix + guess } : {}) };
}
