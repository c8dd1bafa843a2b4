import { getChild, nodeAtPath, toValue } from '../../yaml/tree';
import { mapPairs } from '../../yaml/select';
import type { PipelineRule } from './types';
import { schemaAtPath, schemaTypes } from '../schema';
import { parseSweepPath } from '../sweepPath';

/**
 * A sweep varies a value of this spec: the path must exist in the spec's schema (list indices must
 * exist in the spec itself), and a range (min/max) only makes sense for a number.
 */
export const unknownSweepParameter: PipelineRule = {
  code: 'unknown-sweep-parameter',
  check({ a, report }) {
    const root = a.root ?? undefined;
    for (const pair of mapPairs(getChild(getChild(root, 'sweep'), 'parameters'))) {
      const name = String(pair.key.value);
      const path = parseSweepPath(name);
      const target = path ? schemaAtPath(path) : undefined;
      const indexMissing = path?.some((seg, i) => typeof seg === 'number' && !nodeAtPath(a.root, path.slice(0, i + 1)).found);
      if (!path || !target || indexMissing) {
        const why = !path ? 'is not a path such as training.learningRate or model.layers[0].units'
          : indexMissing ? 'points at a list entry that the spec does not have' : 'is not a setting of the spec';
        report(pair.key.range, `Sweep parameter "${name}" ${why}.`);
        continue;
      }
      const space = (toValue(pair.value) ?? {}) as Record<string, unknown>;
      const types = schemaTypes(target);
      const numeric = types.includes('number') || types.includes('integer');
      if ((space.min !== undefined || space.max !== undefined) && !numeric) {
        report(pair.key.range, `Sweep parameter "${name}" is ${types.join(' or ') || 'not a number'}, so it cannot take a range (min/max); list its values instead.`);
      } else if (Array.isArray(space.values) && target.enum) {
        const bad = space.values.filter((v) => !target.enum!.includes(v));
        if (bad.length) report(getChild(pair.value, 'values')?.range ?? pair.key.range, `Sweep values ${bad.map((b) => JSON.stringify(b)).join(', ')} are not allowed for "${name}"; use: ${target.enum.join(', ')}.`);
      }
    }
  },
};
