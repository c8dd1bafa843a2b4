import { getChild } from '../../yaml/tree';
import { scalar, scalars } from '../../yaml/select';
import type { PipelineRule } from './types';

/**
 * The target listed among the inputs leaks the label into the model: training "succeeds" with a
 * perfect score that means nothing. It runs, so this is a warning, on the offending list entry.
 */
export const targetInFeatures: PipelineRule = {
  code: 'target-in-features',
  check({ a, report }) {
    const features = getChild(a.root ?? undefined, 'features');
    const target = scalar(getChild(features, 'target'))?.value;
    if (typeof target !== 'string') return;
    for (const entry of scalars(getChild(features, 'include'))) {
      if (entry.value !== target) continue;
      report(entry.range, `"${target}" is the target and also an input: the model would see the answer (label leakage). Remove it from features.include.`, 'warning');
    }
  },
};
