import { getPair } from '../../yaml/tree';
import type { ContractRule } from './types';
import { forEachQuality } from './walk';

/** mustBeBetween: [high, low] reads as an empty range; the standard writes the low bound first. */
export const betweenOrder: ContractRule = {
  code: 'odcs-between-order',
  check(ctx) {
    forEachQuality(ctx.root, ({ node }) => {
      for (const key of ['mustBeBetween', 'mustNotBeBetween']) {
        const v = getPair(node, key)?.value;
        if (v?.kind !== 'seq' || v.items.length !== 2) continue;
        const [a, b] = v.items.map((i) => (i.kind === 'scalar' ? i.value : undefined));
        if (typeof a === 'number' && typeof b === 'number' && a > b) {
          ctx.report(v.range, `${key} [${a}, ${b}] has its bounds reversed: write the low bound first, [${b}, ${a}].`, 'warning');
        }
      }
    });
  },
};
