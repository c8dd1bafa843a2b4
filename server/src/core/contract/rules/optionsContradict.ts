import type { Range } from 'vscode-languageserver-types';
import { getChild, type YMap } from '../../yaml/tree';
import type { ContractRule } from './types';
import { forEachProperty, scalarAt } from './walk';

// Pairs of options where the first must not exceed the second (or, `strict`, must stay below it).
const PAIRS: Array<[string, string, boolean]> = [
  ['minimum', 'maximum', false], ['exclusiveMinimum', 'exclusiveMaximum', true], ['minimum', 'exclusiveMaximum', true],
  ['exclusiveMinimum', 'maximum', true], ['minLength', 'maxLength', false], ['minItems', 'maxItems', false],
  ['minProperties', 'maxProperties', false],
];

/** A comparable form of an option value: numbers as they are, dates and times as epoch milliseconds. */
function comparable(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  if (/^\d{2}:\d{2}/.test(v)) return Date.parse(`1970-01-01T${v}Z`);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

function check(options: YMap, report: (r: Range, m: string) => void): void {
  for (const [low, high, strict] of PAIRS) {
    const a = scalarAt(options, low);
    const b = scalarAt(options, high);
    if (!a || !b) continue;
    const [x, y] = [comparable(a.value), comparable(b.value)];
    if (x === undefined || y === undefined) continue;
    if (strict ? x >= y : x > y) {
      report(a.range, `${low} ${String(a.value)} is ${strict && x === y ? 'equal to' : 'greater than'} ${high} ${String(b.value)}: no value can satisfy both.`);
    }
  }
}

/** logicalTypeOptions that contradict each other (minimum above maximum, minLength above maxLength, ...). */
export const optionsContradict: ContractRule = {
  code: 'odcs-options-contradict',
  check(ctx) {
    forEachProperty(ctx.root, ({ node }) => {
      const options = getChild(node, 'logicalTypeOptions');
      if (options?.kind === 'map') check(options, (r, m) => ctx.report(r, m));
      const items = getChild(node, 'items');
      const itemOptions = items?.kind === 'map' ? getChild(items, 'logicalTypeOptions') : undefined;
      if (itemOptions?.kind === 'map') check(itemOptions, (r, m) => ctx.report(r, m));
    });
  },
};
