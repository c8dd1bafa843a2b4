import { getChild } from '../../yaml/tree';
import type { ContractRule } from './types';
import { forEachQuality } from './walk';

/** A validValues (or missingValues) list that names the same value twice: likely a typo for another value. */
export const duplicateValidValues: ContractRule = {
  code: 'odcs-duplicate-valid-values',
  check(ctx) {
    forEachQuality(ctx.root, ({ node }) => {
      const args = getChild(node, 'arguments');
      for (const key of ['validValues', 'missingValues']) {
        const list = getChild(args, key);
        if (list?.kind !== 'seq') continue;
        const seen = new Set<string>();
        for (const item of list.items) {
          if (item.kind !== 'scalar') continue;
          const k = JSON.stringify(item.value);
          if (seen.has(k)) ctx.report(item.range, `${key} lists ${k} more than once.`, 'warning');
          seen.add(k);
        }
      }
    });
  },
};
