import { getChild } from '../../yaml/tree';
import { scalar } from '../../yaml/select';
import type { PipelineRule } from './types';
import { unknownMetric } from '../metrics';

/**
 * A sweep ranks its trials by `sweep.metric`; a metric the task does not compute leaves every trial
 * unranked, so the sweep could pick no best trial.
 */
export const unknownSweepMetric: PipelineRule = {
  code: 'unknown-sweep-metric',
  check({ a, report }) {
    const root = a.root ?? undefined;
    const sweep = getChild(root, 'sweep');
    const task = scalar(getChild(getChild(root, 'model'), 'task'))?.value;
    // The pruner's metric (sweep.pruner.metric) is reported at every rung: unknown, no trial could be judged.
    for (const [metric, what] of [[scalar(getChild(sweep, 'metric')), 'Sweep metric'], [scalar(getChild(getChild(sweep, 'pruner'), 'metric')), 'Pruner metric']] as const) {
      if (!metric) continue;
      const problem = unknownMetric(String(metric.value), task, what);
      if (problem) report(metric.range, problem.message, 'error', { replace: problem.replace });
    }
  },
};
