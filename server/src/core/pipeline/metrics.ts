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
