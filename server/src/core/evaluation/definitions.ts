/**
 * The fairness metrics `evaluation.fairness` knows, by task, with the definitions shown in hover and
 * completion. Definitions follow Fairlearn's (fairlearn.metrics); where a value is undefined the
 * choice made here is stated (README, "Fairness").
 */
export type FairnessTask = 'binary' | 'regression';

export const GROUP_METRICS: Record<FairnessTask, readonly string[]> = {
  binary: ['selection_rate', 'true_positive_rate', 'false_positive_rate', 'accuracy', 'auc'],
  regression: ['mae', 'rmse'],
};

export const SUMMARY_METRICS: Record<FairnessTask, readonly string[]> = {
  binary: ['demographic_parity_difference', 'demographic_parity_ratio', 'equalized_odds_difference', 'equalized_odds_ratio'],
  regression: ['mae_difference', 'rmse_difference'],
};

/** One sentence per metric: what it measures and when it is null. */
export const FAIRNESS_METRIC_DOCS: Record<string, string> = {
  selection_rate: 'Per group: the share of rows predicted positive (probability >= 0.5), P(h(X)=1 | A=a).',
  true_positive_rate: 'Per group: TP / (TP + FN), P(h(X)=1 | A=a, Y=1). Null for a group with no positive rows.',
  false_positive_rate: 'Per group: FP / (FP + TN), P(h(X)=1 | A=a, Y=0). Null for a group with no negative rows.',
  accuracy: 'Per group: (TP + TN) / n, the share of rows predicted right.',
  auc: 'Per group: area under the ROC curve of the predicted probability (Mann-Whitney, ties count half). Null for a group with one class only.',
  mae: 'Per group (regression): mean absolute error.',
  rmse: 'Per group (regression): root mean squared error.',
  demographic_parity_difference: 'Largest minus smallest selection rate over the groups (0 means equal selection rates). Fairlearn\'s demographic_parity_difference.',
  demographic_parity_ratio: 'Smallest divided by largest selection rate over the groups (1 means equal). Null when every group\'s selection rate is 0. Fairlearn\'s demographic_parity_ratio.',
  equalized_odds_difference: 'The larger of the true-positive-rate gap and the false-positive-rate gap (largest minus smallest over the groups). Groups whose rate is null are left out. Fairlearn\'s equalized_odds_difference (worst case).',
  equalized_odds_ratio: 'The smaller of the true-positive-rate ratio and the false-positive-rate ratio (smallest divided by largest over the groups). A ratio whose largest rate is 0 is null and left out. Fairlearn\'s equalized_odds_ratio (worst case).',
  mae_difference: 'Regression: largest minus smallest per-group mean absolute error.',
  rmse_difference: 'Regression: largest minus smallest per-group root mean squared error.',
};

/** Every fairness metric name, for completion and the schema. */
export const FAIRNESS_METRICS: readonly string[] = Object.keys(FAIRNESS_METRIC_DOCS);

/** Metrics where a larger value is worse (gaps); the others (ratios) are worse when smaller. */
export function isGapMetric(name: string): boolean {
  return name.endsWith('_difference');
}

/** Fairness metrics for a task as the spec writes it (both tasks' when it is unknown); summary metrics only for gates. */
export function fairnessMetricsFor(task: unknown, summaryOnly: boolean): string[] {
  const tasks: FairnessTask[] = task === 'binary' || task === 'regression' ? [task] : ['binary', 'regression'];
  return tasks.flatMap((t) => [...(summaryOnly ? [] : GROUP_METRICS[t]), ...SUMMARY_METRICS[t]]);
}
