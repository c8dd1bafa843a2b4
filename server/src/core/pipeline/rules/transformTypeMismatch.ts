import { isKnownLogicalType, isNumericLogicalType } from '../../contract/model';
import { getChild } from '../../yaml/tree';
import { mapPairs } from '../../yaml/select';
import type { PipelineRule } from './types';

/**
 * standardize/normalize need numbers (an error: training would fail); onehot on a numeric column
 * runs but treats every distinct number as a category, which is rarely meant (a warning).
 */
export const transformTypeMismatch: PipelineRule = {
  code: 'transform-type-mismatch',
  check({ a, report }) {
    const cols = a.columns;
    if (!cols) return;
    const byName = new Map(cols.schema.properties.map((p) => [p.name, p]));
    for (const pair of mapPairs(getChild(getChild(a.root ?? undefined, 'features'), 'transforms'))) {
      const prop = byName.get(String(pair.key.value));
      const transform = pair.value.kind === 'scalar' ? pair.value.value : undefined;
      // An invalid logicalType is the contract's error, reported there; no follow-on error here.
      if (!isKnownLogicalType(prop?.logicalType) || typeof transform !== 'string') continue;
      const numeric = isNumericLogicalType(prop!.logicalType);
      if ((transform === 'standardize' || transform === 'normalize') && !numeric) {
        report(pair.value.range, `"${transform}" needs a numeric column, but "${prop!.name}" is ${prop!.logicalType} in the contract. Use "onehot" for categories.`, 'error', { replace: 'onehot' });
      } else if (transform === 'onehot' && numeric) {
        report(pair.value.range, `"onehot" on "${prop!.name}", which is ${prop!.logicalType} in the contract: every distinct number becomes a category. Use "standardize" unless the numbers are codes.`, 'warning', { replace: 'standardize' });
      }
    }
  },
};
