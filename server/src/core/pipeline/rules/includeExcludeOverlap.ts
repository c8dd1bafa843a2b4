import { scalars } from '../../yaml/select';
import { getChild } from '../../yaml/tree';
import type { PipelineRule } from './types';

/**
 * A column in both features.include and features.exclude is excluded (exclude wins), so its include
 * entry does nothing: usually one of the two lists was edited and the other forgotten.
 */
export const includeExcludeOverlap: PipelineRule = {
  code: 'include-exclude-overlap',
  check({ a, report }) {
    const features = getChild(a.root ?? undefined, 'features');
    const excluded = new Set(scalars(getChild(features, 'exclude')).map((n) => n.value as string));
    for (const entry of scalars(getChild(features, 'include'))) {
      if (!excluded.has(entry.value as string)) continue;
      report(entry.range, `"${String(entry.value)}" is also in features.exclude, which wins: this include entry does nothing. Remove it from one of the two lists.`, 'warning');
    }
  },
};
