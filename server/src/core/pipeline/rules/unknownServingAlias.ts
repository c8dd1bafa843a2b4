import { join } from 'node:path';
import { currentAliases, parseAliasEvents } from '../../registry/aliases';
import { modelPaths } from '../../registry/names';
import { getChild, type YScalar } from '../../yaml/tree';
import { scalar } from '../../yaml/select';
import { closest } from '../../validation/similar';
import type { PipelineRule } from './types';

/**
 * `serving.alias` and `serving.shadow` must name an alias the registry has for the served model, or
 * `mlops serve` refuses to start. Checked only when the model is registered next to the spec
 * (models/<name>/ exists): before the first registration every alias is still to come.
 */
export const unknownServingAlias: PipelineRule = {
  code: 'unknown-serving-alias',
  check({ a, host, report }) {
    const root = a.root ?? undefined;
    const serving = getChild(root, 'serving');
    if (!serving) return;
    const model = scalar(getChild(serving, 'model'))?.value ?? scalar(getChild(getChild(root, 'registry'), 'model'))?.value;
    if (typeof model !== 'string') return;
    const paths = modelPaths(model);
    if (!host.exists(join(a.dir, paths.dir))) return;
    let aliases: Record<string, number>;
    try {
      aliases = currentAliases(parseAliasEvents(host.readText(join(a.dir, paths.aliases)) ?? '', paths.aliases));
    } catch {
      return;
    }
    const known = Object.keys(aliases).sort();
    const check = (node: YScalar | undefined, what: string) => {
      if (!node || typeof node.value !== 'string' || node.value in aliases) return;
      const guess = closest(node.value, known);
      const listed = known.length ? `its aliases: ${known.map((k) => `${k} (v${aliases[k]})`).join(', ')}` : 'it has no alias yet';
      report(node.range, `${what} "${node.value}" names no version of ${model} (${listed}); promote one first: mlops promote ${model} v1 ${node.value}.${guess ? ` Did you mean "${guess}"?` : ''}`,
        'warning', { replace: guess ?? undefined });
    };
    check(scalar(getChild(serving, 'alias')), 'serving.alias');
    check(scalar(getChild(serving, 'shadow')), 'serving.shadow');
  },
};
