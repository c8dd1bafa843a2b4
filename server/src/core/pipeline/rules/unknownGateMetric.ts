import { getChild, type YScalar } from '../../yaml/tree';
import { mapPairs, scalar } from '../../yaml/select';
import type { PipelineRule } from './types';
import { unknownMetric } from '../metrics';

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
  },
};
