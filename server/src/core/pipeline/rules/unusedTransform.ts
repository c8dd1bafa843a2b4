import { getChild } from '../../yaml/tree';
import { mapPairs, scalar, scalars } from '../../yaml/select';
import type { PipelineRule } from './types';

/**
 * A transform for a column the model never reads (not in `include`, listed in `exclude`, or the target)
 * does nothing: usually a column was renamed or dropped from the inputs and the transform left behind.
 */
export const unusedTransform: PipelineRule = {
  code: 'unused-transform',
  check({ a, report }) {
    const features = getChild(a.root ?? undefined, 'features');
    const include = getChild(features, 'include') ? new Set(scalars(getChild(features, 'include')).map((n) => n.value as string)) : undefined;
    const exclude = new Set(scalars(getChild(features, 'exclude')).map((n) => n.value as string));
    const target = scalar(getChild(features, 'target'))?.value;
    const known = a.columns ? new Set(a.columns.schema.properties.map((p) => p.name)) : undefined;
    for (const pair of mapPairs(getChild(features, 'transforms'))) {
      const column = String(pair.key.value);
      if (known && !known.has(column)) continue; // unknown-column already says what is wrong
      const why = column === target ? 'is the target, not an input'
        : exclude.has(column) ? 'is in features.exclude'
        : include && !include.has(column) ? 'is not in features.include' : undefined;
      if (why) report(pair.key.range, `The transform for "${column}" is never applied: the column ${why}.`, 'warning');
    }
  },
};
