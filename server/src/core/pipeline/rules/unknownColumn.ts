import { getChild } from '../../yaml/tree';
import { mapPairs, scalar, scalars } from '../../yaml/select';
import type { PipelineRule, PipelineRuleContext } from './types';
import { closest } from '../../validation/similar';
import type { YScalar } from '../../yaml/tree';

/** Every column name the spec writes, with where it is written. */
export function columnReferences(ctx: PipelineRuleContext): Array<{ node: YScalar; where: string }> {
  const root = ctx.a.root ?? undefined;
  const features = getChild(root, 'features');
  const drift = getChild(getChild(root, 'monitoring'), 'drift');
  const fairness = getChild(getChild(root, 'evaluation'), 'fairness');
  const target = scalar(getChild(features, 'target'));
  const keyScalar = (pairs: ReturnType<typeof mapPairs>) => pairs.map((p) => p.key);
  return [
    ...(target ? [{ node: target, where: 'features.target' }] : []),
    ...scalars(getChild(features, 'include')).map((node) => ({ node, where: 'features.include' })),
    ...scalars(getChild(features, 'exclude')).map((node) => ({ node, where: 'features.exclude' })),
    ...keyScalar(mapPairs(getChild(features, 'transforms'))).map((node) => ({ node, where: 'features.transforms' })),
    ...scalars(getChild(drift, 'features')).map((node) => ({ node, where: 'monitoring.drift.features' })),
    ...keyScalar(mapPairs(getChild(drift, 'perFeature'))).map((node) => ({ node, where: 'monitoring.drift.perFeature' })),
    ...scalars(getChild(fairness, 'sensitive')).map((node) => ({ node, where: 'evaluation.fairness.sensitive' })),
    ...keyScalar(mapPairs(getChild(fairness, 'bins'))).map((node) => ({ node, where: 'evaluation.fairness.bins' })),
  ];
}

/** Columns named in features and monitoring must exist in the training data's contract. */
export const unknownColumn: PipelineRule = {
  code: 'unknown-column',
  check(ctx) {
    const cols = ctx.a.columns;
    if (!cols) return;
    const names = cols.schema.properties.map((p) => p.name);
    const known = new Set(names);
    for (const { node, where } of columnReferences(ctx)) {
      const name = String(node.value);
      if (known.has(name)) continue;
      const suggestion = closest(name, names);
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
      ctx.report(node.range, `${where} names "${name}", which is not a column of "${cols.schema.name}" in ${cols.contract.path.split(/[\\/]/).pop()}.${hint}`, 'error', { replace: suggestion });
    }
  },
};
