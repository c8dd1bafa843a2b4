import { getChild, type YScalar } from '../../yaml/tree';
import { mapPairs, scalar } from '../../yaml/select';
import type { PipelineRule } from './types';
import { baseMetric, metricsForTask } from '../metrics';
import { closest } from '../../validation/similar';

/**
 * Gates (and the metrics that drive early stopping and sweeps) must name a metric the task computes;
 * otherwise the gate could never be evaluated and the run would fail at the end.
 */
export const unknownGateMetric: PipelineRule = {
  code: 'unknown-gate-metric',
  check({ a, report }) {
    const root = a.root ?? undefined;
    const task = scalar(getChild(getChild(root, 'model'), 'task'))?.value;
    const known = metricsForTask(task);
    const check = (node: YScalar, what: string) => {
      const name = String(node.value);
      if (known.includes(baseMetric(name))) return;
      const prefix = name.startsWith('val_') ? 'val_' : '';
      const guess = closest(baseMetric(name), known);
      const hint = guess ? ` Did you mean "${prefix}${guess}"?` : '';
      const taskText = typeof task === 'string' ? `a ${task} task` : 'this task';
      report(node.range, `${what} "${name}" is not computed for ${taskText}; available: ${known.join(', ')} (and val_ forms).${hint}`, 'error', { replace: guess ? prefix + guess : undefined });
    };
    for (const pair of mapPairs(getChild(getChild(root, 'evaluation'), 'gates'))) check(pair.key, 'Gate metric');
    const monitor = scalar(getChild(getChild(getChild(root, 'training'), 'earlyStopping'), 'monitor'));
    if (monitor) check(monitor, 'Early-stopping metric');
    const sweepMetric = scalar(getChild(getChild(root, 'sweep'), 'metric'));
    if (sweepMetric) check(sweepMetric, 'Sweep metric');
  },
};
