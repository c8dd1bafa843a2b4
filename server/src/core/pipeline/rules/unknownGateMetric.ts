import { getChild, type YNode, type YScalar } from '../../yaml/tree';
import { mapPairs, scalar, scalars } from '../../yaml/select';
import { FAIRNESS_METRICS, fairnessMetricsFor } from '../../evaluation/definitions';
import type { Report } from '../../validation/rule';
import type { PipelineRule } from './types';
import { unknownMetric } from '../metrics';

/** Fairness metrics and gates must be of the task (a regression has no selection rate); the schema knows only the names. */
function checkFairness(fairness: YNode | undefined, task: unknown, report: Report): void {
  if (task !== 'binary' && task !== 'regression') return;
  const gates = new Set(fairnessMetricsFor(task, true));
  const all = new Set(fairnessMetricsFor(task, false));
  const check = (node: YScalar, known: Set<string>, what: string) => {
    const name = String(node.value);
    if (known.has(name) || !FAIRNESS_METRICS.includes(name)) return; // an unknown name is the schema's to report
    report(node.range, `${what} "${name}" is not measured for a ${task} task; available: ${[...known].join(', ')}.`, 'error');
  };
  for (const pair of mapPairs(getChild(fairness, 'gates'))) check(pair.key, gates, 'Fairness gate');
  for (const node of scalars(getChild(fairness, 'metrics'))) check(node, all, 'Fairness metric');
}

/**
 * Gates (and the metric that drives early stopping) must name a metric the task computes; otherwise
 * the gate could never be evaluated and the run would fail at the end. A sweep's metric has its own
 * code (unknown-sweep-metric).
 */
export const unknownGateMetric: PipelineRule = {
  code: 'unknown-gate-metric',
  check({ a, report }) {
    const root = a.root ?? undefined;
    const task = scalar(getChild(getChild(root, 'model'), 'task'))?.value;
    const check = (node: YScalar, what: string) => {
      const problem = unknownMetric(String(node.value), task, what);
      if (problem) report(node.range, problem.message, 'error', { replace: problem.replace });
    };
    for (const pair of mapPairs(getChild(getChild(root, 'evaluation'), 'gates'))) check(pair.key, 'Gate metric');
    const monitor = scalar(getChild(getChild(getChild(root, 'training'), 'earlyStopping'), 'monitor'));
    if (monitor) check(monitor, 'Early-stopping metric');
    const fairnessKey = mapPairs(getChild(root, 'evaluation')).find((p) => p.key.value === 'fairness')?.key;
    if (fairnessKey && task === 'multiclass') {
      report(fairnessKey.range, 'Fairness metrics are measured for binary classification and regression, not multiclass (selection rates need one positive class).', 'error');
    }
    checkFairness(getChild(getChild(root, 'evaluation'), 'fairness'), task, report);
  },
};
