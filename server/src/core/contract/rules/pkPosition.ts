import type { ContractRule } from './types';
import { forEachProperty, scalarAt } from './walk';

/** A primaryKeyPosition on a property that is not part of the primary key (-1 means "none" and is fine). */
export const pkPositionWithoutPk: ContractRule = {
  code: 'odcs-pk-position-without-pk',
  check(ctx) {
    forEachProperty(ctx.root, ({ node }) => {
      const pos = scalarAt(node, 'primaryKeyPosition');
      if (!pos || typeof pos.value !== 'number' || pos.value === -1) return;
      if (scalarAt(node, 'primaryKey')?.value === true) return;
      ctx.report(pos.range, `primaryKeyPosition ${pos.value} is set but the property is not a primary key: add \`primaryKey: true\` or remove the position.`, 'warning');
    });
  },
};
