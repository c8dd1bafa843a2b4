import { getChild } from '../../yaml/tree';
import { scalars } from '../../yaml/select';
import type { PipelineRule } from './types';

/**
 * A sensitive column that is also a model input lets the model use group membership directly; that
 * may be intended (or required), so this is a warning on the sensitive entry. Inputs are
 * features.include, or, without it, every contract column but the excluded ones and the target.
 */
export const sensitiveFeatureUsed: PipelineRule = {
  code: 'sensitive-feature-used',
  check({ a, report }) {
    const root = a.root ?? undefined;
    const spec = a.value as { features?: { target?: unknown; include?: unknown; exclude?: unknown } };
    const features = spec.features;
    if (!features || typeof features !== 'object') return;
    const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
    const excluded = new Set([...(list(features.exclude) ?? []), ...(typeof features.target === 'string' ? [features.target] : [])]);
    const include = list(features.include) ?? a.columns?.schema.properties.map((p) => p.name);
    if (!include) return;
    const inputs = new Set(include.filter((c) => !excluded.has(c)));
    for (const node of scalars(getChild(getChild(getChild(root, 'evaluation'), 'fairness'), 'sensitive'))) {
      const name = String(node.value);
      if (!inputs.has(name)) continue;
      const how = list(features.include) ? 'listed in features.include' : 'a model input (features.include is not set, so every contract column is)';
      report(node.range, `Sensitive column "${name}" is also ${how}: the model can use group membership directly. Leave it out of the inputs (features.exclude) unless that is intended.`, 'warning');
    }
  },
};
