/**
 * The metrics a run is summed up by wherever runs are listed side by side (`mlops runs`, the model
 * catalog, notifications): validation scores first, then training scores, then losses.
 */
export const HEADLINE_METRICS: readonly string[] = ['val_auc', 'val_accuracy', 'val_f1', 'val_rmse', 'val_r2', 'val_loss', 'auc', 'accuracy', 'rmse', 'loss'];

/** The first `count` headline metrics that at least one of the runs has as a finite number, in headline order. */
export function headlineMetrics(runs: ReadonlyArray<Record<string, number | null | undefined>>, count = 3): string[] {
  return HEADLINE_METRICS.filter((k) => runs.some((m) => Number.isFinite(m[k]))).slice(0, count);
}
