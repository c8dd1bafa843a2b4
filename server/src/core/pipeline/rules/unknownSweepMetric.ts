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
    const metric = scalar(getChild(getChild(root, 'sweep'), 'metric'));
    if (!metric) return;
    const task = scalar(getChild(getChild(root, 'model'), 'task'))?.value;
    const problem = unknownMetric(String(metric.value), task, 'Sweep metric');
    if (problem) report(metric.range, problem.message, 'error', { replace: problem.replace });
  },
};
